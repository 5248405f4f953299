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
 * any leftover work directory to the trash (no transaction survives a restart). At run time mountpaths can be
 * attached, detached, disabled and enabled ({@link #attach}, {@link #detach}, {@link #setUsable}); every change
 * bumps {@link #generation()} so that the node can start a resilver. Changes made by request are kept in the
 * {@link VolumeRecord} (a new version on every usable mountpath) and survive a restart: a mountpath attached at run
 * time is opened again, a detached one stays out, one disabled by request stays disabled. A mountpath disabled by
 * the health check is probed again at the next start. Thread-safe.
 */
final class Volume {

    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int ID_LENGTH = 8;

    private final String nodeId;
    private final List<String> configured;
    private volatile List<Mountpath> all;
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    /** Disabled by request (kept in the record); guarded by this. */
    private final Set<String> disabledByRequest;
    /** The version of the record last written; guarded by this. */
    private long recordVersion;

    private Volume(
            String nodeId,
            List<String> configured,
            List<Mountpath> all,
            Set<String> disabledByRequest,
            long recordVersion) {
        this.nodeId = nodeId;
        this.configured = List.copyOf(configured);
        this.all = List.copyOf(all);
        this.disabledByRequest = new LinkedHashSet<>(disabledByRequest);
        this.recordVersion = recordVersion;
    }

    /** Counts mountpath changes (attach, detach, disable, enable, a failed health check). */
    long generation() {
        return generation.get();
    }

    Mountpath find(String path) throws StorageException {
        String norm = normalise(List.of(path)).get(0);
        for (Mountpath m : all) {
            if (m.path().equals(norm)) {
                return m;
            }
        }
        throw new StorageException(Reason.NOT_FOUND, "no mountpath " + norm);
    }

    /** Adds a mountpath: creates it, probes it, writes the node's volume record and work directories. */
    synchronized Mountpath attach(String path, EngineConfig cfg) throws StorageException {
        String norm = normalise(List.of(path)).get(0);
        List<String> paths = new ArrayList<>();
        for (Mountpath m : all) {
            paths.add(m.path());
        }
        paths.add(norm);
        normalise(paths); // duplicates and nesting
        Path root = Paths.get(norm);
        try {
            Files.createDirectories(root);
            if (!Mountpath.probeWritable(root)) {
                throw new StorageException(Reason.BAD_REQUEST, "mountpath " + norm + " is not writable");
            }
            VolumeRecord rec = VolumeRecord.read(root);
            if (rec != null && !rec.nodeId().equals(nodeId)) {
                throw new StorageException(
                        Reason.BAD_REQUEST, "mountpath " + norm + " belongs to node " + rec.nodeId());
            }
            Mountpath m = new Mountpath(root, true, cfg.xattrProbe().test(root));
            prepareWorkDirs(m);
            List<Mountpath> next = new ArrayList<>(all);
            next.add(m);
            all = List.copyOf(next);
            persist();
            generation.incrementAndGet();
            FileOps.LOG.info("mountpath " + norm + " attached");
            return m;
        } catch (IOException e) {
            throw new StorageException(Reason.IO, "cannot attach mountpath " + norm + ": " + e.getMessage(), e);
        }
    }

    /** Removes a mountpath (its files stay on disk, no longer used); refused for the last usable one. */
    synchronized Mountpath detach(String path) throws StorageException {
        Mountpath m = find(path);
        if (m.usable() && usable().size() == 1) {
            throw new StorageException(Reason.BAD_REQUEST, "cannot detach " + m + ": it is the last usable mountpath");
        }
        List<Mountpath> next = new ArrayList<>(all);
        next.remove(m);
        all = List.copyOf(next);
        disabledByRequest.remove(m.path());
        persist();
        generation.incrementAndGet();
        FileOps.LOG.info("mountpath " + m + " detached");
        return m;
    }

    /**
     * Disables (objects stay readable there, nothing new is placed there) or enables (after a successful probe) a
     * mountpath; refuses to disable the last usable one. A change {@code byRequest} is kept across restarts (the
     * health check's are not). Returns whether the state changed.
     */
    synchronized boolean setUsable(String path, boolean on, String why, boolean byRequest) throws StorageException {
        Mountpath m = find(path);
        boolean changed = m.usable() != on;
        if (changed) {
            if (!on && usable().size() == 1) {
                throw new StorageException(
                        Reason.BAD_REQUEST, "cannot disable " + m + ": it is the last usable mountpath");
            }
            if (m.setUsable(on) != on) {
                throw new StorageException(Reason.IO, "mountpath " + m + " cannot be enabled: it is not writable");
            }
        }
        if (byRequest && (on ? disabledByRequest.remove(m.path()) : disabledByRequest.add(m.path()))) {
            persist();
        }
        if (changed) {
            generation.incrementAndGet();
            FileOps.LOG.warning("mountpath " + m + (on ? " enabled" : " disabled") + (why == null ? "" : ": " + why));
        }
        return changed;
    }

    /**
     * Writes the current state as the next record version to every usable mountpath. Best effort: a mountpath that
     * cannot take it keeps an older version, which loses to the newer ones at the next start.
     */
    private void persist() {
        VolumeRecord rec = record(++recordVersion);
        for (Mountpath m : usable()) {
            try {
                rec.write(m.root());
            } catch (IOException e) {
                FileOps.LOG.warning("mountpath " + m + ": cannot write the volume record v" + rec.version() + ": "
                        + e.getMessage());
            }
        }
    }

    private VolumeRecord record(long version) {
        List<String> paths = new ArrayList<>(all.size());
        for (Mountpath m : all) {
            paths.add(m.path());
        }
        Set<String> off = new LinkedHashSet<>(disabledByRequest);
        off.retainAll(paths);
        return new VolumeRecord(nodeId, paths, configured, off, version);
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

    /**
     * The node volume as reported to callers; with {@code reprobe}, a usable mountpath that is no longer writable is
     * disabled first (as by the health check).
     */
    NodeVolume describe(boolean reprobe) {
        List<MountpathInfo> infos = new ArrayList<>(all.size());
        for (Mountpath m : all) {
            if (reprobe && m.usable() && !Mountpath.probeWritable(m.root())) {
                try {
                    setUsable(m.path(), false, "failed the filesystem health check", false);
                } catch (StorageException e) {
                    FileOps.LOG.warning("mountpath " + m + " fails its health check but stays: " + e.getMessage());
                }
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
        VolumeRecord newest = newestRecord(norm);
        List<String> effective = newest == null ? norm : newest.effective(norm);
        Set<String> disabled = new LinkedHashSet<>(newest == null ? Set.of() : newest.disabled());
        disabled.retainAll(effective);
        if (!effective.equals(norm) || !disabled.isEmpty()) {
            FileOps.LOG.info("mountpaths as changed at run time (volume record v" + newest.version() + "): " + effective
                    + (disabled.isEmpty() ? "" : ", disabled by request: " + disabled));
        }
        List<Mountpath> mps = new ArrayList<>();
        Set<String> diskIds = new TreeSet<>();
        StringBuilder where = new StringBuilder();
        for (String s : effective) {
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
                        where.append(where.length() == 0 ? "" : ", ")
                                .append(s)
                                .append(": ")
                                .append(rec.nodeId());
                    }
                } catch (IOException e) {
                    FileOps.LOG.warning("mountpath " + s + ": unreadable volume record: " + e.getMessage());
                    usable = false;
                }
            }
            mps.add(new Mountpath(root, usable && !disabled.contains(s), xattrs));
        }
        String nodeId = resolveNodeId(wanted, diskIds, where.toString());
        long version = newest == null ? 0 : newest.version();
        Volume v = new Volume(nodeId, norm, mps, disabled, version);
        if (v.usable().isEmpty()) {
            throw new StorageException(Reason.UNAVAILABLE, "no usable mountpath among " + effective);
        }
        VolumeRecord rec = v.record(version);
        if (newest != null && !rec.sameState(newest)) {
            rec = v.record(++v.recordVersion);
        }
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
            throw new StorageException(Reason.UNAVAILABLE, "no usable mountpath among " + effective);
        }
        return v;
    }

    /** The newest readable record among the configured mountpaths, or null (a fresh node). */
    private static VolumeRecord newestRecord(List<String> configured) {
        VolumeRecord newest = null;
        for (String s : configured) {
            try {
                VolumeRecord r = VolumeRecord.read(Paths.get(s));
                if (r != null && (newest == null || r.version() > newest.version())) {
                    newest = r;
                }
            } catch (IOException e) {
                FileOps.LOG.fine(() -> "mountpath " + s + ": no readable volume record yet: " + e.getMessage());
            }
        }
        return newest;
    }

    private static String resolveNodeId(String wanted, Set<String> diskIds, String where) throws StorageException {
        if (!wanted.isEmpty()) {
            for (String d : diskIds) {
                if (!d.equals(wanted)) {
                    throw new StorageException(
                            Reason.BAD_REQUEST,
                            "node id conflict: configured \"" + wanted + "\" but the mountpaths belong to \"" + d
                                    + "\" (" + where + ")");
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
