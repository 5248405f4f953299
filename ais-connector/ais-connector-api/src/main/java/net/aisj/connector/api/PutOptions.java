package net.aisj.connector.api;

import java.io.Serializable;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How to store an object.
 *
 * @param checksumType  what to compute while streaming (the bucket's {@code checksum.type})
 * @param expected      a client-supplied checksum to verify, or null; a mismatch fails the PUT and stores nothing
 * @param contentLength the declared length, or -1 if unknown; a stream that ends early fails the PUT
 * @param custom        custom metadata to store (replaces any previous), never null
 * @param versioning    whether to keep a version counter
 * @param fsync         whether to fsync data and directory before the PUT returns (write policy {@code immediate})
 * @param version       the exact version to store (an object moved between targets keeps its version), or null to
 *                      count ("1" on first PUT, then +1)
 * @param md5Etag       also compute the content's MD5 while streaming (whatever {@code checksumType} is) and store
 *                      it, quoted lower-case hex, as the custom metadata key {@value #ETAG} (S3 ETags)
 * @param copies        how many copies the object keeps on distinct mountpaths of this node (n-way mirroring, 1 =
 *                      the object alone; capped at the number of usable mountpaths)
 * @param syncCopies    make the copies before the PUT returns (else they are made in the background right after)
 * @param mtimeMillis   the modification time to record (an object moved between targets keeps it, so the newer of
 *                      two copies can be told), or 0 for the time of the commit
 */
public record PutOptions(
        ChecksumType checksumType,
        Checksum expected,
        long contentLength,
        Map<String, String> custom,
        boolean versioning,
        boolean fsync,
        String version,
        boolean md5Etag,
        int copies,
        boolean syncCopies,
        long mtimeMillis)
        implements Serializable {

    /** The custom metadata key of the S3 ETag ({@link #md5Etag}). */
    public static final String ETAG = "ETag";

    public PutOptions {
        custom = custom == null ? Map.of() : Map.copyOf(custom);
        checksumType = checksumType == null ? ChecksumType.XXHASH2 : checksumType;
        copies = Math.max(1, copies);
    }

    public PutOptions(
            ChecksumType checksumType,
            Checksum expected,
            long contentLength,
            Map<String, String> custom,
            boolean versioning,
            boolean fsync,
            String version,
            boolean md5Etag) {
        this(checksumType, expected, contentLength, custom, versioning, fsync, version, md5Etag, 1, false, 0);
    }

    public PutOptions(
            ChecksumType checksumType,
            Checksum expected,
            long contentLength,
            Map<String, String> custom,
            boolean versioning,
            boolean fsync,
            String version) {
        this(checksumType, expected, contentLength, custom, versioning, fsync, version, false);
    }

    public PutOptions(
            ChecksumType checksumType,
            Checksum expected,
            long contentLength,
            Map<String, String> custom,
            boolean versioning,
            boolean fsync) {
        this(checksumType, expected, contentLength, custom, versioning, fsync, null, false);
    }

    public static PutOptions defaults() {
        return new PutOptions(ChecksumType.XXHASH2, null, -1, Map.of(), true, true);
    }

    /** The same options with {@code md} as the custom metadata. */
    public PutOptions withCustom(Map<String, String> md) {
        return with(f -> f.custom = md);
    }

    /** The same options, verifying {@code c} (may be null) and {@code length} (-1: unknown). */
    public PutOptions withExpected(Checksum c, long length) {
        return with(f -> {
            f.expected = c;
            f.contentLength = length;
        });
    }

    /** The same options, storing exactly version {@code v} (see {@link #version}). */
    public PutOptions withVersion(String v) {
        return with(f -> f.version = v);
    }

    /** The same options, with the MD5 ETag computed while streaming (see {@link #md5Etag}). */
    public PutOptions withMd5Etag() {
        return with(f -> f.md5Etag = true);
    }

    /** The same options, recording {@code millis} as the modification time (see {@link #mtimeMillis}). */
    public PutOptions withMtime(long millis) {
        return with(f -> f.mtimeMillis = millis);
    }

    /** The same options with {@code n} mirror copies, made before the PUT returns when {@code sync}. */
    public PutOptions withCopies(int n, boolean sync) {
        return with(f -> {
            f.copies = n;
            f.syncCopies = sync;
        });
    }

    private PutOptions with(Consumer<Fields> change) {
        Fields f = new Fields(this);
        change.accept(f);
        return f.build();
    }

    /** A mutable copy of the components, so that each {@code with...} names only what it changes. */
    private static final class Fields {
        ChecksumType checksumType;
        Checksum expected;
        long contentLength;
        Map<String, String> custom;
        boolean versioning;
        boolean fsync;
        String version;
        boolean md5Etag;
        int copies;
        boolean syncCopies;
        long mtimeMillis;

        Fields(PutOptions o) {
            checksumType = o.checksumType;
            expected = o.expected;
            contentLength = o.contentLength;
            custom = o.custom;
            versioning = o.versioning;
            fsync = o.fsync;
            version = o.version;
            md5Etag = o.md5Etag;
            copies = o.copies;
            syncCopies = o.syncCopies;
            mtimeMillis = o.mtimeMillis;
        }

        PutOptions build() {
            return new PutOptions(
                    checksumType,
                    expected,
                    contentLength,
                    custom,
                    versioning,
                    fsync,
                    version,
                    md5Etag,
                    copies,
                    syncCopies,
                    mtimeMillis);
        }
    }
}
