package net.aisj.connector.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.aisj.connector.ec.ReedSolomon;
import net.aisj.connector.ec.SliceSource;
import net.aisj.connector.ec.StripeDecoder;
import net.aisj.connector.ec.StripeEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * EC throughput through the streaming layer on one thread, in memory (no disk): {@code encode} cuts an object into
 * D data + P parity slices; {@code reconstruct} regenerates the first P data slices (the worst case: parity rows are
 * needed) from the other D. GB/s = {@code size} x ops/s; both move the whole object through the codec once.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ErasureCodingBenchmark {

    /** data+parity slices */
    @Param({"2+2", "4+2", "8+3"})
    public String scheme;

    /** object size in bytes: 1 MiB, 64 MiB */
    @Param({"1048576", "67108864"})
    public int size;

    private ReedSolomon rs;
    private byte[] object;
    private SliceSource[] survivors;
    private OutputStream[] encodeOut;
    private OutputStream[] rebuildOut;

    @Setup
    public void setUp() throws IOException {
        String[] dp = scheme.split("\\+");
        rs = new ReedSolomon(Integer.parseInt(dp[0]), Integer.parseInt(dp[1]));
        object = new byte[size];
        new Random(42).nextBytes(object);
        int total = rs.totalShards();
        ByteArrayOutputStream[] slices = new ByteArrayOutputStream[total];
        for (int i = 0; i < total; i++) {
            slices[i] = new ByteArrayOutputStream();
        }
        new StripeEncoder(rs).encode(SliceSource.of(object), size, slices);
        survivors = new SliceSource[total];
        encodeOut = new OutputStream[total];
        rebuildOut = new OutputStream[total];
        for (int i = 0; i < total; i++) {
            encodeOut[i] = OutputStream.nullOutputStream();
            if (i < rs.parityShards()) {
                rebuildOut[i] = OutputStream.nullOutputStream();
            } else {
                survivors[i] = SliceSource.of(slices[i].toByteArray());
            }
        }
    }

    @Benchmark
    public void encode() throws IOException {
        new StripeEncoder(rs).encode(SliceSource.of(object), size, encodeOut);
    }

    @Benchmark
    public void reconstruct() throws IOException {
        new StripeDecoder(rs).rebuild(survivors, size, rebuildOut);
    }
}
