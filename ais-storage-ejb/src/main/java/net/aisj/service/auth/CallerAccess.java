package net.aisj.service.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import net.aisj.connector.api.BucketId;
import net.aisj.core.auth.Access;
import net.aisj.core.auth.Claims;
import net.aisj.core.auth.Permissions;
import net.aisj.service.LocalNode;

/**
 * What one caller may do on this cluster, by AIS's rules ({@link Permissions}) over the current bucket metadata:
 * the access check of a call, the buckets a listing may reveal, and the effective permissions the console shows.
 * Thread-safe.
 */
@ApplicationScoped
public class CallerAccess {

    @Inject
    AuthnService authn;

    @Inject
    LocalNode node;

    /** A caller's effective permissions: at cluster level and per bucket of the BMD. */
    public record Effective(long cluster, Map<BucketId, Long> buckets) {}

    /**
     * The access-check target of a bucket: its {@code access} mask from the BMD (every bit when it is not there).
     */
    public Permissions.Target target(BucketId id) {
        long mask = node.bucketMetadata()
                .current()
                .get(id)
                .map(p -> mask(p.access()))
                .orElse(Access.ALL);
        return new Permissions.Target(id.provider(), id.name(), mask);
    }

    /** The cluster id ACLs are checked against (empty when auth is off: nobody has claims then). */
    public String clusterId(Optional<Claims> claims) {
        return claims.isPresent() ? authn.clusterId() : "";
    }

    /**
     * Whether a bucket listing shows {@code id} to the caller: when some bucket permission is allowed on it (a
     * bucket-scoped user does not see the other buckets).
     */
    public boolean visible(Optional<Claims> claims, BucketId id) {
        return claims.isEmpty()
                || (Permissions.allowed(claims, clusterId(claims), Optional.of(target(id))) & Access.BUCKET_BITS) != 0;
    }

    /** The caller's effective permissions now. */
    public Effective effective(Optional<Claims> claims) {
        String cid = clusterId(claims);
        Map<BucketId, Long> out = new LinkedHashMap<>();
        for (BucketId id : node.bucketMetadata().current().buckets().keySet()) {
            long bits = Permissions.allowed(claims, cid, Optional.of(target(id)));
            if ((bits & Access.BUCKET_BITS) != 0) {
                out.put(id, bits);
            }
        }
        return new Effective(Permissions.allowed(claims, cid, Optional.empty()), out);
    }

    /**
     * A bucket's {@code access} prop as a mask. Buckets are created with {@code "0"}, which this node has always
     * meant as "not set": it stands for AIS's default, every bit.
     */
    static long mask(String access) {
        try {
            long m = Access.parse(access);
            return m == Access.NONE ? Access.ALL : m;
        } catch (IllegalArgumentException e) {
            return Access.ALL;
        }
    }
}
