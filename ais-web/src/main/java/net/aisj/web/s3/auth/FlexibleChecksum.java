package net.aisj.web.s3.auth;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The S3 "flexible checksums" a client may send as {@code x-amz-checksum-<algorithm>} (header or aws-chunked
 * trailer): base64 of the big-endian CRC32/CRC32C/CRC64NVME or of the SHA-1/SHA-256 digest.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html. One instance per body.
 */
public abstract class FlexibleChecksum {

    /** The header/trailer name prefix. */
    public static final String PREFIX = "x-amz-checksum-";

    private final String name;

    private FlexibleChecksum(String name) {
        this.name = name;
    }

    /** The header name, e.g. {@code x-amz-checksum-crc32}. */
    public String header() {
        return PREFIX + name;
    }

    public abstract void update(byte[] b, int off, int len);

    /** The base64 value as the client sends it. */
    public abstract String base64();

    /** The checksum for {@code header} ({@code x-amz-checksum-crc32}...), or null for an algorithm we do not know. */
    public static FlexibleChecksum forHeader(String header) {
        String h = header.toLowerCase(Locale.ROOT);
        if (!h.startsWith(PREFIX)) {
            return null;
        }
        String alg = h.substring(PREFIX.length());
        return switch (alg) {
            case "crc32" -> crc(alg, new CRC32());
            case "crc32c" -> crc(alg, new CRC32C());
            case "crc64nvme" -> new Crc64Nvme();
            case "sha1" -> digest(alg, "SHA-1");
            case "sha256" -> digest(alg, "SHA-256");
            default -> null;
        };
    }

    private static FlexibleChecksum crc(String alg, Checksum c) {
        return new FlexibleChecksum(alg) {
            @Override
            public void update(byte[] b, int off, int len) {
                c.update(b, off, len);
            }

            @Override
            public String base64() {
                return Base64.getEncoder()
                        .encodeToString(ByteBuffer.allocate(4)
                                .putInt((int) c.getValue())
                                .array());
            }
        };
    }

    private static FlexibleChecksum digest(String alg, String jca) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(jca);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new FlexibleChecksum(alg) {
            @Override
            public void update(byte[] b, int off, int len) {
                md.update(b, off, len);
            }

            @Override
            public String base64() {
                return Base64.getEncoder().encodeToString(md.digest());
            }
        };
    }

    /** CRC-64/NVME (reflected polynomial 0x9a6c9329ac4bc9b5, init and xorout all ones). */
    private static final class Crc64Nvme extends FlexibleChecksum {
        private static final long[] TABLE = new long[256];

        static {
            for (int i = 0; i < 256; i++) {
                long c = i;
                for (int k = 0; k < 8; k++) {
                    c = (c & 1) != 0 ? (c >>> 1) ^ 0x9a6c9329ac4bc9b5L : c >>> 1;
                }
                TABLE[i] = c;
            }
        }

        private long crc = -1L;

        Crc64Nvme() {
            super("crc64nvme");
        }

        @Override
        public void update(byte[] b, int off, int len) {
            long c = crc;
            for (int i = off; i < off + len; i++) {
                c = TABLE[(int) ((c ^ b[i]) & 0xff)] ^ (c >>> 8);
            }
            crc = c;
        }

        @Override
        public String base64() {
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(8).putLong(~crc).array());
        }
    }
}
