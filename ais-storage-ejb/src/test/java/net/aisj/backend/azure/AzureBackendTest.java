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
