package net.aisj.connector.api;

import java.util.List;

/**
 * The node's event journal: small opaque records (the node's object events) appended in order, each given the next
 * position (1, 2, 3, ...), kept on a mountpath so they survive a restart, and read back by position. Old records are
 * dropped by size (retention), never rewritten. Records are in the OS's hands when {@link #appendEvent} returns and
 * on disk within about a second (a process crash loses none; a power loss may lose the last second).
 *
 * <p>One of the roles of a {@link StorageConnection}; thread-safe like it.
 */
public interface EventJournal {

    /**
     * Appends {@code record}; returns its position.
     *
     * @throws StorageException UNAVAILABLE before the mountpaths are open or when the journal's mountpath failed
     */
    long appendEvent(byte[] record) throws StorageException;

    /** At most {@code max} records after position {@code after}, in order. */
    Page readEvents(long after, int max) throws StorageException;

    /**
     * Records read from the journal.
     *
     * @param epoch the journal's identity, new when it was created (fresh disks): positions of another epoch mean
     *     nothing here
     * @param first the oldest position still held (1 until retention dropped records)
     * @param last the newest position (0 when empty)
     */
    record Page(String epoch, long first, long last, List<Entry> entries) {
        public Page {
            entries = List.copyOf(entries);
        }
    }

    /** One record and its position. */
    record Entry(long seq, byte[] data) {}
}
