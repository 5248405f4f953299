package net.aisj.connector.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The volume record (AIS's VMD) kept at every usable mountpath root as {@value #FILE}: a properties file with the
 * node id, the mountpaths in use, the configured ones they were derived from and the ones disabled by request, and a
 * version that every change raises (the newest record wins at startup). Written atomically (temp, fsync, rename,
 * fsync directory). Format 1 records (id and list only) read as version 0 with nothing attached, detached or
 * disabled.
 *
 * @param nodeId     the node's daemon id
 * @param mountpaths the mountpaths in use: configured ones not detached, then those attached at run time
 * @param configured the configured mountpaths when the record was written
 * @param disabled   mountpaths disabled by request (a subset of {@code mountpaths})
 * @param version    raised by every change
 */
record VolumeRecord(
        String nodeId, List<String> mountpaths, List<String> configured, Set<String> disabled, long version) {

    static final String FILE = ".ais.vmd";
    private static final String FORMAT = "2";

    VolumeRecord {
        mountpaths = List.copyOf(mountpaths);
        configured = List.copyOf(configured);
        disabled = Set.copyOf(disabled);
    }

    /** A record that only lists the configured mountpaths (nothing changed at run time). */
    VolumeRecord(String nodeId, List<String> mountpaths) {
        this(nodeId, mountpaths, mountpaths, Set.of(), 0);
    }

    /**
     * The mountpaths a node configured with {@code configuredNow} uses under this record: the configured ones that
     * were not detached at run time (a mountpath configured since the record was written is used), then the ones
     * attached at run time, in order.
     */
    List<String> effective(List<String> configuredNow) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : configuredNow) {
            if (!(configured.contains(p) && !mountpaths.contains(p))) {
                out.add(p);
            }
        }
        for (String p : mountpaths) {
            if (!configured.contains(p)) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    /** Same node, mountpaths, configuration and disabled set (the version aside). */
    boolean sameState(VolumeRecord o) {
        return o != null
                && nodeId.equals(o.nodeId)
                && mountpaths.equals(o.mountpaths)
                && configured.equals(o.configured)
                && disabled.equals(o.disabled);
    }

    /** The record at a mountpath root, or null when there is none. */
    static VolumeRecord read(Path root) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(root.resolve(FILE))) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return null;
        }
        String id = p.getProperty("node.id", "").trim();
        if (id.isEmpty()) {
            throw new IOException("volume record " + root.resolve(FILE) + " has no node.id");
        }
        List<String> mps = list(p, "mountpath.");
        if ("1".equals(p.getProperty("format", "1"))) {
            return new VolumeRecord(id, mps);
        }
        try {
            return new VolumeRecord(
                    id,
                    mps,
                    list(p, "configured."),
                    new LinkedHashSet<>(list(p, "disabled.")),
                    Long.parseLong(p.getProperty("version", "0").trim()));
        } catch (NumberFormatException e) {
            throw new IOException("volume record " + root.resolve(FILE) + " has a bad version");
        }
    }

    private static List<String> list(Properties p, String prefix) {
        List<String> out = new ArrayList<>();
        for (int i = 0; p.getProperty(prefix + i) != null; i++) {
            out.add(p.getProperty(prefix + i));
        }
        return out;
    }

    void write(Path root) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("node.id", nodeId);
        p.setProperty("version", Long.toString(version));
        for (int i = 0; i < mountpaths.size(); i++) {
            p.setProperty("mountpath." + i, mountpaths.get(i));
        }
        for (int i = 0; i < configured.size(); i++) {
            p.setProperty("configured." + i, configured.get(i));
        }
        List<String> off = disabled.stream().sorted().toList();
        for (int i = 0; i < off.size(); i++) {
            p.setProperty("disabled." + i, off.get(i));
        }
        Path tmp = root.resolve(FILE + ".tmp-" + FileOps.randomHex());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(ch)) {
                p.store(out, "AIS volume record: do not edit");
                out.flush();
                ch.force(true);
            }
            FileOps.moveIntoPlace(tmp, root.resolve(FILE));
            FileOps.fsyncDir(root);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
