package net.aisj.backend.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.storage.StorageException;
import java.util.Map;
import net.aisj.backend.BackendException;
import org.junit.jupiter.api.Test;

class GcsBackendTest {

    @Test
    void settingsUseGooglesNamesAndTheEmulatorHostGetsAScheme() {
        GcsSettings s = GcsSettings.fromEnv(Map.of(
                "GOOGLE_CLOUD_PROJECT",
                "p",
                "GOOGLE_APPLICATION_CREDENTIALS",
                "/k.json",
                "STORAGE_EMULATOR_HOST",
                "h:9"));
        assertThat(s.project()).isEqualTo("p");
        assertThat(s.credentialsFile()).isEqualTo("/k.json");
        assertThat(s.endpoint()).isEqualTo("http://h:9");
        assertThat(GcsSettings.fromEnv(Map.of()).endpoint()).isEmpty();
    }

    @Test
    void clientErrorsBecomeTypedBackendErrors() {
        assertThat(GcsBackend.map(new StorageException(404, "nope"), true).kind())
                .isEqualTo(BackendException.Kind.BUCKET_NOT_FOUND);
        assertThat(GcsBackend.map(new StorageException(404, "nope"), false).kind())
                .isEqualTo(BackendException.Kind.OBJECT_NOT_FOUND);
        assertThat(GcsBackend.map(new StorageException(403, "no"), false).kind())
                .isEqualTo(BackendException.Kind.ACCESS_DENIED);
        assertThat(GcsBackend.map(new StorageException(503, "busy"), false).kind())
                .isEqualTo(BackendException.Kind.UNAVAILABLE);
        BackendException refused = GcsBackend.map(
                new StorageException(0, "io", new java.net.ConnectException("Connection refused")), false);
        assertThat(refused.kind()).isEqualTo(BackendException.Kind.UNAVAILABLE);
        assertThat(refused.getMessage()).contains("Connection refused");
    }
}
