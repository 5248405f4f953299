package net.aisj.connector.api.ec;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ChecksumType;

/**
 * The metafile of one EC'd object on one target (AIS {@code ec.Metadata}), enough to restore the object from the
 * survivors alone: a target that holds a slice or replica keeps one next to it, and the main target keeps one for the
 * full object. Immutable.
 *
 * @param name          the full object name (ours: lets a target list its slices without the name mapping)
 * @param objSize       the object's size in bytes ({@code obj_size})
 * @param generation    when the object was EC'd, unix ms; a newer generation replaces an older one
 * @param objChecksum   the object's checksum ({@code cksum_type}, {@code obj_cksum})
 * @param objVersion    the object's version ({@code obj_version})
 * @param sliceChecksum xxhash2 (hex) of this slice as stored, padding included; "" for a full replica, which is
 *                      checked against {@code objChecksum} ({@code slice_cksum})
 * @param mainNode      daemon id of the main target, which keeps the full object ({@code replica_node})
 * @param nodes         daemon id to slice id of every holder, the main included with 0 ({@code nodes})
 * @param dataSlices    D ({@code data_slices})
 * @param paritySlices  P ({@code parity_slices})
 * @param sliceId       0 for the full object or a full replica, 1..D for data slices, D+1..D+P for parity
 * @param isCopy        the object is replicated (true) rather than encoded ({@code is_copy})
 * @param mtimeMillis   the object's modification time (ours)
 * @param custom        the object's custom metadata (ours), restored with it
 */
public record EcMeta(
        String name,
        long objSize,
        long generation,
        Checksum objChecksum,
        String objVersion,
        String sliceChecksum,
        String mainNode,
        Map<String, Integer> nodes,
        int dataSlices,
        int paritySlices,
        int sliceId,
        boolean isCopy,
        long mtimeMillis,
        Map<String, String> custom) {

    /** AIS {@code md_version} of the format we write. */
    public static final int MD_VERSION = 1;

    public EcMeta {
        objChecksum = objChecksum == null ? Checksum.NONE : objChecksum;
        objVersion = objVersion == null ? "" : objVersion;
        sliceChecksum = sliceChecksum == null ? "" : sliceChecksum;
        mainNode = mainNode == null ? "" : mainNode;
        nodes = nodes == null ? Map.of() : Map.copyOf(nodes);
        custom = custom == null ? Map.of() : Map.copyOf(custom);
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("metafile without an object name");
        }
        if (objSize < 0 || sliceId < 0 || dataSlices < 1 || paritySlices < 0 || sliceId > dataSlices + paritySlices) {
            throw new IllegalArgumentException("invalid metafile of " + name + ": size " + objSize + ", slice "
                    + sliceId + " of " + dataSlices + "+" + paritySlices);
        }
    }

    /** The same object's metadata for another holder (slice id, slice checksum). */
    public EcMeta forSlice(int id, String checksum) {
        return new EcMeta(
                name,
                objSize,
                generation,
                objChecksum,
                objVersion,
                checksum,
                mainNode,
                nodes,
                dataSlices,
                paritySlices,
                id,
                isCopy,
                mtimeMillis,
                custom);
    }

    /** The same metadata with the holder map. */
    public EcMeta withNodes(Map<String, Integer> holders) {
        return new EcMeta(
                name,
                objSize,
                generation,
                objChecksum,
                objVersion,
                sliceChecksum,
                mainNode,
                holders,
                dataSlices,
                paritySlices,
                sliceId,
                isCopy,
                mtimeMillis,
                custom);
    }

    /** Bytes of the stored content: the object for a full replica, else one slice ({@code ceil(size / D)}). */
    public long storedSize() {
        return sliceId == 0 ? objSize : (objSize + dataSlices - 1) / dataSlices;
    }

    /** Whether this describes the same object content and encoding as {@code o} (generation and checksum). */
    public boolean sameObject(EcMeta o) {
        return o != null
                && generation == o.generation
                && objSize == o.objSize
                && objChecksum.equals(o.objChecksum)
                && objVersion.equals(o.objVersion)
                && isCopy == o.isCopy
                && dataSlices == o.dataSlices
                && paritySlices == o.paritySlices;
    }

    /** The metafile as JSON with AIS's field names (plus ours: name, mtime, custom). */
    public String toJson() {
        StringBuilder b = new StringBuilder(256).append('{');
        MiniJson.field(b, "name", name).append(',');
        b.append("\"obj_size\":").append(objSize).append(',');
        b.append("\"generation\":").append(generation).append(',');
        MiniJson.field(b, "obj_cksum", objChecksum.value()).append(',');
        MiniJson.field(b, "obj_version", objVersion).append(',');
        MiniJson.field(b, "cksum_type", objChecksum.type().wire()).append(',');
        MiniJson.field(b, "slice_cksum", sliceChecksum).append(',');
        MiniJson.field(b, "replica_node", mainNode).append(',');
        b.append("\"nodes\":{");
        boolean first = true;
        for (Map.Entry<String, Integer> e : new TreeMap<>(nodes).entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            MiniJson.str(b, e.getKey()).append(':').append(e.getValue());
        }
        b.append("},");
        b.append("\"data_slices\":").append(dataSlices).append(',');
        b.append("\"parity_slices\":").append(paritySlices).append(',');
        b.append("\"slice_id\":").append(sliceId).append(',');
        b.append("\"md_version\":").append(MD_VERSION).append(',');
        b.append("\"is_copy\":").append(isCopy).append(',');
        b.append("\"mtime\":").append(mtimeMillis).append(',');
        b.append("\"custom\":{");
        first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(custom).entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            MiniJson.str(b, e.getKey()).append(':');
            MiniJson.str(b, e.getValue());
        }
        return b.append("}}").toString();
    }

    public byte[] toBytes() {
        return toJson().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses a metafile written by {@link #toJson} (unknown fields are ignored).
     *
     * @throws IllegalArgumentException when it is not a valid metafile
     */
    public static EcMeta parse(String json) {
        Map<String, Object> o = MiniJson.parseObject(json);
        Map<String, Integer> nodes = new LinkedHashMap<>();
        MiniJson.obj(o, "nodes").forEach((k, v) -> nodes.put(k, (int) MiniJson.asLong(v, "nodes." + k)));
        Map<String, String> custom = new LinkedHashMap<>();
        MiniJson.obj(o, "custom").forEach((k, v) -> custom.put(k, String.valueOf(v)));
        String type = MiniJson.string(o, "cksum_type");
        Checksum sum =
                type.isEmpty() ? Checksum.NONE : new Checksum(ChecksumType.of(type), MiniJson.string(o, "obj_cksum"));
        return new EcMeta(
                MiniJson.string(o, "name"),
                MiniJson.num(o, "obj_size"),
                MiniJson.num(o, "generation"),
                sum,
                MiniJson.string(o, "obj_version"),
                MiniJson.string(o, "slice_cksum"),
                MiniJson.string(o, "replica_node"),
                nodes,
                (int) MiniJson.num(o, "data_slices"),
                (int) MiniJson.num(o, "parity_slices"),
                (int) MiniJson.num(o, "slice_id"),
                Boolean.TRUE.equals(o.get("is_copy")),
                MiniJson.num(o, "mtime"),
                custom);
    }

    public static EcMeta parse(byte[] utf8) {
        return parse(new String(utf8, StandardCharsets.UTF_8));
    }
}
