package net.aisj.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokensTest {

    static Tokens tokens;
    static Tokens other;
    static final long NOW = 1_800_000_000L;

    @BeforeAll
    static void keys() {
        tokens = new Tokens(Tokens.newKey());
        other = new Tokens(Tokens.newKey());
    }

    static Claims claims(long exp) {
        return new Claims(
                "alice",
                exp,
                false,
                List.of(new ClusterAcl("clu", Access.RO)),
                List.of(new BucketAcl("ais", "imagenet", "clu", "", Access.RW)));
    }

    @Test
    void roundTripKeepsAisClaimsAndHeader() throws Exception {
        String t = tokens.issue(claims(NOW + 3600), "http://h/authn", List.of("clu"), NOW);
        SignedJWT jwt = SignedJWT.parse(t);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(tokens.keyId());
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("JWT");
        assertThat(jwt.getJWTClaimsSet().getJWTID()).isNotBlank();
        assertThat(jwt.getJWTClaimsSet().getListClaim("clusters").toString()).contains("perm=771");
        Claims c = tokens.verify(t, NOW);
        assertThat(c).isEqualTo(claims(NOW + 3600));
    }

    @Test
    void expiredForeignAndMalformedTokensAre401() {
        String expired = tokens.issue(claims(NOW - 1), "i", List.of(), NOW - 100);
        assertThatThrownBy(() -> tokens.verify(expired, NOW)).hasMessage("token expired");
        String foreign = other.issue(claims(NOW + 60), "i", List.of(), NOW);
        assertThatThrownBy(() -> tokens.verify(foreign, NOW))
                .isInstanceOfSatisfying(
                        AuthException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("signature");
        assertThatThrownBy(() -> tokens.verify("not.a.jwt", NOW)).isInstanceOf(AuthException.class);
        // an unsigned token ("alg":"none") is refused
        String[] parts = foreign.split("\\.");
        String none = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + parts[1] + ".";
        assertThatThrownBy(() -> tokens.verify(none, NOW)).isInstanceOf(AuthException.class);
    }

    @Test
    void jwksAndPemExposeOnlyThePublicKey() {
        assertThat(tokens.jwks()).contains("\"kid\":\"" + tokens.keyId() + "\"").doesNotContain("\"d\"");
        assertThat(tokens.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(Tokens.hash("x")).hasSize(64);
    }

    @Test
    void redirectSignatureBindsMethodPathQueryAndTime() {
        byte[] key = "secret".getBytes();
        String q = RedirectSignature.sign(key, "GET", "/v1/objects/b/o", "provider=ais", NOW);
        assertThat(q).startsWith("provider=ais&ais_rexp=");
        assertThat(RedirectSignature.valid(key, "GET", "/v1/objects/b/o", q, NOW))
                .isTrue();
        assertThat(RedirectSignature.valid(key, "PUT", "/v1/objects/b/o", q, NOW))
                .isFalse();
        assertThat(RedirectSignature.valid(key, "GET", "/v1/objects/b/x", q, NOW))
                .isFalse();
        assertThat(RedirectSignature.valid(key, "GET", "/v1/objects/b/o", "provider=aws" + q.substring(12), NOW))
                .isFalse();
        assertThat(RedirectSignature.valid("other".getBytes(), "GET", "/v1/objects/b/o", q, NOW))
                .isFalse();
        assertThat(RedirectSignature.valid(key, "GET", "/v1/objects/b/o", q, NOW + RedirectSignature.TTL_SECONDS + 1))
                .isFalse();
        String bare = RedirectSignature.sign(key, "HEAD", "/v1/objects/b/o", null, NOW);
        assertThat(RedirectSignature.valid(key, "HEAD", "/v1/objects/b/o", bare, NOW))
                .isTrue();
        assertThat(RedirectSignature.valid(key, "HEAD", "/v1/objects/b/o", null, NOW))
                .isFalse();
    }

    @Test
    void passwordsHashSaltedAndCheck() {
        String h = Passwords.hash("s3cret");
        assertThat(h).startsWith("pbkdf2-sha256$").isNotEqualTo(Passwords.hash("s3cret"));
        assertThat(Passwords.matches("s3cret", h)).isTrue();
        assertThat(Passwords.matches("s3creT", h)).isFalse();
        assertThat(Passwords.matches("s3cret", "garbage")).isFalse();
    }

    static final String SECRET = "an-hs256-secret-of-32-bytes-at-least!";

    @Test
    void hs256WithASecretIsIssuedAndCheckedAndRs256StillValid() throws Exception {
        String jwk = Tokens.newKey();
        Tokens hs = new Tokens(jwk, SECRET, null);
        assertThat(hs.algorithm()).isEqualTo("HS256");
        String t = hs.issue(claims(NOW + 60), "i", List.of("clu"), NOW);
        SignedJWT jwt = SignedJWT.parse(t);
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
        assertThat(hs.verify(t, NOW)).isEqualTo(claims(NOW + 60));
        // a node that only checks (auth.signature.key) with the same secret accepts it; RS256 stays the default
        Tokens checker = new Tokens(Tokens.newKey(), null, SECRET);
        assertThat(checker.algorithm()).isEqualTo("RS256");
        assertThat(checker.verify(t, NOW).subject()).isEqualTo("alice");
        // the RS256 tokens of the same RSA key remain valid after the switch
        String rs = new Tokens(jwk).issue(claims(NOW + 60), "i", List.of(), NOW);
        assertThat(hs.verify(rs, NOW).subject()).isEqualTo("alice");
    }

    @Test
    void hs256IsRefusedWithoutOrWithAnotherSecret() {
        String t = new Tokens(Tokens.newKey(), SECRET, null).issue(claims(NOW + 60), "i", List.of(), NOW);
        assertThatThrownBy(() -> tokens.verify(t, NOW))
                .isInstanceOf(AuthException.class)
                .hasMessageContaining("unsupported signing method HS256");
        Tokens otherSecret = new Tokens(Tokens.newKey(), null, SECRET + "-but-another");
        assertThatThrownBy(() -> otherSecret.verify(t, NOW))
                .isInstanceOf(AuthException.class)
                .hasMessageContaining("signature");
        assertThatThrownBy(() -> new Tokens(Tokens.newKey(), "short", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes");
    }
}
