package net.aisj.connector.api;

/**
 * Scratch files of jobs (dsort's spilled records), on the mountpaths.
 *
 * <p>One of the roles of a {@link StorageConnection}; thread-safe like it.
 */
public interface ScratchSpace {

    /**
     * Creates an empty scratch file for a job (e.g. dsort's spilled records) on a usable mountpath, round-robin;
     * {@code prefix} names the job in the file name. The caller closes it (which deletes it).
     *
     * @throws StorageException UNAVAILABLE when no mountpath is usable, IO when the file cannot be created
     */
    ScratchFile createScratch(String prefix) throws StorageException;
}
