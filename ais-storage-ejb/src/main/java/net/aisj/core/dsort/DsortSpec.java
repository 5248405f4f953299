package net.aisj.core.dsort;

import java.util.ArrayList;
import java.util.List;
import net.aisj.connector.api.BucketId;
import net.aisj.core.AisException;
import net.aisj.core.ObjectTemplate;

/**
 * A validated dsort request (AIS {@code RequestSpec} after {@code parse}): input shards are the expansion of
 * {@code inputTemplate} (each name with {@code inputExt} appended unless the template already ends with it); output
 * shard names come from {@code outputTemplate} the same way, in order. A shard is closed once it holds
 * {@code shardSize} bytes of record content or {@code shardRecords} records (whichever is set; 0 = unused).
 * With an external key map ({@code ekmFile}, a URL; lines split by {@code ekmSep}) the output names come from the
 * map's templates instead of {@code outputTemplate}. Immutable.
 */
public record DsortSpec(
        BucketId input,
        BucketId output,
        String inputTemplate,
        String inputExt,
        String outputTemplate,
        String outputExt,
        long shardSize,
        long shardRecords,
        Algorithm algorithm,
        String description,
        long maxMemUsage,
        String ekmFile,
        String ekmSep) {

    /** How records are ordered before they are cut into shards (AIS {@code Algorithm}). */
    public enum Kind {
        ALPHANUMERIC("alphanumeric"),
        NONE("none"),
        MD5("md5"),
        SHUFFLE("shuffle"),
        CONTENT("content");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        /** The kind for its wire name; "" is alphanumeric (AIS's default). */
        public static Kind of(String wire) {
            if (wire == null || wire.isEmpty()) {
                return ALPHANUMERIC;
            }
            for (Kind k : values()) {
                if (k.wire.equals(wire)) {
                    return k;
                }
            }
            throw AisException.badRequest("invalid dsort spec: algorithm: kind \"" + wire
                    + "\" is not one of [alphanumeric none md5 shuffle content]");
        }
    }

    /** Content key types ({@code content_key_type}). */
    public enum KeyType {
        INT,
        FLOAT,
        STRING
    }

    /**
     * The ordering: {@code seed} matters for shuffle only; {@code ext} (with its leading dot) and {@code keyType} for
     * content only.
     */
    public record Algorithm(Kind kind, boolean decreasing, long seed, String ext, KeyType keyType) {}

    public DsortSpec {
        if (shardSize <= 0 && shardRecords <= 0) {
            throw AisException.badRequest(
                    "invalid dsort spec: output_shard_size: must be positive (or set " + "output_shard_records)");
        }
        ObjectTemplate.parse(inputTemplate, 0);
        ekmFile = ekmFile == null ? "" : ekmFile;
        ekmSep = ekmSep == null || ekmSep.isEmpty() ? "\t" : ekmSep;
        if (ekmFile.isEmpty()
                && ObjectTemplate.parse(outputTemplate, ObjectTemplate.MAX_NAMES)
                        .isPrefixOnly()) {
            throw AisException.badRequest("invalid dsort spec: output_format: \"" + outputTemplate
                    + "\" has no range (e.g. out-{0000..9999})");
        }
    }

    /** The input shard names, in template order. */
    public List<String> inputNames() {
        ObjectTemplate t = ObjectTemplate.parse(inputTemplate, 0);
        if (t.isPrefixOnly()) {
            throw AisException.badRequest(
                    "invalid dsort spec: input_format: \"" + inputTemplate + "\" has no range (e.g. shard-{0..9})");
        }
        List<String> out = new ArrayList<>();
        for (String n : t) {
            out.add(withExt(n, inputExt));
        }
        return out;
    }

    /** The output shard names, lazily, in template order. */
    public Iterable<String> outputNames() {
        return outputNames(outputTemplate);
    }

    /**
     * {@code m}, this job's external key map, once checked: it names at least one template and each has a range.
     *
     * @throws AisException BAD_REQUEST otherwise
     */
    public ExternalKeyMap checkKeyMap(ExternalKeyMap m) {
        if (m.isEmpty()) {
            throw AisException.badRequest("external key map " + ekmFile + " is empty");
        }
        m.templates().forEach(this::outputNames);
        return m;
    }

    /**
     * The names of {@code template} (an output template or one of an external key map's) with the output extension.
     *
     * @throws AisException BAD_REQUEST when it has no range
     */
    public Iterable<String> outputNames(String template) {
        // fmt-style (shard-%d, shard-%06d: 0 upwards) as AIS's EKM examples write them; names come lazily
        ObjectTemplate t = ObjectTemplate.parse(template, ObjectTemplate.MAX_NAMES);
        if (t.isPrefixOnly()) {
            throw AisException.badRequest("output template \"" + template + "\" has no range (e.g. out-{0000..9999})");
        }
        return () -> new java.util.Iterator<>() {
            private final java.util.Iterator<String> it = t.iterator();

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public String next() {
                return withExt(it.next(), outputExt);
            }
        };
    }

    private static String withExt(String name, String ext) {
        return name.endsWith(ext) ? name : name + ext;
    }

    /**
     * A size as AIS writes it ({@code cos.ParseSize} with IEC units): a number with an optional unit B, K/KB/KiB,
     * M/MB/MiB, G/GB/GiB, T/TB/TiB (all powers of 1024; case-insensitive).
     *
     * @throws AisException BAD_REQUEST naming {@code field} for anything else
     */
    public static long parseSize(String field, String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        String s = text.trim().toUpperCase(java.util.Locale.ROOT);
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        String num = s.substring(0, i);
        String unit = s.substring(i).trim();
        long mult = switch (unit) {
            case "", "B" -> 1L;
            case "K", "KB", "KIB" -> 1L << 10;
            case "M", "MB", "MIB" -> 1L << 20;
            case "G", "GB", "GIB" -> 1L << 30;
            case "T", "TB", "TIB" -> 1L << 40;
            default -> -1L;
        };
        try {
            double v = Double.parseDouble(num);
            if (mult < 0 || v < 0 || num.isEmpty()) {
                throw new NumberFormatException();
            }
            return (long) (v * mult);
        } catch (NumberFormatException e) {
            throw AisException.badRequest(
                    "invalid dsort spec: " + field + ": \"" + text + "\" is not a size (e.g. 10MiB)");
        }
    }
}
