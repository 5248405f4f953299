/**
 * The benchmark harness: a load generator in the spirit of AIS's {@code aisloader} ({@link net.aisj.it.bench.LoadGen},
 * lean HTTP/1.1 over sockets, native, S3 SigV4 and plain WebDAV endpoints) and {@link net.aisj.it.bench.BenchMain},
 * which starts our node and the references (nginx, s3proxy, the raw disk) and reports ratios measured in one run.
 * Not run by {@code mvn verify}; see {@code it/bench/run.sh}.
 */
package net.aisj.it.bench;
