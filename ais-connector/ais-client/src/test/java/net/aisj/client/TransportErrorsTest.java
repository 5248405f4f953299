package net.aisj.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Errors name what went wrong even when the JDK's exception carries no message. */
class TransportErrorsTest {

    @Test
    void aRefusedConnectionIsNamedNotNull() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        AisClient c = AisClient.builder()
                .endpoint("http://127.0.0.1:" + port)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        assertThatThrownBy(c::listBuckets)
                .isInstanceOf(AisClientException.class)
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageContaining("ConnectException")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("null"));
    }

    @Test
    void aReasonFallsBackToTheTypeAndTheCausesMessage() {
        assertThat(Transport.reason(new ConnectException())).isEqualTo("ConnectException");
        assertThat(Transport.reason(new java.io.IOException(new ConnectException("Connection refused"))))
                .isEqualTo("java.net.ConnectException: Connection refused");
        assertThat(Transport.reason(new java.io.IOException(null, new ConnectException("Connection refused"))))
                .isEqualTo("IOException: Connection refused");
    }
}
