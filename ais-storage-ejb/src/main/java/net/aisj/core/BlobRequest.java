package net.aisj.core;

/**
 * A {@code blob-download} of one remote object into the cache (AIS {@code BlobMsg}): the object is read in ranges of
 * {@code chunkSize} bytes by {@code numWorkers} concurrent readers.
 *
 * @param object     the object's name
 * @param chunkSize  bytes per range ({@value #MIN_CHUNK}..{@value #MAX_CHUNK}; 0: {@value #DEFAULT_CHUNK})
 * @param numWorkers concurrent range readers (1..{@value #MAX_WORKERS}; 0: {@value #DEFAULT_WORKERS})
 * @param latest     AIS {@code latest-ver}: fetch again when a cached copy differs from the remote's
 */
public record BlobRequest(String object, long chunkSize, int numWorkers, boolean latest) {

    public static final long MIN_CHUNK = 32 << 10;
    public static final long MAX_CHUNK = 256L << 20;
    public static final long DEFAULT_CHUNK = 4 << 20;
    public static final int MAX_WORKERS = 128;
    public static final int DEFAULT_WORKERS = 4;

    /** Checks the fields and fills in the defaults. */
    public BlobRequest {
        if (object == null || object.isEmpty()) {
            throw AisException.badRequest("blob-download: missing the object name (\"name\")");
        }
        if (chunkSize == 0) {
            chunkSize = DEFAULT_CHUNK;
        }
        if (chunkSize < MIN_CHUNK || chunkSize > MAX_CHUNK) {
            throw AisException.badRequest("blob-download: invalid chunk-size " + chunkSize + " (expecting " + MIN_CHUNK
                    + ".." + MAX_CHUNK + ")");
        }
        if (numWorkers == 0) {
            numWorkers = DEFAULT_WORKERS;
        }
        if (numWorkers < 1 || numWorkers > MAX_WORKERS) {
            throw AisException.badRequest(
                    "blob-download: invalid num-workers " + numWorkers + " (expecting 0.." + MAX_WORKERS + ")");
        }
    }
}
