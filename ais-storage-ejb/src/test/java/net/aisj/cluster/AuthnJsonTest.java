package net.aisj.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import net.aisj.core.auth.AuthnState;
import org.junit.jupiter.api.Test;

class AuthnJsonTest {

    @Test
    void revokedTokensKeepTheirTextForRegisteredClustersUntilTheyExpire() {
        AuthnState s = AuthnState.empty()
                .withRevoked("h1", "token-1", 1000, 0)
                .withRevoked("h2", null, 2000, 0)
                .withRevoked("h3", "token-3", 3000, 0);
        assertThat(s.liveRevokedTokens(1500)).containsExactly("token-3");
        assertThat(s.liveRevokedTokens(0)).containsExactly("token-1", "token-3");

        AuthnState back = AuthnJson.stateOf(AuthnJson.stateText(s));
        assertThat(back.revoked()).isEqualTo(s.revoked());
        assertThat(back.revokedTokens()).isEqualTo(s.revokedTokens());

        // a later revocation drops the expired ones, hash and text
        AuthnState later = back.withRevoked("h4", "token-4", 5000, 2500);
        assertThat(later.revoked()).containsOnlyKeys("h3", "h4");
        assertThat(later.revokedTokens()).containsOnlyKeys("h3", "h4");
    }

    @Test
    void aDocumentWrittenBeforeRevokedTokensExistedStillReads() {
        AuthnState s = AuthnJson.stateOf(
                "{\"version\":3,\"users\":{},\"roles\":{},\"clusters\":{},\"revoked\":{\"h\":9},\"signing_jwk\":\"\"}");
        assertThat(s.revoked()).containsEntry("h", 9L);
        assertThat(s.revokedTokens()).isEmpty();
    }
}
