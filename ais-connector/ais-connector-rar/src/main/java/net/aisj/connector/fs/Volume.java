package net.aisj.connector.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.regex.Pattern;

import net.aisj.connector.api.MountpathInfo;
import net.aisj.connector.api.NodeVolume;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;

/**
 * The node's opened mountpaths and identity. {@link #open} creates missing directories, probes each mountpath
 * (writable? user xattrs?), reconciles the node id with the {@link VolumeRecord}s on disk and writes them, and moves
 * any leftover work directory to the trash (no transaction survives a restart). Immutable after open, except the
 * mountpaths' usable flags. Thread-safe.
 */
final class Volume {

    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int ID_LENGTH = 8;

    private final String nodeId;
    private final List<String> configured;
    private final List<Mountpath> all;

    private Volume(String nodeId, List<String> configured, List<Mountpath> all) {
        this.nodeId = nodeId;
        this.configured = List.copyOf(configured);
        this.all = List.copyOf(all);
    }

    String nodeId() {
        return nodeId;
    }

    /** The mountpaths as normalised at open, in configuration order. */
    List<String> configured() {
        return configured;
    }

    List<Mountpath> all() {
        return all;
    }

    List<Mountpath> usable() {
        List<Mountpath> out = new ArrayList<>(all.size());
        for (Mountpath m : all) {
            if (m.usable()) {
                out.add(m);
            }
        }
        return out;
    }

    /** The node volume as reported to callers; re-probes writability when asked to. */
    NodeVolume describe(boolean reprobe) {
        List<MountpathInfo> infos = new ArrayList<>(all.size());
        for (Mountpath m : all) {
            if (reprobe) {
                m.probe();
            }
            infos.add(m.info());
        }
        return new NodeVolume(nodeId, infos);
    }

    /** Absolute, normalised, unique, non-nested mountpath strings. */
    static List<String> normalise(List<String> paths) throws StorageException {
        if (paths == null || paths.isEmpty()) {
            throw new StorageException(Reason.BAD_REQUEST, "no mountpaths configured");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String s : paths) {
            if (s == null || s.isBlank() || s.indexOf('\0') >= 0) {
                throw new StorageException(Reason.BAD_REQUEST, "invalid mountpath \"" + s + "\"");
            }
            try {
                if (!out.add(Paths.get(s.trim()).toAbsolutePath().normalize().toString())) {
                    throw new StorageException(Reason.BAD_REQUEST, "duplicate mountpath " + s);
                }
            } catch (InvalidPathException e) {
                throw new StorageException(Reason.BAD_REQUEST, "invalid mountpath \"" + s + "\": " + e.getMessage());
            }
        }
        for (String a : out) {
            for (String b : out) {
                if (!a.equals(b) && Paths.get(a).startsWith(Paths.get(b))) {
                    throw new StorageException(Reason.BAD_REQUEST, "mountpath " + a + " is inside mountpath " + b);
                }
            }
        }
        return List.copyOf(out);
    }

    static Volume open(String configuredId, List<String> paths, EngineConfig cfg) throws StorageException {
        List<String> norm = normalise(paths);
        String wanted = configuredId == null ? "" : configuredId.trim();
        if (!wanted.isEmpty() && !NODE_ID.matcher(wanted).matches()) {
            throw new StorageException(Reason.BAD_REQUEST, "invalid node id \"" + configuredId + "\"");
        }
        List<Mountpath> mps = new ArrayList<>();
        Set<String> diskIds = new TreeSet<>();
        StringBuilder where = new StringBuilder();
        for (String s : norm) {
            Path root = Paths.get(s);
            boolean usable;
            try {
                Files.createDirectories(root);
                usable = Mountpath.probeWritable(root);
            } catch (IOException e) {
                FileOps.LOG.log(Level.WARNING, "mountpath " + s + " cannot be created: " + e.getMessage());
                usable = false;
            }
            boolean xattrs = usable && cfg.xattrProbe().test(root);
            if (usable && !xattrs) {
                FileOps.LOG.warning("mountpath " + s + ": no user xattr support, object metadata goes to side files");
            }
            if (usable) {
                try {
                    VolumeRecord rec = VolumeRecord.read(root);
                    if (rec != null && diskIds.add(rec.nodeId())) {
                        where.append(where.length() == 0 ? "" : ", ").append(s).append(": ").append(rec.nodeId());
                    }
                } catch (IOException e) {
                    FileOps.LOG.warning("mountpath " + s + ": unreadable volume record: " + e.getMessage());
                    usable = false;
                }
            }
            mps.add(new Mountpath(root, usable, xattrs));
        }
        String nodeId = resolveNodeId(wanted, diskIds, where.toString());
        Volume v = new Volume(nodeId, norm, mps);
        if (v.usable().isEmpty()) {
            throw new StorageException(Reason.UNAVAILABLE, "no usable mountpath among " + norm);
        }
        VolumeRecord rec = new VolumeRecord(nodeId, norm);
        for (Mountpath m : v.usable()) {
            try {
                if (!rec.equals(VolumeRecord.read(m.root()))) {
                    rec.write(m.root());
                }
                prepareWorkDirs(m);
            } catch (IOException e) {
                FileOps.LOG.warning("mountpath " + m + " disabled: " + e.getMessage());
                m.probe();
            }
        }
        if (v.usable().isEmpty()) {
            throw new StorageException(Reason.UNAVAILABLE, "no usable mountpath among " + norm);
        }
        return v;
    }

    private static String resolveNodeId(String wanted, Set<String> diskIds, String where)
            throws StorageException {
        if (!wanted.isEmpty()) {
            for (String d : diskIds) {
                if (!d.equals(wanted)) {
                    throw new StorageException(Reason.BAD_REQUEST, "node id conflict: configured \"" + wanted
                            + "\" but the mountpaths belong to \"" + d + "\" (" + where + ")");
                }
            }
            return wanted;
        }
        if (diskIds.size() > 1) {
            throw new StorageException(Reason.BAD_REQUEST, "mountpaths belong to different nodes: " + where);
        }
        return diskIds.isEmpty() ? generateId() : diskIds.iterator().next();
    }

    /** AIS style: 8 letters/digits, starting with a letter. */
    static String generateId() {
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder(ID_LENGTH);
        sb.append(ID_CHARS.charAt(r.nextInt(52)));
        while (sb.length() < ID_LENGTH) {
            sb.append(ID_CHARS.charAt(r.nextInt(ID_CHARS.length())));
        }
        return sb.toString();
    }

    /** Moves a non-empty leftover work dir into the trash (O(1)) and creates fresh work and trash dirs. */
    private static void prepareWorkDirs(Mountpath m) throws IOException {
        Files.createDirectories(m.trashDir());
        Path wk = m.workDir();
        if (Files.isDirectory(wk)) {
            boolean empty;
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(wk)) {
                empty = !ds.iterator().hasNext();
            }
            if (!empty) {
                Files.move(wk, m.trashDir().resolve("wk-" + FileOps.randomHex()));
            }
        }
        Files.createDirectories(wk);
    }
}
