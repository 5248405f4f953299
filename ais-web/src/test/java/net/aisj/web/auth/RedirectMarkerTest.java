package net.aisj.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import net.aisj.web.common.RawQuery;
import org.junit.jupiter.api.Test;

class RedirectMarkerTest {

    @Test
    void aRedirectAgainReplacesTheClusterMapVersionItCarried() {
        assertThat(RawQuery.without("provider=ais&smapv=4&etl_name=x", RedirectSigner.SMAP_VERSION))
                .isEqualTo("provider=ais&etl_name=x");
        assertThat(RawQuery.without("smapv=4", RedirectSigner.SMAP_VERSION)).isNull();
        assertThat(RawQuery.without(null, RedirectSigner.SMAP_VERSION)).isNull();
        assertThat(RawQuery.without("smapvx=1&a=b", RedirectSigner.SMAP_VERSION))
                .as("only that exact name")
                .isEqualTo("smapvx=1&a=b");
    }

    @Test
    void theSeenVersionIsZeroUnlessANumberWasCarried() {
        assertThat(RedirectSigner.seenVersion("17")).isEqualTo(17);
        assertThat(RedirectSigner.seenVersion(null)).isZero();
        assertThat(RedirectSigner.seenVersion("x")).isZero();
    }
}
