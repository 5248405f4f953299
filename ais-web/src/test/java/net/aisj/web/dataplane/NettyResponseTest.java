package net.aisj.web.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.AsciiString;
import org.junit.jupiter.api.Test;

class NettyResponseTest {

    @Test
    void asciiNamesAreRememberedAsAsciiStrings() {
        CharSequence a = NettyResponse.name("Ais-Checksum-Value");
        assertThat(a).isInstanceOf(AsciiString.class);
        assertThat(a.toString()).isEqualTo("Ais-Checksum-Value");
        assertThat(NettyResponse.name("Ais-Checksum-Value")).isSameAs(a);
    }

    @Test
    void aNonAsciiNameIsPassedAsItIs() {
        String n = "X-Na\u00efve";
        assertThat(NettyResponse.name(n)).isSameAs(n);
    }

    @Test
    void headersSetThroughTheResponseAreFoundCaseInsensitively() {
        NettyResponse r = new NettyResponse(null);
        r.setHeader("Content-Type", "text/plain");
        r.addHeader("ais-version", "1");
        assertThat(r.getHeader("content-type")).isEqualTo("text/plain");
        assertThat(r.containsHeader("Ais-Version")).isTrue();
        r.setHeader("Ais-Version", null);
        assertThat(r.containsHeader("ais-version")).isFalse();
    }
}
