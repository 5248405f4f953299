package net.aisj.core.dsort;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.aisj.core.AisException;

/**
 * Orders the records of a dsort job (the "sorting" phase). Every order is a pure function of the records' metadata
 * and the algorithm, never of the order they were gathered in: the records are first put in a canonical order (name,
 * then input shard, position, holder), so the same input and seed always give the same output.
 *
 * <ul>
 *   <li>alphanumeric: by name (UTF-16 code units, as Java compares strings), decreasing if asked</li>
 *   <li>none: input order (template order of the shards, then member order)</li>
 *   <li>md5: by the hex md5 of the name</li>
 *   <li>shuffle: the canonical order shuffled by {@link Random} seeded with the seed (Fisher-Yates)</li>
 *   <li>content: by the key file's content parsed as int, float or string; ties by name</li>
 * </ul>
 */
public final class RecordOrder {

    private static final Comparator<DsortRecord> CANONICAL = Comparator.comparing(DsortRecord::name)
            .thenComparingInt(DsortRecord::shard)
            .thenComparingInt(DsortRecord::position)
            .thenComparing(DsortRecord::holder);

    private RecordOrder() {}

    /**
     * A new list with {@code records} in the algorithm's order.
     *
     * @throws AisException BAD_REQUEST when a content key cannot be parsed as the key type
     */
    public static List<DsortRecord> order(List<DsortRecord> records, DsortSpec.Algorithm alg) {
        List<DsortRecord> out = new ArrayList<>(records);
        out.sort(CANONICAL);
        switch (alg.kind()) {
            case ALPHANUMERIC -> {
                if (alg.decreasing()) {
                    out.sort(Comparator.comparing(DsortRecord::name).reversed().thenComparing(CANONICAL));
                }
            }
            case NONE ->
                out.sort(Comparator.comparingInt(DsortRecord::shard)
                        .thenComparingInt(DsortRecord::position)
                        .thenComparing(CANONICAL));
            case MD5 ->
                out.sort(Comparator.comparing((DsortRecord r) -> md5(r.name())).thenComparing(CANONICAL));
            case SHUFFLE -> Collections.shuffle(out, new Random(alg.seed()));
            case CONTENT -> {
                Comparator<DsortRecord> byKey = contentComparator(alg.keyType());
                out.sort((alg.decreasing() ? byKey.reversed() : byKey).thenComparing(CANONICAL));
            }
        }
        return out;
    }

    private static Comparator<DsortRecord> contentComparator(DsortSpec.KeyType type) {
        return switch (type) {
            case STRING -> Comparator.comparing(DsortRecord::contentKey);
            case INT -> Comparator.comparingLong(r -> parseLong(r));
            case FLOAT -> Comparator.comparingDouble(r -> parseDouble(r));
        };
    }

    private static long parseLong(DsortRecord r) {
        try {
            return Long.parseLong(r.contentKey().trim());
        } catch (NumberFormatException e) {
            throw AisException.badRequest(
                    "record " + r.name() + ": content key \"" + r.contentKey() + "\" is not an int");
        }
    }

    private static double parseDouble(DsortRecord r) {
        try {
            return Double.parseDouble(r.contentKey().trim());
        } catch (NumberFormatException e) {
            throw AisException.badRequest(
                    "record " + r.name() + ": content key \"" + r.contentKey() + "\" is not a float");
        }
    }

    private static String md5(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
