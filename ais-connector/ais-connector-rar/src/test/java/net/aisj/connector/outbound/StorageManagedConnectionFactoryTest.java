package net.aisj.connector.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.PutOptions;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageConnectionFactory;
import net.aisj.connector.ra.FakeBootstrapContext;
import net.aisj.connector.ra.StorageResourceAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageManagedConnectionFactoryTest {

    @TempDir
    Path dir;

    FakeBootstrapContext ctx;
    StorageResourceAdapter ra;
    StorageManagedConnectionFactory mcf;

    @BeforeEach
    void start() throws ResourceException {
        ctx = new FakeBootstrapContext(false);
        ra = new StorageResourceAdapter();
        ra.start(ctx);
        mcf = new StorageManagedConnectionFactory();
        mcf.setResourceAdapter(ra);
    }

    @AfterEach
    void stop() {
        ra.stop();
        ctx.close();
    }

    @Test
    void declaresTheFourTypesAndNoTransactions() {
        ConnectionDefinition cd = StorageManagedConnectionFactory.class.getAnnotation(ConnectionDefinition.class);
        assertThat(cd.connectionFactory()).isEqualTo(StorageConnectionFactory.class);
        assertThat(cd.connectionFactoryImpl()).isEqualTo(StorageConnectionFactoryImpl.class);
        assertThat(cd.connection()).isEqualTo(StorageConnection.class);
        assertThat(cd.connectionImpl()).isEqualTo(StorageConnectionImpl.class);
        assertThat(mcf.getTransactionSupport()).isEqualTo(TransactionSupportLevel.NoTransaction);
        assertThat(mcf.getResourceAdapter()).isSameAs(ra);
    }

    @Test
    void equalityFollowsTheAdapter() throws ResourceException {
        StorageManagedConnectionFactory same = new StorageManagedConnectionFactory();
        same.setResourceAdapter(ra);
        assertThat(same).isEqualTo(mcf).hasSameHashCodeAs(mcf);
        StorageManagedConnectionFactory other = new StorageManagedConnectionFactory();
        StorageResourceAdapter ra2 = new StorageResourceAdapter();
        other.setResourceAdapter(ra2);
        assertThat(other).isNotEqualTo(mcf);
        assertThatThrownBy(() -> other.setResourceAdapter((ResourceAdapter) null))
                .isInstanceOf(ResourceException.class);
    }

    @Test
    void matchReturnsALiveMemberOfThisFactoryOrNull() throws ResourceException {
        ManagedConnection mc = mcf.createManagedConnection(null, null);
        assertThat(mcf.matchManagedConnections(Set.of(mc), null, null)).isSameAs(mc);
        assertThat(mcf.matchManagedConnections(Set.of(), null, null)).isNull();
        assertThat(mcf.matchManagedConnections(null, null, null)).isNull();
        StorageManagedConnectionFactory foreign = new StorageManagedConnectionFactory();
        foreign.setResourceAdapter(new StorageResourceAdapter());
        assertThat(foreign.matchManagedConnections(Set.of(mc), null, null)).isNull();
        mc.destroy();
        assertThat(mcf.matchManagedConnections(Set.of(mc), null, null)).isNull();
    }

    @Test
    void unassociatedFactoryCannotConnect() {
        StorageManagedConnectionFactory lonely = new StorageManagedConnectionFactory();
        assertThatThrownBy(() -> lonely.createManagedConnection(null, null)).isInstanceOf(ResourceException.class);
    }

    @Test
    void unmanagedFactoryWorksEndToEnd() throws Exception {
        StorageConnectionFactory cf = (StorageConnectionFactory) mcf.createConnectionFactory();
        ObjectId id = new ObjectId(BucketId.ais("b"), "hello/world");
        try (StorageConnection c = cf.getConnection()) {
            c.open(null, List.of(dir.resolve("mp").toString()));
            assertThat(c.healthy()).isTrue();
            c.put(id, new ByteArrayInputStream("hi".getBytes()), PutOptions.defaults());
        }
        try (StorageConnection c = cf.getConnection();
                ObjectReader r = c.open(id, true)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            r.transferTo(out, 0, -1);
            assertThat(out.toString()).isEqualTo("hi");
            assertThat(c.stat(id).orElseThrow().version()).isEqualTo("1");
        }
    }
}
