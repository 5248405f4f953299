package net.aisj.backend.gcp;

import java.util.Map;
import java.util.function.UnaryOperator;

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
        return from(env::get);
    }

    /** The node-wide settings from a lookup of these names (MicroProfile Config, then the environment). */
    public static GcsSettings from(UnaryOperator<String> config) {
        return new GcsSettings(
                config.apply("GOOGLE_CLOUD_PROJECT"),
                config.apply("GOOGLE_APPLICATION_CREDENTIALS"),
                config.apply("STORAGE_EMULATOR_HOST"));
    }

    /**
     * These settings with a bucket's AIS {@code extra.gcp.application_creds} and our {@code extra.gcp.endpoint}
     * applied (empty: keep the node's). A bucket's credentials file means Google's own endpoint unless the bucket
     * also names an endpoint.
     */
    public GcsSettings overriddenBy(String bucketCreds, String bucketEndpoint) {
        String c = bucketCreds == null ? "" : bucketCreds.trim();
        String e = bucketEndpoint == null ? "" : bucketEndpoint.trim();
        if (c.isEmpty() && e.isEmpty()) {
            return this;
        }
        return new GcsSettings(
                project, c.isEmpty() ? credentialsFile : c, !e.isEmpty() ? e : c.isEmpty() ? emulatorHost : "");
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
