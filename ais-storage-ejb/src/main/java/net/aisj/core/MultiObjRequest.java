package net.aisj.core;

import java.util.List;

/**
 * What a multi-object job works on and how: AIS's {@code ListRange} ({@code objnames} or {@code template}),
 * {@code TCOMsg} and {@code TCBMsg} once parsed, and the message a node sends every target to start its part.
 *
 * @param names    the objects by name (null when selected by template or prefix)
 * @param template AIS's range template ({@code "shard-{0000..0999}.tar"}), or empty
 * @param dst      the destination bucket's name for copies and moves, or empty
 * @param prefix   objects whose names start with it (copy-bck), or empty
 * @param prepend  prefix added to every destination name, or empty
 * @param dryRun   count what would be done, change nothing
 * @param etl      the ETL that transforms every copied object ({@code etl-bck}, {@code etl-listrange}), or empty
 * @param ext      destination extension remap ({@code {"flac":"wav"}}, AIS's {@code TCBMsg.ext}), applied before
 *                 {@code prepend}
 */
public record MultiObjRequest(
        List<String> names,
        String template,
        String dst,
        String prefix,
        String prepend,
        boolean dryRun,
        String etl,
        java.util.Map<String, String> ext) {

    /** A request without a transform. */
    public MultiObjRequest(
            List<String> names, String template, String dst, String prefix, String prepend, boolean dryRun) {
        this(names, template, dst, prefix, prepend, dryRun, "", java.util.Map.of());
    }

    public MultiObjRequest {
        etl = etl == null ? "" : etl;
        ext = ext == null ? java.util.Map.of() : java.util.Map.copyOf(ext);
        names = names == null ? null : List.copyOf(names);
        template = template == null ? "" : template;
        dst = dst == null ? "" : dst;
        prefix = prefix == null ? "" : prefix;
        prepend = prepend == null ? "" : prepend;
    }

    /**
     * A list or a template, checked now so a bad request fails before any job starts.
     *
     * @throws AisException BAD_REQUEST when neither a non-empty list nor a valid template is given
     */
    public static MultiObjRequest selection(List<String> names, String template) {
        if (names != null && !names.isEmpty()) {
            return new MultiObjRequest(names, "", "", "", "", false);
        }
        if (template != null) {
            ObjectTemplate.parse(template, 0);
            return new MultiObjRequest(null, template, "", "", "", false);
        }
        throw AisException.badRequest("the value needs \"objnames\" (a non-empty list) or \"template\"");
    }

    /** The same selection copied into bucket {@code dstName}. */
    public MultiObjRequest copyTo(String dstName, String prependName, boolean dry) {
        return new MultiObjRequest(names, template, dstName, prefix, prependName, dry, etl, ext);
    }

    /** The same request with every copy transformed by ETL {@code etlName}, extensions remapped by {@code remap}. */
    public MultiObjRequest transformedBy(String etlName, java.util.Map<String, String> remap) {
        return new MultiObjRequest(names, template, dst, prefix, prepend, dryRun, etlName, remap);
    }

    /** The destination name of {@code name}: its extension remapped, then {@code prepend} (AIS's {@code ToName}). */
    public static String destinationName(String name, String prepend, java.util.Map<String, String> ext) {
        String n = name;
        int dot = n.lastIndexOf('.');
        if (dot >= 0 && ext.containsKey(n.substring(dot + 1))) {
            String to = ext.get(n.substring(dot + 1));
            while (to.startsWith(".")) {
                to = to.substring(1);
            }
            n = n.substring(0, dot + 1) + to;
        }
        return (prepend == null ? "" : prepend) + n;
    }
}
