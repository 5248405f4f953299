package net.aisj.connector.api;

import java.util.List;

/**
 * The node's volume: opening the mountpaths, their state and changes, buckets' directories, the metadata documents
 * kept on every mountpath, and the engine's work lanes.
 *
 * <p>One of the roles of a {@link StorageConnection}; thread-safe like it.
 */
public interface VolumeAdmin {

    /**
     * Opens the node's mountpaths (creating the directories and the on-disk volume record if needed) and starts the
     * background workers. Idempotent for the same arguments.
     *
     * @param configuredNodeId the operator's node id, or null/empty to use the one on disk (generating one if none)
     * @param mountpaths       directories; at least one
     * @return the node's identity and mountpaths
     * @throws StorageException UNAVAILABLE if no mountpath is usable, BAD_REQUEST if the configured id conflicts with
     *                          the one on disk
     */
    NodeVolume open(String configuredNodeId, List<String> mountpaths) throws StorageException;

    /** The node's identity and current mountpath state. */
    NodeVolume volume() throws StorageException;

    /** True when the engine is open and at least one mountpath is usable for reads and writes. */
    boolean healthy();

    /** Creates the bucket's directories on every mountpath. Idempotent. */
    void createBucket(BucketId bucket) throws StorageException;

    /** Removes the bucket's data from every mountpath. Idempotent. */
    void destroyBucket(BucketId bucket) throws StorageException;

    /**
     * Writes a small metadata document (e.g. "bmd", "smap") to every usable mountpath, atomically per mountpath.
     */
    void storeMeta(String name, byte[] content) throws StorageException;

    /** The copies of a metadata document found on the mountpaths (possibly different versions). */
    List<byte[]> loadMeta(String name) throws StorageException;

    /** Counts mountpath changes (attach, detach, enable, disable, health-check failures) since open. */
    long mountpathGeneration() throws StorageException;

    /** Adds a mountpath at run time (AIS {@code attach-mp}). */
    NodeVolume attachMountpath(String path) throws StorageException;

    /** Stops using a mountpath (AIS {@code detach-mp}); its files stay on disk. */
    NodeVolume detachMountpath(String path) throws StorageException;

    /** Enables or disables a mountpath (AIS {@code enable-mp}, {@code disable-mp}); disabled ones stay readable. */
    NodeVolume enableMountpath(String path, boolean on) throws StorageException;

    /** Runs the filesystem health check now; returns the mountpaths it disabled. */
    List<String> checkMountpaths() throws StorageException;

    /**
     * The engine's work lane {@code name} on the resource adapter's WorkManager, created with at most
     * {@code workers} concurrent workers on first use (see {@link WorkLane}); the lane outlives this connection.
     */
    WorkLane workLane(String name, int workers) throws StorageException;
}
