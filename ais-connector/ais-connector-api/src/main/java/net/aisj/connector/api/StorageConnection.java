package net.aisj.connector.api;

/**
 * A handle to the node's storage engine (mountpaths, object files and their metadata). Obtained from
 * {@link StorageConnectionFactory}; close it when done (try-with-resources). Calls are synchronous and may be made
 * from any thread; the engine behind is shared and thread-safe.
 *
 * <p>The engine's API is split by role, one interface each: {@link VolumeAdmin} (mountpaths, buckets' directories,
 * metadata documents, work lanes), {@link ObjectStore} (objects, copies, scrub), {@link MultipartStore} (S3
 * multipart uploads), {@link EcStore} (erasure coding), {@link ScratchSpace} (jobs' scratch files) and
 * {@link EventJournal} (the node's object events). Code that
 * needs one role can take that interface.
 */
public interface StorageConnection
        extends VolumeAdmin, ObjectStore, MultipartStore, EcStore, ScratchSpace, EventJournal, AutoCloseable {

    @Override
    void close();
}
