package net.aisj.connector.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnectionFactory;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import javax.naming.Reference;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.ra.FakeBootstrapContext;
import net.aisj.connector.ra.StorageResourceAdapter;
import org.junit.jupiter.api.Test;

class StorageConnectionFactoryImplTest {

    static final class RecordingManager implements ConnectionManager {
        private static final long serialVersionUID = 1L;
        final transient List<ManagedConnectionFactory> calls = new ArrayList<>();

        @Override
        public Object allocateConnection(ManagedConnectionFactory mcf, ConnectionRequestInfo info)
                throws jakarta.resource.ResourceException {
            calls.add(mcf);
            assertThat(info).isNull();
            return mcf.createManagedConnection(null, info).getConnection(null, info);
        }
    }

    @Test
    void connectionsComeFromTheConnectionManager() throws Exception {
        StorageResourceAdapter ra = new StorageResourceAdapter();
        try (FakeBootstrapContext ctx = new FakeBootstrapContext(false)) {
            ra.start(ctx);
            StorageManagedConnectionFactory mcf = new StorageManagedConnectionFactory();
            mcf.setResourceAdapter(ra);
            RecordingManager cm = new RecordingManager();
            StorageConnectionFactoryImpl cf = (StorageConnectionFactoryImpl) mcf.createConnectionFactory(cm);
            try (StorageConnection c = cf.getConnection()) {
                assertThat(c).isInstanceOf(StorageConnectionImpl.class);
                assertThat(c.healthy()).isFalse(); // not opened yet
            }
            assertThat(cm.calls).containsExactly(mcf);
            Reference ref = new Reference(StorageConnectionFactoryImpl.class.getName());
            cf.setReference(ref);
            assertThat(cf.getReference()).isSameAs(ref);
            try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
                out.writeObject(cf);
            }
            ra.stop();
        }
    }

    @Test
    void theSharedConnectionIsAllocatedOnceSurvivesCloseAndIsReplacedOnceThePoolInvalidatesIt() throws Exception {
        StorageResourceAdapter ra = new StorageResourceAdapter();
        try (FakeBootstrapContext ctx = new FakeBootstrapContext(false)) {
            ra.start(ctx);
            StorageManagedConnectionFactory mcf = new StorageManagedConnectionFactory();
            mcf.setResourceAdapter(ra);
            List<StorageManagedConnection> created = new ArrayList<>();
            ConnectionManager cm = (f, info) -> {
                StorageManagedConnection mc = (StorageManagedConnection) f.createManagedConnection(null, info);
                created.add(mc);
                return mc.getConnection(null, info);
            };
            StorageConnectionFactoryImpl cf = (StorageConnectionFactoryImpl) mcf.createConnectionFactory(cm);
            StorageConnection shared = cf.getSharedConnection();
            shared.close(); // a no-op for the shared handle
            assertThat(((StorageConnectionImpl) shared).isValid()).isTrue();
            assertThat(cf.getSharedConnection()).isSameAs(shared);
            assertThat(created).hasSize(1);

            created.get(0).cleanup(); // what the pool does after a connection error
            assertThat(((StorageConnectionImpl) shared).isValid()).isFalse();
            StorageConnection next = cf.getSharedConnection();
            assertThat(next).isNotSameAs(shared);
            assertThat(((StorageConnectionImpl) next).isValid()).isTrue();
            assertThat(created).hasSize(2);

            try (StorageConnection c = cf.getConnection()) { // ordinary handles still close
                assertThat(((StorageConnectionImpl) c).isValid()).isTrue();
                c.close();
                assertThat(((StorageConnectionImpl) c).isValid()).isFalse();
            }
            ra.stop();
        }
    }
}
