package net.aisj.connector.fs;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.NodeVolume;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectPage;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.PartInfo;
import net.aisj.connector.api.PutOptions;
import net.aisj.connector.api.ScratchFile;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;
import net.aisj.connector.api.UploadInfo;
import net.aisj.connector.api.WorkLane;
import net.aisj.connector.api.ec.EcMeta;
import net.aisj.connector.api.ec.EcSlice;
import net.aisj.connector.api.ec.Spooled;

/**
 * The node's storage engine: the semantics of every {@link net.aisj.connector.api.StorageConnection} method (the
 * JCA connection only delegates here). One instance per node, shared by all connections; thread-safe.
 *
 * <p>Design: {@link Volume} (mountpaths, node id, VMD) is fixed at {@link #open}; objects live at
 * {@link Fqn#objectPath} on their HRW mountpath ({@link MountpathHrw}) with their LOM ({@link MetaStore}); writes
 * are {@link PutTransaction}s that commit by atomic rename under the name's write lock ({@link NameLocks}); reads
 * open the file under the read lock and stream without it ({@link ObjectFileReader}); listings merge sorted
 * per-mountpath walks ({@link Lister}); one {@link CleanupJogger} per mountpath runs on the {@link Background}.
 * Before {@link #open} (and after {@link #shutdown}) every call fails with UNAVAILABLE.
 */
public final class StorageEngine {

    private record State(
            Volume volume,
            ObjectFiles files,
            ObjectMutations mutations,
            AppendStore appends,
            Lister lister,
            MetaDocs docs,
            Buckets buckets,
            Map<Mountpath, CleanupJogger> joggers,
            MultipartStore multipart,
            Copies copies,
            CopyQueue copyQueue,
            EcStore ec,
            EcCoding coding,
            ScratchFiles scratch,
            EventJournalFile journal) {

        List<Background.Task> tasks() {
            List<Background.Task> out = new ArrayList<>(joggers.values());
            out.add(copyQueue);
            return out;
        }
    }

    private final EngineConfig cfg;
    private final Background background;
    private final NameLocks locks = new NameLocks();
    private final WorkLanes lanes;
    private volatile State state;

    public StorageEngine(EngineConfig cfg, Background background) {
        this.cfg = Objects.requireNonNull(cfg, "cfg");
        this.background = Objects.requireNonNull(background, "background");
        this.lanes = new WorkLanes(background);
    }

    /** See {@link net.aisj.connector.api.StorageConnection#workLane}; available before {@link #open}. */
    public WorkLane workLane(String name, int workers) {
        return lanes.lane(name, workers);
    }

    /** See {@link net.aisj.connector.api.StorageConnection#open}. */
    public synchronized NodeVolume open(String configuredNodeId, List<String> mountpaths) throws StorageException {
        State s = state;
        if (s != null) {
            String wanted = configuredNodeId == null ? "" : configuredNodeId.trim();
            if (Volume.normalise(mountpaths).equals(s.volume().configured())
                    && (wanted.isEmpty() || wanted.equals(s.volume().nodeId()))) {
                return s.volume().describe(false);
            }
            throw new StorageException(
                    Reason.BAD_REQUEST,
                    "storage is already open as node " + s.volume().nodeId() + " with "
                            + s.volume().configured() + "; restart to change it");
        }
        Volume v = Volume.open(configuredNodeId, mountpaths, cfg);
        ObjectFiles files = new ObjectFiles(v, locks, cfg);
        AppendStore appends = new AppendStore(files);
        MultipartStore multipart = new MultipartStore(files);
        Copies copies = new Copies(files);
        CopyQueue queue = new CopyQueue(files, copies);
        State st = new State(
                v,
                files,
                new ObjectMutations(files),
                appends,
                new Lister(files),
                new MetaDocs(v),
                new Buckets(v),
                new java.util.concurrent.ConcurrentHashMap<>(),
                multipart,
                copies,
                queue,
                new EcStore(files),
                new EcCoding(files),
                new ScratchFiles(v),
                openJournal(v));
        for (Mountpath mp : v.usable()) {
            startJogger(st, mp);
        }
        try {
            background.start(queue);
            files.healer(queue);
        } catch (RuntimeException e) {
            FileOps.LOG.warning("cannot start " + queue.name() + ": " + e.getMessage() + "; copies are made inline");
        }
        state = st;
        FileOps.LOG.info("storage open: node " + v.nodeId() + ", mountpaths " + v.configured());
        return v.describe(false);
    }

