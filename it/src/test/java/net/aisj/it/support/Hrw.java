package net.aisj.it.support;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/** AIS rendezvous hashing, written from its published description (ais-reference §1.4), for placement checks. */
public final class Hrw {

    public static final long MLCG32 = 1103515245L;

    private Hrw() {}

    public static long digest(String s) {
        return Xxh.hash64(s.getBytes(StandardCharsets.UTF_8), MLCG32);
    }

    /** splitmix64 finaliser, twice, then the xoshiro256** output step. */
    public static long mix(long seed) {
        long z = seed + 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        z = (z ^ (z >>> 31)) + 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        z = (z ^ (z >>> 31)) * 5;
        return Long.rotateLeft(z, 7) * 9;
    }

    /** {@code ais/@#/bucket/object}. */
    public static String uname(String bucket, String obj) {
        return "ais/@#/" + bucket + "/" + obj;
    }

    /** The candidate (node id or mountpath) with the highest weight for {@code uname} (unsigned compare). */
    public static String owner(Collection<String> candidates, String uname) {
        long d = digest(uname);
        String best = null;
        long bestW = 0;
        for (String c : candidates) {
            long w = mix(digest(c) ^ d);
            if (best == null || Long.compareUnsigned(w, bestW) > 0) {
                best = c;
                bestW = w;
            }
        }
        return best;
    }
}
