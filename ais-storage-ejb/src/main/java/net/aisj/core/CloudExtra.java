package net.aisj.core;

import java.io.Serializable;
import java.net.URI;
import java.util.Locale;

/**
 * A bucket's own way to reach its Azure, Google or HDFS backend (the counterpart of AIS's {@code extra.aws.*}), so
 * one cluster reaches two accounts or endpoints of a provider: {@code extra.azure.endpoint} and
 * {@code extra.azure.account} (the account's key is the node's setting {@code ais.azure.key.<account>}, never a
 * bucket prop), AIS's {@code extra.gcp.application_creds} (a service-account file on every node) and our
 * {@code extra.gcp.endpoint}, and {@code extra.hdfs.url}, {@code extra.hdfs.root}, {@code extra.hdfs.user}. Empty
 * strings mean "the node's setting".
 */
public record CloudExtra(
        String azureEndpoint,
        String azureAccount,
        String gcpCreds,
        String gcpEndpoint,
        String hdfsUrl,
        String hdfsRoot,
        String hdfsUser)
        implements Serializable {

    public static final CloudExtra NONE = new CloudExtra("", "", "", "", "", "", "");

    public CloudExtra {
        azureEndpoint = trim(azureEndpoint);
        azureAccount = trim(azureAccount);
        gcpCreds = trim(gcpCreds);
        gcpEndpoint = trim(gcpEndpoint);
        hdfsUrl = trim(hdfsUrl);
        hdfsRoot = trim(hdfsRoot);
        hdfsUser = trim(hdfsUser);
    }

    /**
     * Checks the values as AIS checks its {@code extra.*}: endpoints are http(s) URLs with a host, the credentials
     * file is an absolute clean path, an account is lower-case letters and digits.
     *
     * @throws AisException BAD_REQUEST naming the property
     */
    public CloudExtra validated() {
        endpoint("extra.azure.endpoint", azureEndpoint);
        endpoint("extra.gcp.endpoint", gcpEndpoint);
        endpoint("extra.hdfs.url", hdfsUrl);
        if (!azureAccount.isEmpty() && !azureAccount.matches("[a-z0-9]{3,24}")) {
            throw AisException.badRequest("invalid extra.azure.account \"" + azureAccount
                    + "\" (expecting 3 to 24 lower-case letters and digits)");
        }
        if (!gcpCreds.isEmpty()
                && (!gcpCreds.startsWith("/")
                        || gcpCreds.contains("/./")
                        || gcpCreds.contains("/../")
                        || gcpCreds.endsWith("/..")
                        || gcpCreds.endsWith("/.")
                        || gcpCreds.contains("//"))) {
            throw AisException.badRequest(
                    "invalid extra.gcp.application_creds \"" + gcpCreds + "\": must be an absolute clean path");
        }
        if (!hdfsRoot.isEmpty() && (!hdfsRoot.startsWith("/") || hdfsRoot.contains(".."))) {
            throw AisException.badRequest(
                    "invalid extra.hdfs.root \"" + hdfsRoot + "\": must be an absolute directory path");
        }
        return this;
    }

    private static void endpoint(String prop, String v) {
        if (v.isEmpty()) {
            return;
        }
        URI u;
        try {
            u = URI.create(v);
        } catch (IllegalArgumentException e) {
            throw AisException.badRequest("invalid " + prop + " \"" + v + "\": " + e.getMessage());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw AisException.badRequest(
                    "invalid " + prop + " \"" + v + "\": unsupported scheme (expecting http or https)");
        }
        if (u.getHost() == null || u.getHost().isEmpty()) {
            throw AisException.badRequest("invalid " + prop + " \"" + v + "\": no host");
        }
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
