package net.aisj.backend.gcp;

import java.util.Map;

/**
 * How to reach Google Cloud Storage, read from the environment at start with AIS's (and Google's) names:
 * {@code GOOGLE_CLOUD_PROJECT}, {@code GOOGLE_APPLICATION_CREDENTIALS} (a service-account JSON file; when unset, the
 * client's application default credentials), and {@code STORAGE_EMULATOR_HOST} (an endpoint such as
 * {@code http://127.0.0.1:9199}, reached without credentials). Empty strings mean "not set".
 */
public record GcsSettings(String project, String credentialsFile, String emulatorHost) {

    public GcsSettings {
        project = project == null ? "" : project.trim();
        credentialsFile = credentialsFile == null ? "" : credentialsFile.trim();
        emulatorHost = emulatorHost == null ? "" : emulatorHost.trim();
    }

    public static GcsSettings fromEnv(Map<String, String> env) {
        return new GcsSettings(
                env.get("GOOGLE_CLOUD_PROJECT"),
                env.get("GOOGLE_APPLICATION_CREDENTIALS"),
                env.get("STORAGE_EMULATOR_HOST"));
    }

    /** The endpoint: the emulator's (with a scheme) or "" for Google's. */
    public String endpoint() {
        if (emulatorHost.isEmpty()) {
            return "";
        }
        String h = emulatorHost.contains("://") ? emulatorHost : "http://" + emulatorHost;
        return h.endsWith("/") ? h.substring(0, h.length() - 1) : h;
    }
}
