package net.aisj.backend.azure;

import java.util.Map;

/**
 * How to reach Azure Blob Storage, read from the environment at start with AIS's names: {@code AZURE_STORAGE_ACCOUNT}
 * and {@code AZURE_STORAGE_KEY} (shared-key auth), {@code AIS_AZURE_URL} (the blob endpoint; default
 * {@code https://<account>.blob.core.windows.net}); or Azure's own {@code AZURE_STORAGE_CONNECTION_STRING}, which
 * wins when set. Empty strings mean "not set".
 */
public record AzureSettings(String connectionString, String account, String key, String endpoint) {

    public AzureSettings {
        connectionString = trim(connectionString);
        account = trim(account);
        key = trim(key);
        endpoint = trim(endpoint);
    }

    /** The node-wide settings from the environment. */
    public static AzureSettings fromEnv(Map<String, String> env) {
        return new AzureSettings(
                env.get("AZURE_STORAGE_CONNECTION_STRING"),
                env.get("AZURE_STORAGE_ACCOUNT"),
                env.get("AZURE_STORAGE_KEY"),
                env.get("AIS_AZURE_URL"));
    }

    /** Whether anything is configured (else the provider answers with what to set). */
    public boolean configured() {
        return !connectionString.isEmpty() || (!account.isEmpty() && !key.isEmpty());
    }

    /** The blob endpoint: {@code AIS_AZURE_URL}, else the account's public endpoint ("" with a connection string). */
    public String blobEndpoint() {
        if (!endpoint.isEmpty()) {
            return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        }
        return account.isEmpty() ? "" : "https://" + account + ".blob.core.windows.net";
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    @Override
    public String toString() {
        // never the key or the connection string (it holds the key)
        return "AzureSettings[account=" + account + ", endpoint=" + blobEndpoint() + "]";
    }
}
