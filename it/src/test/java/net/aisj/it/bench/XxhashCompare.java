package net.aisj.it.bench;

import java.util.Locale;
import java.util.SplittableRandom;
import net.jpountz.xxhash.StreamingXXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Which xxhash64 of lz4-java hashes PUT bodies fastest here: the instance we use ({@code fastestJavaInstance()},
 * pure Java with {@code Unsafe}) against the JNI one ({@code fastestInstance()}), streaming 256 KiB updates (our PUT
 * buffer) for {@code --seconds} (2) per instance and round, three rounds alternating, in one JVM. Also checks that
 * both give the same hash. {@code java -cp ... net.aisj.it.bench.XxhashCompare}.
 */
final class XxhashCompare {

    private XxhashCompare() {}

    public static void main(String[] args) {
        double seconds = Double.parseDouble(Sizes.options(args).getOrDefault("seconds", "2"));
        byte[] buf = new byte[256 * 1024];
        new SplittableRandom(1).nextBytes(buf);
        XXHashFactory[] fs = {XXHashFactory.fastestJavaInstance(), XXHashFactory.fastestInstance()};
        if (fs[0].hash64().hash(buf, 0, buf.length, 0) != fs[1].hash64().hash(buf, 0, buf.length, 0)) {
            throw new AssertionError("the two instances disagree");
        }
        for (int round = 1; round <= 3; round++) {
            for (XXHashFactory f : fs) {
                long t0 = System.nanoTime();
                long bytes = 0;
                long x = 0;
                while (System.nanoTime() - t0 < seconds * 1e9) {
                    StreamingXXHash64 h = f.newStreamingHash64(0);
                    for (int i = 0; i < 64; i++) {
                        h.update(buf, 0, buf.length);
                        bytes += buf.length;
                    }
                    x ^= h.getValue();
                }
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf(
                        Locale.ROOT,
                        "round %d %-28s %,8.0f MiB/s (load %.1f; %x)%n",
                        round,
                        f,
                        bytes / s / (1 << 20),
                        Report.load1(),
                        x & 0xf);
            }
        }
    }
}
