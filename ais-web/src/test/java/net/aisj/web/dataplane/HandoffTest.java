package net.aisj.web.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class HandoffTest {

    @Test
    void anH2cOfferIsRemovedWithItsConnectionTokens() {
        HttpHeaders h = new DefaultHttpHeaders()
                .add("Connection", "Upgrade, HTTP2-Settings")
                .add("Upgrade", "h2c")
                .add("HTTP2-Settings", "AAEAAEAAAAIAAAABAAMAAABkAAQBAAAAAAUAAEAA")
                .add("Host", "x");
        Handoff.declineUpgrade(h);
        assertThat(h.names()).containsExactly("Host");
    }

    @Test
    void otherConnectionTokensStay() {
        HttpHeaders h = new DefaultHttpHeaders()
                .add("Connection", "keep-alive, Upgrade")
                .add("Upgrade", "h2c");
        Handoff.declineUpgrade(h);
        assertThat(h.get("Connection")).isEqualTo("keep-alive");
        assertThat(h.contains("Upgrade")).isFalse();
    }

    @Test
    void aRequestWithoutAnOfferIsUntouched() {
        HttpHeaders h = new DefaultHttpHeaders().add("Connection", "close").add("Host", "x");
        Handoff.declineUpgrade(h);
        assertThat(h.get("Connection")).isEqualTo("close");
        assertThat(h.size()).isEqualTo(2);
    }
}
