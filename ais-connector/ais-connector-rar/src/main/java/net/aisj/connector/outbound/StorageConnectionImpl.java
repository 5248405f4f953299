package net.aisj.connector.outbound;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
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
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;
import net.aisj.connector.api.UploadInfo;
import net.aisj.connector.api.WorkLane;
import net.aisj.connector.api.ec.EcMeta;
import net.aisj.connector.api.ec.EcSlice;
import net.aisj.connector.api.ec.Spooled;
import net.aisj.connector.fs.StorageEngine;

/**
 * The handle applications hold. Every call checks that the handle is still valid (not closed, not cleaned up by
 * the pool) and delegates to the engine; {@link #close()} detaches it and tells the pool. Thread-safe.
 */
final class StorageConnectionImpl implements StorageConnection {

    private volatile StorageManagedConnection mc;
    /** A shared handle ({@link StorageConnectionFactoryImpl#getSharedConnection()}): close() leaves it open. */
    private volatile boolean pinned;

    StorageConnectionImpl(StorageManagedConnection mc) {
        this.mc = mc;
    }

    /** Moves this handle to another managed connection (connection sharing). */
    void associate(StorageManagedConnection target) {
        StorageManagedConnection old = mc;
        if (old != null && old != target) {
            old.detach(this);
        }
        mc = target;
    }

    /** Makes this the application's shared handle: {@link #close()} no longer detaches it. */
    void pin() {
        pinned = true;
    }

    /** Called by the pool on cleanup: the handle becomes unusable. */
    void invalidate() {
        mc = null;
    }

    boolean isValid() {
        return mc != null;
    }

    private StorageEngine engine() throws StorageException {
        StorageManagedConnection m = mc;
        if (m == null) {
            throw new StorageException(Reason.UNAVAILABLE, "storage connection is closed");
        }
        return m.engine();
    }

    @Override
    public NodeVolume open(String configuredNodeId, List<String> mountpaths) throws StorageException {
        return engine().open(configuredNodeId, mountpaths);
    }

    @Override
    public NodeVolume volume() throws StorageException {
        return engine().volume();
    }

    @Override
    public boolean healthy() {
        StorageManagedConnection m = mc;
        return m != null && m.engine().healthy();
    }

    @Override
    public void createBucket(BucketId bucket) throws StorageException {
        engine().createBucket(bucket);
    }

    @Override
    public void destroyBucket(BucketId bucket) throws StorageException {
        engine().destroyBucket(bucket);
    }

    @Override
    public ObjectStat put(ObjectId id, InputStream in, PutOptions opts) throws StorageException {
        return engine().put(id, in, opts);
    }

    @Override
    public ObjectReader open(ObjectId id, boolean validate) throws StorageException {
        return engine().open(id, validate);
    }

    @Override
    public Optional<ObjectStat> stat(ObjectId id) throws StorageException {
        return engine().stat(id);
    }

    @Override
    public boolean delete(ObjectId id) throws StorageException {
        return engine().delete(id);
    }

    @Override
    public ObjectStat rename(ObjectId from, String newName) throws StorageException {
        return engine().rename(from, newName);
    }

    @Override
    public ObjectStat copy(ObjectId from, ObjectId to, PutOptions opts) throws StorageException {
        return engine().copy(from, to, opts);
    }

    @Override
    public ObjectStat setCustom(ObjectId id, Map<String, String> custom, boolean replace) throws StorageException {
        return engine().setCustom(id, custom, replace);
    }

    @Override
    public String append(ObjectId id, String handle, InputStream in) throws StorageException {
        return engine().append(id, handle, in);
    }

    @Override
    public ObjectStat flushAppend(ObjectId id, String handle, PutOptions opts) throws StorageException {
        return engine().flushAppend(id, handle, opts);
    }

    @Override
    public ObjectPage list(BucketId bucket, ListRequest request) throws StorageException {
        return engine().list(bucket, request);
    }

    @Override
    public String createUpload(ObjectId id, Map<String, String> custom) throws StorageException {
        return engine().createUpload(id, custom);
    }

    @Override
    public UploadInfo upload(ObjectId id, String uploadId) throws StorageException {
        return engine().upload(id, uploadId);
    }

    @Override
    public PartInfo putPart(ObjectId id, String uploadId, int number, InputStream in, long length)
            throws StorageException {
        return engine().putPart(id, uploadId, number, in, length);
    }

