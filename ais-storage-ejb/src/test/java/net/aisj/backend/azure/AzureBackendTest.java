package net.aisj.backend.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.Map;
import net.aisj.backend.BackendException;
import org.junit.jupiter.api.Test;

class AzureBackendTest {

    @Test
    void settingsUseAisNamesAndTheConnectionStringWins() {
        AzureSettings s = AzureSettings.fromEnv(Map.of(
                "AZURE_STORAGE_ACCOUNT", "acct", "AZURE_STORAGE_KEY", "a2V5", "AIS_AZURE_URL", "http://h:1/acct/"));
        assertThat(s.configured()).isTrue();
        assertThat(s.blobEndpoint()).isEqualTo("http://h:1/acct");
        assertThat(s.toString()).doesNotContain("a2V5");
        assertThat(AzureSettings.fromEnv(Map.of("AZURE_STORAGE_ACCOUNT", "acct", "AZURE_STORAGE_KEY", "k"))
                        .blobEndpoint())
                .isEqualTo("https://acct.blob.core.windows.net");
        assertThat(AzureSettings.fromEnv(Map.of("AZURE_STORAGE_ACCOUNT", "acct"))
                        .configured())
                .isFalse();
        assertThat(AzureSettings.fromEnv(Map.of("AZURE_STORAGE_CONNECTION_STRING", "UseDevelopmentStorage=true"))
                        .configured())
                .isTrue();
    }

    @Test
    void aBucketsEndpointAndAccountOverrideTheNodesAndAnotherAccountNeedsItsKeySetting() {
        AzureSettings node = AzureSettings.fromEnv(Map.of(
                "AZURE_STORAGE_CONNECTION_STRING",
                "DefaultEndpointsProtocol=http;AccountName=acct;AccountKey=a2V5;BlobEndpoint=http://h:1/acct;"));
        assertThat(node.overriddenBy("", "", k -> null)).isSameAs(node);
        AzureSettings ep = node.overriddenBy("http://other:2/acct", "", k -> null);
        assertThat(ep.connectionString()).isEmpty();
        assertThat(ep.account()).isEqualTo("acct");
        assertThat(ep.key()).isEqualTo("a2V5");
        assertThat(ep.blobEndpoint()).isEqualTo("http://other:2/acct");
        AzureSettings other = node.overriddenBy("", "second", k -> k.equals("ais.azure.key.second") ? "c2Vj" : null);
        assertThat(other.account()).isEqualTo("second");
        assertThat(other.key()).isEqualTo("c2Vj");
        assertThat(other.blobEndpoint()).isEqualTo("https://second.blob.core.windows.net");
        assertThatThrownBy(() -> node.overriddenBy("", "third", k -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ais.azure.key.third")
                .hasMessageContaining("AIS_AZURE_KEY_THIRD");
    }

    @Test
    void anUnconfiguredNodeSaysWhatToSet() {
        assertThatThrownBy(() -> new AzureBackend(AzureSettings.fromEnv(Map.of())))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("AZURE_STORAGE_ACCOUNT")
                .hasMessageContaining("AZURE_STORAGE_KEY");
    }

    @Test
    void transportFailuresAreUnavailableWithTheirCause() {
        BackendException e = AzureBackend.map(
                new UncheckedIOException("io", new java.io.IOException(new ConnectException("Connection refused"))),
                false);
        assertThat(e.kind()).isEqualTo(BackendException.Kind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("Connection refused");
    }
}