    /**
     * The event journal where it already is (any usable mountpath with {@value EventJournalFile#DIR}), else a new one
     * on the first usable mountpath; none (events refused) when no mountpath is usable or it cannot be opened.
     */
    private static EventJournalFile openJournal(Volume v) {
        List<Mountpath> usable = v.usable();
        if (usable.isEmpty()) {
            return null;
        }
        Mountpath at = usable.get(0);
        for (Mountpath mp : usable) {
            if (java.nio.file.Files.isRegularFile(
                    mp.root().resolve(EventJournalFile.DIR).resolve("epoch"))) {
                at = mp;
                break;
            }
        }
        try {
            return EventJournalFile.open(
                    at.root().resolve(EventJournalFile.DIR),
                    Long.getLong("ais.events.segment_bytes", 16L << 20),
                    Integer.getInteger("ais.events.segments", 8));
        } catch (IOException | RuntimeException e) {
            FileOps.LOG.warning("cannot open the event journal on " + at + ": " + e.getMessage());
            return null;
        }
    }

    /** See {@link net.aisj.connector.api.EventJournal#appendEvent}. */
    public long appendEvent(byte[] record) throws StorageException {
        return journal().append(record);
    }

    /** See {@link net.aisj.connector.api.EventJournal#readEvents}. */
    public net.aisj.connector.api.EventJournal.Page readEvents(long after, int max) throws StorageException {
        return journal().read(after, max);
    }

    private EventJournalFile journal() throws StorageException {
        EventJournalFile j = st().journal();
        if (j == null) {
            throw new StorageException(Reason.UNAVAILABLE, "the event journal could not be opened on any mountpath");
        }
        return j;
    }

    private void startJogger(State st, Mountpath mp) {
        CleanupJogger j = new CleanupJogger(mp, cfg.cleanupInterval(), cfg.workfileMaxAge(), () -> {
            st.appends().forgetMissing();
            st.multipart().expire(mp, cfg.uploadMaxAge().toMillis());
            st.files().sweepChunks(mp, cfg.workfileMaxAge().toMillis());
        });
        try {
            background.start(j);
            st.joggers().put(mp, j);
        } catch (RuntimeException e) {
            FileOps.LOG.warning("cannot start " + j.name() + ": " + e.getMessage());
        }
    }

