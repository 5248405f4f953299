package net.aisj.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import net.aisj.cluster.IntraClient;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;
import net.aisj.core.NodeInfo;

/** An object read from a neighbor target (AIS get-from-neighbor): streamed through, never buffered. */
final class RemoteObjectReader implements ObjectReader {

    private final IntraClient intra;
    private final NodeInfo node;
    private final ObjectId id;
    private final ObjectStat stat;

    RemoteObjectReader(IntraClient intra, NodeInfo node, ObjectId id, ObjectStat stat) {
        this.intra = intra;
        this.node = node;
        this.id = id;
        this.stat = stat;
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
        try (InputStream in = intra.read(node, id, offset, length)) {
            return in.transferTo(out);
        }
    }

    @Override
    public InputStream stream() {
        return intra.read(node, id, 0, -1);
    }

    @Override
    public void close() {
        // nothing held between calls
    }
}
