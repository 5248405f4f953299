/** Black-box tests of ETL: transformers the tests ship, run by the nodes as local processes. */
package net.aisj.it.etl;
