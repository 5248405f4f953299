/**
 * ETL as domain values: an ETL's init spec (AIS's {@code ETLSpecMsg}), its stage, and the cluster-wide ETL
 * metadata (AIS's EtlMD). No I/O, no JSON, no cluster.
 */
package net.aisj.core.etl;
