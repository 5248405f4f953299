package net.aisj.connector.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import java.util.ArrayList;
import java.util.List;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;
import net.aisj.connector.ra.FakeBootstrapContext;
import net.aisj.connector.ra.StorageResourceAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StorageManagedConnectionTest {

    FakeBootstrapContext ctx;
    StorageResourceAdapter ra;
    StorageManagedConnectionFactory mcf;
    StorageManagedConnection mc;
    final List<ConnectionEvent> closed = new ArrayList<>();

    @BeforeEach
    void start() throws ResourceException {
        ctx = new FakeBootstrapContext(false);
        ra = new StorageResourceAdapter();
        ra.start(ctx);
        mcf = new StorageManagedConnectionFactory();
        mcf.setResourceAdapter(ra);
        mc = (StorageManagedConnection) mcf.createManagedConnection(null, null);
        mc.addConnectionEventListener(new ConnectionEventListener() {
            @Override
            public void connectionClosed(ConnectionEvent event) {
                closed.add(event);
            }

            @Override
            public void localTransactionStarted(ConnectionEvent event) {}

            @Override
            public void localTransactionCommitted(ConnectionEvent event) {}

            @Override
            public void localTransactionRolledback(ConnectionEvent event) {}

            @Override
            public void connectionErrorOccurred(ConnectionEvent event) {}
        });
    }

    @AfterEach
    void stop() {
        ra.stop();
        ctx.close();
    }

    @Test
    void closingAHandleFiresConnectionClosedOnce() throws Exception {
        StorageConnection h = (StorageConnection) mc.getConnection(null, null);
        assertThat(mc.handleCount()).isEqualTo(1);
        h.close();
        h.close();
        assertThat(closed).singleElement().satisfies(e -> {
            assertThat(e.getId()).isEqualTo(ConnectionEvent.CONNECTION_CLOSED);
            assertThat(e.getConnectionHandle()).isSameAs(h);
            assertThat(e.getSource()).isSameAs(mc);
        });
        assertThat(mc.handleCount()).isZero();
        assertThatThrownBy(() -> h.createBucket(BucketId.ais("x")))
                .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(Reason.UNAVAILABLE));
        assertThat(h.healthy()).isFalse();
    }

    @Test
    void cleanupInvalidatesHandlesAndDestroyRefusesNewOnes() throws Exception {
        StorageConnectionImpl h1 = (StorageConnectionImpl) mc.getConnection(null, null);
        StorageConnectionImpl h2 = (StorageConnectionImpl) mc.getConnection(null, null);
        mc.cleanup();
        assertThat(h1.isValid()).isFalse();
        assertThat(h2.isValid()).isFalse();
        assertThat(closed).isEmpty();
        StorageConnectionImpl h3 = (StorageConnectionImpl) mc.getConnection(null, null);
        assertThat(h3.isValid()).isTrue();
        mc.destroy();
        assertThat(h3.isValid()).isFalse();
        assertThatThrownBy(() -> mc.getConnection(null, null)).isInstanceOf(ResourceException.class);
    }

    @Test
    void associateMovesAHandle() throws Exception {
        StorageConnectionImpl h = (StorageConnectionImpl) mc.getConnection(null, null);
        StorageManagedConnection other = (StorageManagedConnection) mcf.createManagedConnection(null, null);
        other.associateConnection(h);
        assertThat(mc.handleCount()).isZero();
        assertThat(other.handleCount()).isEqualTo(1);
        assertThatThrownBy(() -> other.associateConnection("not a handle")).isInstanceOf(ResourceException.class);
        h.close();
        assertThat(closed).isEmpty();
        assertThat(other.handleCount()).isZero();
    }

    @Test
    void transactionsAreNotSupported() throws ResourceException {
        assertThatThrownBy(mc::getXAResource).isInstanceOf(NotSupportedException.class);
        assertThatThrownBy(mc::getLocalTransaction).isInstanceOf(NotSupportedException.class);
        assertThat(mc.getMetaData().getEISProductName()).contains("ais");
    }
}