    /** Releases the background tasks and waits up to {@code wait} for them to end; the engine is then closed. */
    public synchronized void shutdown(Duration wait) {
        lanes.releaseAll();
        State s = state;
        state = null;
        if (s == null) {
            return;
        }
        for (Background.Task t : s.tasks()) {
            t.release();
        }
        if (s.journal() != null) {
            s.journal().close();
        }
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            for (CleanupJogger j : s.joggers().values()) {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!j.awaitDone(Duration.ofNanos(left))) {
                    FileOps.LOG.warning(j.name() + " did not end within " + wait);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public NodeVolume volume() throws StorageException {
        return st().volume().describe(true);
    }

    public boolean healthy() {
        State s = state;
        return s != null && !s.volume().usable().isEmpty() && background.healthy();
    }

    public void createBucket(BucketId bucket) throws StorageException {
        st().buckets().create(bucket);
    }

    public void destroyBucket(BucketId bucket) throws StorageException {
        st().buckets().destroy(bucket);
    }

    public ObjectStat put(ObjectId id, InputStream in, PutOptions opts) throws StorageException {
        State s = st();
        Fqn.checkName(id);
        return PutTransaction.put(s.files(), id, in, opts, opts.custom());
    }

    /** Bad copies found on one mountpath between two health checks that get it disabled. */
    static final int BAD_COPIES_LIMIT = 100;

    /**
     * Opens for reading and sets the object's atime; with {@code validate}, every read through the reader is
     * verified against the checksum (see {@link ObjectFileReader#verify}).
     */
    public ObjectReader open(ObjectId id, boolean validate) throws StorageException {
        State s = st();
        Fqn.checkName(id);
        return s.files().openReader(id, validate, true);
    }

    public Optional<ObjectStat> stat(ObjectId id) throws StorageException {
        State s = st();
        Fqn.checkName(id);
        return s.files().stat(id);
    }

    public boolean delete(ObjectId id) throws StorageException {
        return st().mutations().delete(id);
    }

    public ObjectStat rename(ObjectId from, String newName) throws StorageException {
        return st().mutations().rename(from, newName);
    }

    public ObjectStat copy(ObjectId from, ObjectId to, PutOptions opts) throws StorageException {
        return st().mutations().copy(from, to, opts);
    }

    public ObjectStat setCustom(ObjectId id, Map<String, String> custom, boolean replace) throws StorageException {
        return st().mutations().setCustom(id, custom, replace);
    }

    public String append(ObjectId id, String handle, InputStream in) throws StorageException {
        return st().appends().append(id, handle, in);
    }

    public ObjectStat flushAppend(ObjectId id, String handle, PutOptions opts) throws StorageException {
        return st().appends().flush(id, handle, opts);
    }

    public ObjectPage list(BucketId bucket, ListRequest request) throws StorageException {
        return st().lister().list(bucket, request);
    }

    public String createUpload(ObjectId id, Map<String, String> custom) throws StorageException {
        return st().multipart().create(id, custom == null ? Map.of() : custom);
    }

    public UploadInfo upload(ObjectId id, String uploadId) throws StorageException {
        return st().multipart().info(id, uploadId);
    }

    public PartInfo putPart(ObjectId id, String uploadId, int number, InputStream in, long length)
            throws StorageException {
        return st().multipart().putPart(id, uploadId, number, in, length);
    }

    public List<PartInfo> listParts(ObjectId id, String uploadId) throws StorageException {
        return st().multipart().parts(id, uploadId);
    }

    public List<UploadInfo> listUploads(BucketId bucket) throws StorageException {
        return st().multipart().list(bucket);
    }

    public ObjectStat completeUpload(ObjectId id, String uploadId, List<Integer> parts, PutOptions opts)
            throws StorageException {
        return st().multipart().complete(id, uploadId, parts, opts);
    }

    public void abortUpload(ObjectId id, String uploadId) throws StorageException {
        st().multipart().abort(id, uploadId);
    }

    public void storeMeta(String name, byte[] content) throws StorageException {
        st().docs().store(name, content);
    }

    public List<byte[]> loadMeta(String name) throws StorageException {
        return st().docs().load(name);
    }

    /** The running joggers (tests and diagnostics). */
    List<CleanupJogger> joggers() {
        State s = state;
        return s == null ? List.of() : List.copyOf(s.joggers().values());
    }

    /** See {@link net.aisj.connector.api.StorageConnection#placeCopies}. */
    public int placeCopies(ObjectId id, int n) throws StorageException {
        Copies.Result r = st().copies().place(id, n);
        return r.copied() + r.removed();
    }

    /** See {@link net.aisj.connector.api.StorageConnection#scrub}. */
    public int scrub(ObjectId id) throws StorageException {
        return st().copies().scrub(id);
    }

    /** Background mirroring: {waiting, placed, failed, dropped, bytes placed}. */
    public long[] copyCounters() throws StorageException {
        return st().copyQueue().counters();
    }

    /** Waits until background mirroring is idle (tests). */
    boolean awaitCopies(Duration timeout) throws StorageException, InterruptedException {
        return st().copyQueue().awaitIdle(timeout.toMillis());
    }

    /** See {@link net.aisj.connector.api.StorageConnection#mountpathGeneration}. */
    public long mountpathGeneration() throws StorageException {
        return st().volume().generation();
    }

    /** See {@link net.aisj.connector.api.StorageConnection#attachMountpath}. */
    public NodeVolume attachMountpath(String path) throws StorageException {
        State s = st();
        Mountpath mp = s.volume().attach(path, cfg);
        startJogger(s, mp);
        return s.volume().describe(false);
    }

    /** See {@link net.aisj.connector.api.StorageConnection#detachMountpath}. */
    public NodeVolume detachMountpath(String path) throws StorageException {
        State s = st();
        Mountpath mp = s.volume().detach(path);
        CleanupJogger j = s.joggers().remove(mp);
        if (j != null) {
            j.release();
        }
        return s.volume().describe(false);
    }

    /** See {@link net.aisj.connector.api.StorageConnection#enableMountpath}. */
    public NodeVolume enableMountpath(String path, boolean on) throws StorageException {
        State s = st();
        s.volume().setUsable(path, on, on ? null : "disabled by request", true);
        return s.volume().describe(false);
    }

    /**
     * The filesystem health check: every usable mountpath must still be a writable directory, and must not keep
     * returning bad copies (at least {@link #BAD_COPIES_LIMIT} found by reads and scrubs since the previous check:
     * a disk that corrupts data); one that fails is disabled (its objects are then read from their other copies and
     * a resilver restores them). Fewer bad copies are logged with the mountpath's total. Returns the mountpaths it
     * disabled.
     */
    public List<String> checkMountpaths() throws StorageException {
        State s = st();
        List<String> disabled = new ArrayList<>();
        for (Mountpath mp : s.volume().usable()) {
            long bad = mp.takeBadSinceCheck();
            String failure = null;
            if (!Mountpath.probeWritable(mp.root())) {
                failure = "failed the filesystem health check";
            } else if (bad >= BAD_COPIES_LIMIT) {
                failure = "returned " + bad + " bad copies (checksum mismatches) since the previous health check";
            } else if (bad > 0) {
                FileOps.LOG.warning("mountpath " + mp + " returned " + bad + " bad cop" + (bad == 1 ? "y" : "ies")
                        + " since the previous health check (" + mp.badCopies() + " since startup; disabled at "
                        + BAD_COPIES_LIMIT + " per check)");
            }
            if (failure != null) {
                try {
                    if (s.volume().setUsable(mp.path(), false, failure, false)) {
                        disabled.add(mp.path());
                    }
                } catch (StorageException e) {
                    FileOps.LOG.warning("mountpath " + mp + " fails its health check but stays: " + e.getMessage());
                }
            }
        }
        return disabled;
    }

    // ------------------------------------------------------------------ erasure coding (EcStore, EcCoding)

    public boolean putSlice(ObjectId id, EcMeta meta, InputStream in) throws StorageException {
        return st().ec().put(id, meta, in);
    }

    public void putEcMeta(ObjectId id, EcMeta meta) throws StorageException {
        st().ec().putMain(id, meta);
    }

    public Optional<EcMeta> ecMeta(ObjectId id) throws StorageException {
        return st().ec().meta(id);
    }

    public EcSlice openSlice(ObjectId id) throws StorageException {
        return st().ec().open(id);
    }

    public boolean verifySlice(ObjectId id) throws StorageException {
        return st().ec().verify(id);
    }

    public boolean deleteEc(ObjectId id, long onlyGeneration) throws StorageException {
        return st().ec().delete(id, onlyGeneration);
    }

    public List<EcMeta> listSlices(BucketId bucket) throws StorageException {
        return st().ec().list(bucket);
    }

    public List<Spooled> ecEncode(ObjectId id, int d, int p, ObjectStat[] stat) throws StorageException {
        Fqn.checkName(id);
        return st().coding().encode(id, d, p, stat);
    }

    /** See {@link net.aisj.connector.api.StorageConnection#createScratch}. */
    public ScratchFile createScratch(String prefix) throws StorageException {
        return st().scratch().create(prefix);
    }

    public Spooled spool(InputStream in, long length) throws StorageException {
        return st().coding().spool(in, length);
    }

    public InputStream openSpooled(String token) throws StorageException {
        return st().coding().open(token);
    }

    public void releaseSpooled(String token) {
        State s = state;
        if (s != null) {
            s.coding().release(token);
        }
    }

    public ObjectStat ecDecode(ObjectId id, EcMeta meta, String[] tokens, PutOptions opts) throws StorageException {
        return st().coding().decode(id, meta, tokens, opts);
    }

    private State st() throws StorageException {
        State s = state;
        if (s == null) {
            throw new StorageException(Reason.UNAVAILABLE, "storage is not open");
        }
        return s;
    }
}
