package net.aisj.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Supplier;
import net.aisj.cluster.IntraClient;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;
import net.aisj.core.AisException;
import net.aisj.core.NodeInfo;

/**
 * An object read from a neighbor target (AIS get-from-neighbor): streamed through, never buffered. If the neighbor
 * no longer has it when the bytes are fetched, a rebalance has just moved it here (the sender deletes only after
 * this node committed its copy), so the local copy is read instead.
 */
final class RemoteObjectReader implements ObjectReader {

    private final IntraClient intra;
    private final NodeInfo node;
    private final ObjectId id;
    private final ObjectStat stat;
    private final Supplier<ObjectReader> local;

    RemoteObjectReader(IntraClient intra, NodeInfo node, ObjectId id, ObjectStat stat, Supplier<ObjectReader> local) {
        this.intra = intra;
        this.node = node;
        this.id = id;
        this.stat = stat;
        this.local = local;
    }

    @Override
    public ObjectStat stat() {
        return stat;
    }

    @Override
    public long transferTo(OutputStream out, long offset, long length) throws IOException {
        if (length == 0) {
            return 0;
        }
        InputStream in;
        try {
            in = intra.read(node, id, offset, length);
        } catch (AisException e) {
            if (e.kind() != AisException.Kind.NOT_FOUND) {
                throw e;
            }
            try (ObjectReader r = local.get()) {
                return r.transferTo(out, offset, length);
            }
        }
        try (in) {
            return in.transferTo(out);
        }
    }

    @Override
    public InputStream stream() throws IOException {
        try {
            return intra.read(node, id, 0, -1);
        } catch (AisException e) {
            if (e.kind() != AisException.Kind.NOT_FOUND) {
                throw e;
            }
            return local.get().stream();
        }
    }

    @Override
    public void close() {
        // nothing held between calls
    }
}
