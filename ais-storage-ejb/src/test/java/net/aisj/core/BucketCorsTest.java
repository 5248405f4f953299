package net.aisj.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BucketCorsTest {

    static final BucketCors.Rule APP = new BucketCors.Rule(
            "app",
            List.of("https://app.example.com", "https://*.example.org"),
            List.of("GET", "PUT"),
            List.of("content-type", "x-amz-*"),
            List.of("ETag"),
            300);
    static final BucketCors.Rule ANY_GET =
            new BucketCors.Rule("", List.of("*"), List.of("GET"), List.of(), List.of(), -1);
    static final BucketCors CORS = new BucketCors(List.of(APP, ANY_GET));

    @Test
    void theFirstRuleThatAdmitsOriginMethodAndEveryHeaderDecides() {
        assertThat(CORS.match("https://app.example.com", "PUT", List.of("Content-Type", "X-Amz-Date")))
                .contains(APP);
        assertThat(CORS.match("https://cdn.example.org", "GET", List.of())).contains(APP);
        assertThat(CORS.match("https://app.example.com", "GET", List.of("x-other")))
                .as("APP refuses the header; the catch-all rule allows GET with no headers only")
                .isEmpty();
        assertThat(CORS.match("https://elsewhere.net", "GET", List.of())).contains(ANY_GET);
        assertThat(CORS.match("https://elsewhere.net", "PUT", List.of())).isEmpty();
        assertThat(CORS.match("https://app.example.com", "DELETE", List.of())).isEmpty();
        assertThat(CORS.match(null, "GET", List.of())).isEmpty();
        assertThat(BucketCors.NONE.match("https://app.example.com", "GET", List.of()))
                .isEmpty();
    }

    @Test
    void originsMatchCaseSensitivelyHeadersCaseInsensitively() {
        assertThat(BucketCors.wildcardMatch("https://*.example.org", "https://a.b.example.org", false))
                .isTrue();
        assertThat(BucketCors.wildcardMatch("https://*.example.org", "https://example.org", false))
                .isFalse();
        assertThat(BucketCors.wildcardMatch("https://App.example.com", "https://app.example.com", false))
                .isFalse();
        assertThat(BucketCors.wildcardMatch("X-Amz-*", "x-amz-date", true)).isTrue();
        assertThat(BucketCors.wildcardMatch("*", "anything", true)).isTrue();
        assertThat(BucketCors.wildcardMatch("ab*ba", "aba", false))
                .as("head and tail must not overlap")
                .isFalse();
    }

    @Test
    void validationRefusesWhatS3Refuses() {
        assertThat(CORS.validated()).isSameAs(CORS);
        assertThatThrownBy(() -> BucketCors.NONE.validated()).isInstanceOf(AisException.class);
        assertThatThrownBy(() -> new BucketCors(List.of(
                                new BucketCors.Rule("", List.of("*"), List.of("PATCH"), List.of(), List.of(), -1)))
                        .validated())
                .hasMessageContaining("Unsupported method is PATCH");
        assertThatThrownBy(() -> new BucketCors(List.of(new BucketCors.Rule(
                                "", List.of("https://*.*.x"), List.of("GET"), List.of(), List.of(), -1)))
                        .validated())
                .hasMessageContaining("more than one wildcard");
        assertThatThrownBy(() -> new BucketCors(
                                List.of(new BucketCors.Rule("", List.of(), List.of("GET"), List.of(), List.of(), -1)))
                        .validated())
                .isInstanceOf(AisException.class);
        List<BucketCors.Rule> many = java.util.Collections.nCopies(BucketCors.MAX_RULES + 1, ANY_GET);
        assertThatThrownBy(() -> new BucketCors(many).validated()).hasMessageContaining("at most");
    }

    @Test
    void propsKeepTheirRulesThroughOtherChanges() {
        BucketProps p = BucketProps.defaults(1, 2).withCors(CORS);
        assertThat(p.withVersioning(new BucketProps.Versioning(false, false, false))
                        .cors())
                .isEqualTo(CORS);
        assertThat(p.withMirror(new BucketProps.Mirror(true, 2, 128, false)).cors())
                .isEqualTo(CORS);
        assertThat(p.withRemote(BucketProps.Remote.NONE).cors()).isEqualTo(CORS);
        assertThat(p.withIdentity(3, 4).cors())
                .as("a copy's destination starts without")
                .isEqualTo(BucketCors.NONE);
        assertThat(p.validated().cors()).isEqualTo(CORS);
    }
}
