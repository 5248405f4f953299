package net.aisj.web.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import net.aisj.core.NodeInfo;
import net.aisj.core.auth.RedirectSignature;
import net.aisj.service.LocalNode;
import net.aisj.service.auth.AuthnService;

/**
 * Builds the {@code Location} of a {@code 307} to an object's owner: the owner's URL, the same path and query, and,
 * when auth is on, a short-lived {@link RedirectSignature} so the owner serves it without the client's token
 * (which HTTP clients drop on a redirect to another host or port). Thread-safe.
 */
@ApplicationScoped
public class RedirectSigner {

    @Inject
    AuthnService authn;

    @Inject
    LocalNode node;

    /** The redirect URL for {@code method rawPath?rawQuery} served by {@code owner}. */
    public String location(NodeInfo owner, String method, String rawPath, String rawQuery) {
        return location(owner.publicUrl(), method, rawPath, rawQuery);
    }

    /** The same for a base URL of the owner (e.g. its data-plane URL). */
    public String location(String base, String method, String rawPath, String rawQuery) {
        String q = rawQuery;
        if (authn.enabled()) {
            q = RedirectSignature.sign(
                    node.redirectKey(), method, rawPath, rawQuery, System.currentTimeMillis() / 1000);
        }
        return base + rawPath + (q == null || q.isEmpty() ? "" : "?" + q);
    }
}
