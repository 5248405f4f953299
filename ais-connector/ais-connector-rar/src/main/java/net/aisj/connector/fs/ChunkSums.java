package net.aisj.connector.fs;

import java.util.Arrays;
import net.jpountz.xxhash.StreamingXXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The XXH64 (unseeded) of every {@link #CHUNK}-byte chunk of an object's content, the last chunk possibly shorter:
 * what lets a verifying read check a large object one chunk at a time before sending it, switch to another copy at
 * the chunk that failed, and verify the chunks a range covers. Kept in the object's metadata next to the whole-object
 * checksum (which stays the checksum of record); only objects above {@link ObjectFileReader#VERIFY_BEFORE_SEND_MAX}
 * and with a checksum type other than none carry them (smaller ones are verified whole before their first byte).
 * Immutable.
 *
 * @param chunkSize bytes per chunk
 * @param hashes    one XXH64 per chunk, in order
 */
record ChunkSums(int chunkSize, long[] hashes) {

    /**
     * 1 MiB: the size below which objects are verified whole anyway (so the read path has one buffer size and
     * reuses the same pooled buffers), small enough that a chunk verified before it leaves delays a GET's first
     * byte by one 1 MiB read (as for a small object), large enough that the list costs 8 bytes per MiB of content
     * in the LOM (512 B for 64 MiB; a LOM above the xattr limit goes to the side file).
     */
    static final int CHUNK = ObjectFileReader.VERIFY_BEFORE_SEND_MAX;

    ChunkSums {
        hashes = hashes.clone();
    }

    int count() {
        return hashes.length;
    }

    long hash(int i) {
        return hashes[i];
    }

    /** Whether this list fits an object of {@code size} bytes (one hash per chunk). */
    boolean fits(long size) {
        return chunkSize > 0 && hashes.length == (size + chunkSize - 1) / chunkSize;
    }

    /** The XXH64 of {@code len} bytes of {@code b}, as stored per chunk (the fastest implementation). */
    static long of(byte[] b, int off, int len) {
        return ChecksumHasher.fastXx().hash64().hash(b, off, len, 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkSums c && c.chunkSize == chunkSize && Arrays.equals(c.hashes, hashes);
    }

    @Override
    public int hashCode() {
        return 31 * chunkSize + Arrays.hashCode(hashes);
    }

    @Override
    public String toString() {
        return "ChunkSums[" + hashes.length + " x " + chunkSize + "]";
    }

    /** A builder fed with the content as it streams by (any slicing); {@link #finish} once at the end. */
    static Builder builder() {
        return new Builder(CHUNK);
    }

    /** Computes chunk sums while the content streams by; not thread-safe. */
    static final class Builder {
        private final int chunkSize;
        private final StreamingXXHash64 xx = XXHashFactory.fastestJavaInstance().newStreamingHash64(0);
        private long[] hashes = new long[16];
        private int n;
        private int inChunk;
        private long total;

        Builder(int chunkSize) {
            this.chunkSize = chunkSize;
        }

        void update(byte[] b, int off, int len) {
            total += len;
            while (len > 0) {
                int take = Math.min(len, chunkSize - inChunk);
                xx.update(b, off, take);
                inChunk += take;
                off += take;
                len -= take;
                if (inChunk == chunkSize) {
                    push();
                }
            }
        }

        private void push() {
            if (n == hashes.length) {
                hashes = Arrays.copyOf(hashes, n * 2);
            }
            hashes[n++] = xx.getValue();
            xx.reset();
            inChunk = 0;
        }

        /** The sums of the content seen; null when it is not above one chunk (verified whole, no list kept). */
        ChunkSums finish() {
            if (inChunk > 0) {
                push();
            }
            return total > chunkSize ? new ChunkSums(chunkSize, Arrays.copyOf(hashes, n)) : null;
        }
    }
}
