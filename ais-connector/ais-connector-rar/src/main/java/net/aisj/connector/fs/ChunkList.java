package net.aisj.connector.fs;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a chunked object's content continues after its file: the chunk directory's token (a directory
 * {@code <bucket>/%ch/<token>} on the object's mountpath, see {@link ChunkStore}) and the sizes of its chunk files
 * in order. Immutable.
 */
record ChunkList(String token, List<Long> sizes) {

    static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");

    ChunkList {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("bad chunk token " + token);
        }
        sizes = List.copyOf(sizes);
        for (long s : sizes) {
            if (s < 0) {
                throw new IllegalArgumentException("negative chunk size");
            }
        }
    }

    long total() {
        long t = 0;
        for (long s : sizes) {
            t += s;
        }
        return t;
    }
}
