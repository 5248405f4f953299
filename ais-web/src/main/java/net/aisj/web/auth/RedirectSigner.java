package net.aisj.web.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import net.aisj.core.NodeInfo;
import net.aisj.core.auth.RedirectSignature;
import net.aisj.service.LocalNode;
import net.aisj.service.auth.AuthnService;

/**
 * Builds the {@code Location} of a {@code 307} to an object's owner: the owner's URL, the same path and query plus
 * {@value #SMAP_VERSION} (the version of the cluster map this node chose the owner by: a node still on an older
 * map first catches up instead of sending the client back, see {@code ObjectService.redirect(id, seen)}), and,
 * when auth is on, a short-lived {@link RedirectSignature} so the owner serves it without the client's token
 * (which HTTP clients drop on a redirect to another host or port). Thread-safe.
 */
@ApplicationScoped
public class RedirectSigner {

    /** The query parameter naming the cluster map version a redirect was decided by. */
    public static final String SMAP_VERSION = "smapv";

    @Inject
    AuthnService authn;

    @Inject
    LocalNode node;

    /**
     * The cluster map version a redirected call was decided by: the value of its {@value #SMAP_VERSION} parameter
     * ({@code value}, null when absent); 0 when not redirected or not a number.
     */
    public static long seenVersion(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The redirect URL for {@code method rawPath?rawQuery} served by {@code owner}. */
    public String location(NodeInfo owner, String method, String rawPath, String rawQuery) {
        return location(owner.publicUrl(), method, rawPath, rawQuery);
    }

    /** The same for a base URL of the owner (e.g. its data-plane URL). */
    public String location(String base, String method, String rawPath, String rawQuery) {
        String kept = net.aisj.web.common.RawQuery.without(rawQuery, SMAP_VERSION);
        String q = (kept == null ? "" : kept + "&") + SMAP_VERSION + "="
                + node.clusterMap().version();
        if (authn.enabled()) {
            q = RedirectSignature.sign(node.redirectKey(), method, rawPath, q, System.currentTimeMillis() / 1000);
        }
        return base + rawPath + "?" + q;
    }

    /**
     * The redirect URL of an S3 call: the owner's URL with the path and query unchanged. Nothing is added, because
     * the client's SigV4 signature covers the query and the owner verifies that signature itself.
     */
    public static String s3Location(NodeInfo owner, String rawPath, String rawQuery) {
        return owner.publicUrl() + rawPath + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
    }
}
