package net.aisj.connector.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.CRC32C;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ChecksumType;
import net.jpountz.xxhash.StreamingXXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Computes an object checksum while bytes stream by, as AIS does: xxhash/xxhash2 = unseeded XXH64 (16 hex
 * digits), md5/sha256/sha512 via {@link MessageDigest}, crc32c (8 hex digits), none. One instance per stream; not
 * thread-safe.
 */
abstract class ChecksumHasher implements AutoCloseable {

    /**
     * XXH64 for reads: lz4-java's native implementation where it loads (several times faster than the Java one:
     * measured 14 GB/s one-shot, 6 GB/s streaming vs 2.4 GB/s on this project's 2-core test machine), else Java's.
     */
    private static final XXHashFactory FAST = fastestXx();

    final ChecksumType type;

    private ChecksumHasher(ChecksumType type) {
        this.type = type;
    }

    abstract void update(byte[] b, int off, int len);

    abstract String hex();

    /** Releases native state (streaming hashers for reads); nothing for the others. */
    @Override
    public void close() {}

    /**
     * A hasher for verifying a read: like {@link #of} but with the fastest XXH64 available, whose native state is
     * released by {@link #close()} (call it: one per large read).
     */
    static ChecksumHasher forRead(ChecksumType type) {
        if (type != ChecksumType.XXHASH && type != ChecksumType.XXHASH2) {
            return of(type);
        }
        StreamingXXHash64 xx = FAST.newStreamingHash64(0);
        return new ChecksumHasher(type) {
            @Override
            void update(byte[] b, int off, int len) {
                xx.update(b, off, len);
            }

            @Override
            String hex() {
                return String.format(Locale.ROOT, "%016x", xx.getValue());
            }

            @Override
            public void close() {
                xx.close();
            }
        };
    }

    /** The fastest XXH64 factory this JVM has (native where it loads). */
    static XXHashFactory fastXx() {
        return FAST;
    }

    /** The checksum of {@code type} of {@code len} bytes of {@code b} (one-shot: no state for XXH64). */
    static Checksum ofBytes(ChecksumType type, byte[] b, int off, int len) {
        if (type == ChecksumType.XXHASH || type == ChecksumType.XXHASH2) {
            return new Checksum(
                    type, String.format(Locale.ROOT, "%016x", FAST.hash64().hash(b, off, len, 0)));
        }
        ChecksumHasher h = of(type);
        h.update(b, off, len);
        return h.result();
    }

    Checksum result() {
        return type == ChecksumType.NONE ? Checksum.NONE : new Checksum(type, hex());
    }

    /**
     * lz4-java's native XXH64, asked for explicitly: its {@code fastestInstance()} never tries it outside the system
     * class loader (here: the resource adapter's). Java's when the library cannot load (another class loader of the
     * JVM loaded it first, an unsupported platform).
     */
    private static XXHashFactory fastestXx() {
        try {
            XXHashFactory f = XXHashFactory.nativeInstance();
            f.hash64().hash(new byte[1], 0, 1, 0);
            FileOps.LOG.info("checksums: native XXH64 (lz4-java JNI)");
            return f;
        } catch (Throwable t) { // UnsatisfiedLinkError, ExceptionInInitializerError: the Java one is correct too
            FileOps.LOG.info("checksums: Java XXH64 (the native one does not load: " + t + ")");
            return XXHashFactory.fastestJavaInstance();
        }
    }

    static ChecksumHasher of(ChecksumType type) {
        switch (type) {
            case NONE:
                return new ChecksumHasher(type) {
                    @Override
                    void update(byte[] b, int off, int len) {}

                    @Override
                    String hex() {
                        return "";
                    }
                };
            case XXHASH:
            case XXHASH2:
                return new Xx(type);
            case CRC32C:
                return new Crc(type);
            case MD5:
                return new Digest(type, "MD5");
            case SHA256:
                return new Digest(type, "SHA-256");
            case SHA512:
                return new Digest(type, "SHA-512");
            default:
                throw new IllegalArgumentException("unsupported checksum type " + type);
        }
    }

    /** Checksums a whole file through positional reads (the channel's position is untouched). */
    static Checksum ofFile(FileChannel ch, ChecksumType type, int bufferSize) throws IOException {
        return ofFile(ch, type, bufferSize, null);
    }

    /** Like {@link #ofFile(FileChannel, ChecksumType, int)}, feeding {@code sums} (when not null) in the same pass. */
    static Checksum ofFile(FileChannel ch, ChecksumType type, int bufferSize, ChunkSums.Builder sums)
            throws IOException {
        ChecksumHasher h = of(type);
        if (type == ChecksumType.NONE && sums == null) {
            return Checksum.NONE;
        }
        byte[] arr = new byte[bufferSize];
        ByteBuffer buf = ByteBuffer.wrap(arr);
        long pos = 0;
        while (true) {
            buf.clear();
            int n = ch.read(buf, pos);
            if (n < 0) {
                break;
            }
            h.update(arr, 0, n);
            if (sums != null) {
                sums.update(arr, 0, n);
            }
            pos += n;
        }
        return h.result();
    }

    private static final class Xx extends ChecksumHasher {
        private final StreamingXXHash64 xx = XXHashFactory.fastestJavaInstance().newStreamingHash64(0);

        Xx(ChecksumType t) {
            super(t);
        }

        @Override
        void update(byte[] b, int off, int len) {
            xx.update(b, off, len);
        }

        @Override
        String hex() {
            return String.format(Locale.ROOT, "%016x", xx.getValue());
        }
    }

    private static final class Crc extends ChecksumHasher {
        private final CRC32C crc = new CRC32C();

        Crc(ChecksumType t) {
            super(t);
        }

        @Override
        void update(byte[] b, int off, int len) {
            crc.update(b, off, len);
        }

        @Override
        String hex() {
            return String.format(Locale.ROOT, "%08x", crc.getValue());
        }
    }

    private static final class Digest extends ChecksumHasher {
        private final MessageDigest md;

        Digest(ChecksumType t, String alg) {
            super(t);
            try {
                md = MessageDigest.getInstance(alg);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(alg + " is not available", e);
            }
        }

        @Override
        void update(byte[] b, int off, int len) {
            md.update(b, off, len);
        }

        @Override
        String hex() {
            return HexFormat.of().formatHex(md.digest());
        }
    }
}
