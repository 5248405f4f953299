package net.aisj.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import net.jpountz.xxhash.StreamingXXHash64;
import net.jpountz.xxhash.XXHashFactory;

/** XXH64 as AIS reports it ({@code xxhash2}: unseeded, 16 lower-case hex digits) and seeded for HRW. */
public final class Xxh {

    private static final XXHashFactory FACTORY = XXHashFactory.fastestJavaInstance();

    private Xxh() {}

    public static long hash64(byte[] data, long seed) {
        return FACTORY.hash64().hash(data, 0, data.length, seed);
    }

    /** Unseeded XXH64 as 16 lower-case hex digits (AIS {@code Ais-Checksum-Value} for xxhash2). */
    public static String hex(byte[] data) {
        return hex(hash64(data, 0));
    }

    public static String hex(long h) {
        return String.format("%016x", h);
    }

    public static StreamingXXHash64 streaming() {
        return FACTORY.newStreamingHash64(0);
    }

    /** Reads {@code in} to the end; returns {@code [bytesRead, hash]}. */
    public static long[] hashStream(InputStream in) {
        StreamingXXHash64 h = streaming();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                h.update(buf, 0, n);
                total += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("after " + total + " bytes", e);
        }
        return new long[] {total, h.getValue()};
    }
}
