package net.aisj.backend.azure;

import java.util.Map;
import java.util.function.UnaryOperator;

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
        return from(env::get);
    }

    /** The node-wide settings from a lookup of AIS's variable names (MicroProfile Config, then the environment). */
    public static AzureSettings from(UnaryOperator<String> config) {
        return new AzureSettings(
                config.apply("AZURE_STORAGE_CONNECTION_STRING"),
                config.apply("AZURE_STORAGE_ACCOUNT"),
                config.apply("AZURE_STORAGE_KEY"),
                config.apply("AIS_AZURE_URL"));
    }

    /**
     * These settings with a bucket's {@code extra.azure.endpoint} / {@code extra.azure.account} applied (empty: keep
     * the node's). Another account's key is the node setting {@code ais.azure.key.<account>} read through
     * {@code config}; the node's own account keeps its key (taken from the connection string when that is how it is
     * configured).
     *
     * @throws IllegalArgumentException naming the setting when another account has no key on this node
     */
    public AzureSettings overriddenBy(String bucketEndpoint, String bucketAccount, UnaryOperator<String> config) {
        String ep = bucketEndpoint == null ? "" : bucketEndpoint.trim();
        String acc = bucketAccount == null ? "" : bucketAccount.trim();
        if (ep.isEmpty() && acc.isEmpty()) {
            return this;
        }
        String myAccount = account.isEmpty() ? connectionPart("AccountName") : account;
        String myKey = key.isEmpty() ? connectionPart("AccountKey") : key;
        String myEndpoint = endpoint.isEmpty() ? connectionPart("BlobEndpoint") : endpoint;
        String newKey = myKey;
        if (!acc.isEmpty() && !acc.equals(myAccount)) {
            String prop = "ais.azure.key." + acc;
            newKey = trim(config.apply(prop));
            if (newKey.isEmpty()) {
                throw new IllegalArgumentException("Azure account \"" + acc + "\" (extra.azure.account) has no key on"
                        + " this node: set " + prop + " (MicroProfile Config, or the environment variable "
                        + prop.replace('.', '_').toUpperCase(java.util.Locale.ROOT) + ")");
            }
            // the node's endpoint belongs to its own account
            myEndpoint = "";
        }
        return new AzureSettings("", acc.isEmpty() ? myAccount : acc, newKey, ep.isEmpty() ? myEndpoint : ep);
    }

    /** A {@code Name=value} part of the connection string, or "". */
    private String connectionPart(String name) {
        for (String part : connectionString.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase(name)) {
                return part.substring(eq + 1).trim();
            }
        }
        return "";
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
