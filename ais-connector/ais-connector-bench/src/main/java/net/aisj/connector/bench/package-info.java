/** JMH benchmarks of the connector's CPU-bound parts; run from {@code target/benchmarks.jar}, never by the build. */
package net.aisj.connector.bench;
