package net.aisj.jca.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.security.PasswordCredential;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.security.auth.Subject;
import net.aisj.client.AisClientException;
import net.aisj.jca.AisConnection;
import org.junit.jupiter.api.Test;

/** The connection definition outside a container: sign-on sources, validation, handle life cycle. */
class AisManagedConnectionFactoryTest {

    /** A loopback port nothing listens on. */
    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static AisManagedConnectionFactory mcf() throws Exception {
        AisManagedConnectionFactory f = new AisManagedConnectionFactory();
        f.setEndpoints("http://127.0.0.1:" + closedPort());
        f.setConnectTimeoutSeconds(2);
        return f;
    }

    @Test
    void theContainersCredentialSignsTheConnectionOn() throws Exception {
        AisManagedConnectionFactory f = mcf();
        f.setUserName("pool-default");
        f.setPassword("x");
        Subject s = new Subject();
        PasswordCredential pc = new PasswordCredential("alice", "secret".toCharArray());
        pc.setManagedConnectionFactory(f);
        s.getPrivateCredentials().add(pc);
        AisManagedConnection mc = (AisManagedConnection) f.createManagedConnection(s, null);
        assertThat(mc.getMetaData().getUserName()).isEqualTo("alice");
        assertThat(mc.client().user()).isEqualTo("alice");
        // no container subject: the application's request, else the factory's own default
        assertThat(((AisManagedConnection) f.createManagedConnection(null, new SignOn("bob", "pw".toCharArray())))
                        .client()
                        .user())
                .isEqualTo("bob");
        assertThat(((AisManagedConnection) f.createManagedConnection(null, null))
                        .client()
                        .user())
                .isEqualTo("pool-default");
        // a pooled connection is only reused for the same user
        assertThat(f.matchManagedConnections(Set.of(mc), s, null)).isSameAs(mc);
        assertThat(f.matchManagedConnections(Set.of(mc), null, new SignOn("bob", new char[0])))
                .isNull();
    }

    @Test
    void aConnectionWhoseClusterCannotBeReachedIsInvalid() throws Exception {
        AisManagedConnectionFactory f = mcf();
        AisManagedConnection mc = (AisManagedConnection) f.createManagedConnection(null, null);
        assertThat(f.getInvalidConnections(Set.of(mc))).containsExactly(mc);
    }

    @Test
    void noEndpointsIsAClearError() {
        AisManagedConnectionFactory f = new AisManagedConnectionFactory();
        assertThatThrownBy(() -> f.createManagedConnection(null, null))
                .isInstanceOf(ResourceException.class)
                .hasMessageContaining("endpoints");
    }

    @Test
    void handlesCloseOnceAndAFailedCallAsksThePoolToReplaceTheConnection() throws Exception {
        AisManagedConnectionFactory f = mcf();
        AisManagedConnection mc = (AisManagedConnection) f.createManagedConnection(null, null);
        List<String> events = new ArrayList<>();
        mc.addConnectionEventListener(new ConnectionEventListener() {
            @Override
            public void connectionClosed(ConnectionEvent e) {
                events.add("closed");
            }

            @Override
            public void connectionErrorOccurred(ConnectionEvent e) {
                events.add("error");
            }

            @Override
            public void localTransactionStarted(ConnectionEvent e) {}

            @Override
            public void localTransactionCommitted(ConnectionEvent e) {}

            @Override
            public void localTransactionRolledback(ConnectionEvent e) {}
        });
        AisConnection h = (AisConnection) mc.getConnection(null, null);
        assertThatThrownBy(() -> h.bucketExists("b"))
                .isInstanceOf(AisClientException.class)
                .satisfies(e -> assertThat(((AisClientException) e).status()).isZero());
        h.close();
        h.close();
        assertThat(events).containsExactly("error", "closed");
        assertThatThrownBy(() -> h.put("b", "o", new byte[1]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void outsideAContainerEachHandleHasItsOwnConnection() throws Exception {
        AisConnectionFactoryImplProbe.check(mcf());
    }
}