    @Override
    public List<PartInfo> listParts(ObjectId id, String uploadId) throws StorageException {
        return engine().listParts(id, uploadId);
    }

    @Override
    public List<UploadInfo> listUploads(BucketId bucket) throws StorageException {
        return engine().listUploads(bucket);
    }

    @Override
    public ObjectStat completeUpload(ObjectId id, String uploadId, List<Integer> parts, PutOptions opts)
            throws StorageException {
        return engine().completeUpload(id, uploadId, parts, opts);
    }

    @Override
    public void abortUpload(ObjectId id, String uploadId) throws StorageException {
        engine().abortUpload(id, uploadId);
    }

    @Override
    public void storeMeta(String name, byte[] content) throws StorageException {
        engine().storeMeta(name, content);
    }

    @Override
    public List<byte[]> loadMeta(String name) throws StorageException {
        return engine().loadMeta(name);
    }

    /** Detaches the handle; closing twice is harmless. */
    @Override
    public void close() {
        if (pinned) {
            return;
        }
        StorageManagedConnection m = mc;
        mc = null;
        if (m != null) {
            m.handleClosed(this);
        }
    }

    @Override
    public int placeCopies(ObjectId id, int n) throws StorageException {
        return engine().placeCopies(id, n);
    }

    @Override
    public int scrub(ObjectId id) throws StorageException {
        return engine().scrub(id);
    }

    @Override
    public WorkLane workLane(String name, int workers) throws StorageException {
        return engine().workLane(name, workers);
    }

    @Override
    public long[] copyCounters() throws StorageException {
        return engine().copyCounters();
    }

    @Override
    public long mountpathGeneration() throws StorageException {
        return engine().mountpathGeneration();
    }

    @Override
    public NodeVolume attachMountpath(String path) throws StorageException {
        return engine().attachMountpath(path);
    }

    @Override
    public NodeVolume detachMountpath(String path) throws StorageException {
        return engine().detachMountpath(path);
    }

    @Override
    public NodeVolume enableMountpath(String path, boolean on) throws StorageException {
        return engine().enableMountpath(path, on);
    }

    @Override
    public List<String> checkMountpaths() throws StorageException {
        return engine().checkMountpaths();
    }

    @Override
    public boolean putSlice(ObjectId id, EcMeta meta, InputStream in) throws StorageException {
        return engine().putSlice(id, meta, in);
    }

    @Override
    public void putEcMeta(ObjectId id, EcMeta meta) throws StorageException {
        engine().putEcMeta(id, meta);
    }

    @Override
    public Optional<EcMeta> ecMeta(ObjectId id) throws StorageException {
        return engine().ecMeta(id);
    }

    @Override
    public EcSlice openSlice(ObjectId id) throws StorageException {
        return engine().openSlice(id);
    }

    @Override
    public boolean verifySlice(ObjectId id) throws StorageException {
        return engine().verifySlice(id);
    }

    @Override
    public boolean deleteEc(ObjectId id, long onlyGeneration) throws StorageException {
        return engine().deleteEc(id, onlyGeneration);
    }

    @Override
    public List<EcMeta> listSlices(BucketId bucket) throws StorageException {
        return engine().listSlices(bucket);
    }

    @Override
    public List<Spooled> ecEncode(ObjectId id, int dataSlices, int paritySlices, ObjectStat[] stat)
            throws StorageException {
        return engine().ecEncode(id, dataSlices, paritySlices, stat);
    }

    @Override
    public ScratchFile createScratch(String prefix) throws StorageException {
        return engine().createScratch(prefix);
    }

    @Override
    public long appendEvent(byte[] record) throws StorageException {
        return engine().appendEvent(record);
    }

    @Override
    public net.aisj.connector.api.EventJournal.Page readEvents(long after, int max) throws StorageException {
        return engine().readEvents(after, max);
    }

    @Override
    public Spooled spool(InputStream in, long length) throws StorageException {
        return engine().spool(in, length);
    }

    @Override
    public InputStream openSpooled(String token) throws StorageException {
        return engine().openSpooled(token);
    }

    @Override
    public void releaseSpooled(String token) {
        try {
            engine().releaseSpooled(token);
        } catch (StorageException e) {
            // closed handle: the work file is swept later
        }
    }

    @Override
    public ObjectStat ecDecode(ObjectId id, EcMeta meta, String[] sliceTokens, PutOptions opts)
            throws StorageException {
        return engine().ecDecode(id, meta, sliceTokens, opts);
    }
}
