package net.aisj.jca.outbound;

import java.io.InputStream;
import java.util.function.Supplier;
import net.aisj.client.AisClient;
import net.aisj.client.AisClientException;
import net.aisj.client.ClusterView;
import net.aisj.client.ListPage;
import net.aisj.client.ObjectProps;
import net.aisj.jca.AisConnection;

/**
 * The handle an application holds: every call goes through its managed connection's Java client. A call that
 * reached no node at all also tells the pool to replace the managed connection.
 */
public class AisConnectionImpl implements AisConnection {

    private volatile AisManagedConnection mc;
    private volatile boolean closed;

    AisConnectionImpl(AisManagedConnection mc) {
        this.mc = mc;
    }

    /** The container moved this handle to {@code to} (connection sharing). */
    void associate(AisManagedConnection to) {
        AisManagedConnection from = mc;
        if (from != null && from != to) {
            from.detach(this);
        }
        mc = to;
    }

    /** The managed connection was cleaned up or destroyed: this handle is unusable. */
    void invalidate() {
        closed = true;
        mc = null;
    }

    private AisClient client() {
        AisManagedConnection m = mc;
        if (closed || m == null) {
            throw new IllegalStateException("ais-jca connection is closed");
        }
        return m.client();
    }

    private <T> T call(Supplier<T> what) {
        AisClient c = client();
        try {
            return what.get();
        } catch (AisClientException e) {
            AisManagedConnection m = mc;
            if (e.status() == 0 && m != null && c == m.client()) {
                m.failed(this, e);
            }
            throw e;
        }
    }

    private void run(Runnable what) {
        call(() -> {
            what.run();
            return null;
        });
    }

    @Override
    public void createBucket(String bucket) {
        run(() -> {
            if (!client().bucket(bucket).exists()) {
                client().bucket(bucket).create();
            }
        });
    }

    @Override
    public boolean bucketExists(String bucket) {
        return call(() -> client().bucket(bucket).exists());
    }

    @Override
    public void put(String bucket, String name, InputStream in, long length) {
        run(() -> client().bucket(bucket).put(name, in, length));
    }

    @Override
    public void put(String bucket, String name, byte[] bytes) {
        run(() -> client().bucket(bucket).put(name, bytes));
    }

    @Override
    public InputStream get(String bucket, String name) {
        return call(() -> client().bucket(bucket).get(name));
    }

    @Override
    public InputStream get(String bucket, String name, long offset, long length) {
        return call(() -> client().bucket(bucket).get(name, offset, length));
    }

    @Override
    public ObjectProps head(String bucket, String name) {
        return call(() -> client().bucket(bucket).head(name));
    }

    @Override
    public void delete(String bucket, String name) {
        run(() -> client().bucket(bucket).delete(name));
    }

    @Override
    public ListPage list(String bucket, String prefix, String token, int pageSize) {
        return call(() -> client().bucket(bucket).list(prefix, token, pageSize));
    }

    @Override
    public ClusterView clusterMap() {
        return call(() -> client().clusterMap());
    }

    @Override
    public String user() {
        return client().user();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        AisManagedConnection m = mc;
        mc = null;
        if (m != null) {
            m.handleClosed(this);
        }
    }
}
