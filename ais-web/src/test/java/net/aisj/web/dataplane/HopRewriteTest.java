package net.aisj.web.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HopRewriteTest {

    /** A header value as Netty hands it over: one char per received byte. */
    private static String asReceived(String utf8) {
        return new String(utf8.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    void anOrdinaryRequestIsLeftAlone() {
        var r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.DELETE, "/v1/objects/b/a%2Fb?provider=ais");
        r.headers().set("x-amz-meta-k", "plain");
        HopRewrite.apply(r);
        assertThat(r.uri()).isEqualTo("/v1/objects/b/a%2Fb?provider=ais");
        assertThat(r.headers().contains(HopRewrite.TOKEN_HEADER)).isFalse();
        assertThat(r.headers().contains(HopRewrite.ORIGINAL_URI)).isFalse();
    }

    @Test
    void aBackslashInThePathIsReplacedAndTheOriginalCarriedWithTheToken() {
        var r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.DELETE, "/v1/objects/b/a%5Cb%5c?prefix=x%5C");
        HopRewrite.apply(r);
        assertThat(r.uri()).isEqualTo("/v1/objects/b/a%5Fb%5F?prefix=x%5C");
        assertThat(r.headers().get(HopRewrite.ORIGINAL_URI)).isEqualTo("/v1/objects/b/a%5Cb%5c?prefix=x%5C");
        assertThat(r.headers().get(HopRewrite.TOKEN_HEADER)).isEqualTo(HopRewrite.TOKEN);
    }

    @Test
    void rawUtf8HeaderValuesArePercentEncodedAndDecodeBack() {
        var r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/b/k?uploads");
        r.headers().set("X-Amz-Meta-Name", asReceived("café 100%"));
        r.headers().set("X-Amz-Meta-Plain", "ascii");
        HopRewrite.apply(r);
        String sent = r.headers().get("x-amz-meta-name");
        assertThat(sent).isEqualTo("caf%C3%A9 100%25");
        assertThat(r.headers().get(HopRewrite.ENCODED_HEADERS)).isEqualTo("x-amz-meta-name");
        assertThat(r.headers().get("x-amz-meta-plain")).isEqualTo("ascii");
        assertThat(HopRewrite.percentDecode(sent)).isEqualTo("café 100%");
    }

    @Test
    void clientsCannotForgeTheHopsHeaders() {
        var r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/v1/buckets");
        r.headers().set(HopRewrite.ORIGINAL_URI, "/v1/objects/other/secret");
        r.headers().set(HopRewrite.TOKEN_HEADER, "guess");
        r.headers().set(HopRewrite.ENCODED_HEADERS, "authorization");
        HopRewrite.apply(r);
        assertThat(r.headers().contains(HopRewrite.ORIGINAL_URI)).isFalse();
        assertThat(r.headers().contains(HopRewrite.TOKEN_HEADER)).isFalse();
        assertThat(r.headers().contains(HopRewrite.ENCODED_HEADERS)).isFalse();
    }

    @Test
    void utf8ReadsReceivedBytesAsUtf8AndKeepsWhatIsNotUtf8() {
        assertThat(HopRewrite.utf8(asReceived("naïve ☕"))).isEqualTo("naïve ☕");
        assertThat(HopRewrite.utf8("ascii")).isEqualTo("ascii");
        assertThat(HopRewrite.utf8(null)).isNull();
        String latin1 = "caf\u00e9"; // one byte 0xE9: not UTF-8, kept as received
        assertThat(HopRewrite.utf8(latin1)).isEqualTo(latin1);
    }
}
