package net.aisj.connector.api.hrw;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.ToLongFunction;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Highest-random-weight placement exactly as AIStore computes it.
 *
 * <p>{@code digest(s) = xxhash64(utf8(s), seed 1103515245)}; the weight of a candidate (target or mountpath) for a
 * name is {@code mix(digest(candidate) ^ digest(uname))}; the highest weight wins. {@code mix} is the splitmix64
 * finaliser followed by the xoshiro256** output step ({@code cmn/xoshiro256} in AIS). All methods are pure and
 * thread-safe. See also {@code net.aisj.core.placement} (targets) and the connector's mountpath selection.
 */
public final class Hrw {

    /** AIS's {@code MLCG32}: the seed of every placement digest. */
    public static final long SEED = 1103515245L;

    private static final XXHash64 XX = XXHashFactory.fastestJavaInstance().hash64();

    private Hrw() {}

    /** The placement digest of a name, node id or mountpath. */
    public static long digest(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return XX.hash(b, 0, b.length, SEED);
    }

    /** The xoshiro256 mix step (unsigned 64-bit arithmetic in a {@code long}). */
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

    /** Weight of a candidate (by its digest) for a name (by its digest). Compare weights unsigned. */
    public static long weight(long candidateDigest, long nameDigest) {
        return mix(candidateDigest ^ nameDigest);
    }

    /**
     * The candidate with the highest weight for {@code nameDigest}, or {@code null} if there is none.
     *
     * @param digestOf the candidate's digest (node id digest, mountpath digest)
     */
    public static <T> T best(Collection<T> candidates, long nameDigest, ToLongFunction<T> digestOf) {
        T best = null;
        long bestWeight = 0;
        for (T c : candidates) {
            long w = weight(digestOf.applyAsLong(c), nameDigest);
            if (best == null || Long.compareUnsigned(w, bestWeight) > 0) {
                best = c;
                bestWeight = w;
            }
        }
        return best;
    }

    /** All candidates ordered by descending weight for {@code nameDigest}: element 0 is the owner. */
    public static <T> List<T> ranked(Collection<T> candidates, long nameDigest, ToLongFunction<T> digestOf) {
        Objects.requireNonNull(candidates);
        Comparator<T> byWeight = (a, b) -> Long.compareUnsigned(
                weight(digestOf.applyAsLong(b), nameDigest), weight(digestOf.applyAsLong(a), nameDigest));
        return candidates.stream().sorted(byWeight).toList();
    }
}
