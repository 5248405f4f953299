package net.aisj.service.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import net.aisj.backend.RemoteObject;
import net.aisj.backend.RemoteRead;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;

/**
 * The reader of a cold GET: the remote body is opened already (so its size and ETag are known for the response
 * headers); {@link #transferTo} stores it locally while the requested bytes go to the client, one read of the
 * remote ({@link TeeInputStream}). {@link #stream()} (callers that pull) fills the cache first and then reads the
 * local copy. Closing it without a transfer aborts the fetch. Not thread-safe.
 */
final class ColdReader implements ObjectReader {

    /** Stores the remote body locally; runs on the caller's thread. */
    interface Fill {
        /** Reads {@code in} to its end into the local copy and commits it; nothing is kept on failure. */
        void store(InputStream in) throws IOException;

        /** The local copy, once stored. */
        ObjectReader openLocal();

        /** The fetch ended: {@code ok} when the local copy was committed. Called once. */
        void done(boolean ok);
    }

    private final RemoteRead remote;
    private final ObjectStat stat;
    private final Fill fill;
    private final String what;
    private boolean finished;

    ColdReader(RemoteRead remote, ObjectStat stat, Fill fill, String what) {
        this.remote = remote;
        this.stat = stat;
        this.fill = fill;
        this.what = what;
    }

    /**
     * What a client sees of a cold object before it is stored: the remote's size, ETag, version and time. It has no
     * mountpath: that is how callers tell an object not present in the cluster (AIS's {@code Ais-Present: false}).
     */
    static ObjectStat statOf(String name, RemoteObject m, java.util.Map<String, String> custom, String version) {
        return new ObjectStat(
                name,
                m.size(),
                Checksum.NONE,
                version,
                System.currentTimeMillis() * 1_000_000L,
                m.mtimeMillis(),
                custom,
                null,
                List.of());
    }

    @Override
    public ObjectStat stat() {
        return stat;
    }

    @Override
    public long transferTo(OutputStream out, long offset, long length) throws IOException {
        if (finished) {
            try (ObjectReader r = fill.openLocal()) {
                return r.transferTo(out, offset, length);
            }
        }
        TeeInputStream tee = new TeeInputStream(
                remote.body(), out, offset, length, remote.meta().md5(), stat.size(), what);
        boolean ok = false;
        try {
            fill.store(tee);
            ok = true;
        } finally {
            finish(ok);
        }
        if (tee.clientError() != null) {
            throw tee.clientError();
        }
        return tee.sent();
    }

    @Override
    public InputStream stream() throws IOException {
        if (!finished) {
            transferTo(OutputStream.nullOutputStream(), 0, 0);
        }
        ObjectReader r = fill.openLocal();
        InputStream in = r.stream();
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    r.close();
                }
            }
        };
    }

    private void finish(boolean ok) {
        if (finished) {
            return;
        }
        finished = true;
        try {
            remote.close();
        } catch (IOException e) {
            // the body was read to its end or abandoned; nothing to keep
        }
        fill.done(ok);
    }

    @Override
    public void close() {
        finish(false);
    }
}
