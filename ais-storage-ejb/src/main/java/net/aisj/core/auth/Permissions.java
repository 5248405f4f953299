package net.aisj.core.auth;

import java.util.Optional;

/**
 * AIS's access decision ({@code AISClaims.CheckPermissions} and the proxy's bucket check), one engine for the
 * native API and S3.
 *
 * <ol>
 *   <li>Auth off: only the bucket's own {@code access} mask, and only for what changes data (PATCH,
 *       SET-BUCKET-ACL and the read bits are always allowed), so a bucket can be made read-only for everybody.
 *   <li>Auth on: an administrator passes the ACL checks. Otherwise the cluster bits need the ACL of this cluster
 *       (else the default {@code id:""} ACL); the bucket bits need the bucket's ACL if the token has one (it
 *       decides alone), else the cluster ACL.
 *   <li>Then the bucket's {@code access} mask must allow the bits (administrators may still PATCH / SET-ACL).
 * </ol>
 */
public final class Permissions {

    private Permissions() {}

    /** The bucket a request is about, with its {@code access} mask (AIS's bucket prop). */
    public record Target(String provider, String name, long accessMask) {

        /** {@code provider://name}, as AIS names buckets in messages. */
        public String cname() {
            return provider + "://" + name;
        }
    }

    /**
     * Checks one request.
     *
     * @param claims    the caller's valid claims; empty when auth is off
     * @param clusterId this cluster's id (the BMD / Smap uuid)
     * @param bucket    the bucket the request is about, if any
     * @param perms     the bits the request needs
     * @throws AuthException 403 when not allowed
     */
    public static void check(Optional<Claims> claims, String clusterId, Optional<Target> bucket, long perms) {
        if (claims.isEmpty()) {
            long needed = perms & ~(Access.PATCH | Access.SET_BUCKET_ACL | Access.RO);
            bucket.ifPresent(b -> checkMask(b, needed));
            return;
        }
        Claims c = claims.get();
        if (!c.admin()) {
            checkAcls(c, clusterId, bucket, perms);
        }
        long needed = c.admin() ? perms & ~(Access.PATCH | Access.SET_BUCKET_ACL) : perms;
        bucket.ifPresent(b -> checkMask(b, needed));
    }

    /** The 18 bits AIS defines (a mask of "every permission" for what {@link #allowed} answers). */
    public static final long DEFINED_BITS = (1L << 18) - 1;

    /**
     * Every bit the caller would be allowed on {@code bucket} (or at cluster level when empty), by the same rules as
     * {@link #check}: what a console shows and what a bucket listing reveals.
     *
     * @param claims the caller's valid claims; empty when auth is off
     */
    public static long allowed(Optional<Claims> claims, String clusterId, Optional<Target> bucket) {
        long mask = bucket.map(Target::accessMask).orElse(Access.ALL);
        if (claims.isEmpty()) {
            return DEFINED_BITS & (mask | Access.PATCH | Access.SET_BUCKET_ACL | Access.RO);
        }
        Claims c = claims.get();
        if (c.admin()) {
            return DEFINED_BITS & (mask | Access.PATCH | Access.SET_BUCKET_ACL);
        }
        long clu = clusterAcl(c, clusterId).map(ClusterAcl::perm).orElse(Access.NONE);
        long bck = clu;
        if (bucket.isPresent()) {
            Target b = bucket.get();
            bck = c.buckets().stream()
                    .filter(a -> a.matches(clusterId, b.provider(), b.name()))
                    .findFirst()
                    .map(BucketAcl::perm)
                    .orElse(clu);
        }
        return DEFINED_BITS & mask & ((clu & Access.CLUSTER_BITS) | (bck & ~Access.CLUSTER_BITS));
    }

    private static void checkAcls(Claims c, String clusterId, Optional<Target> bucket, long perms) {
        long cluPerms = perms & Access.CLUSTER_BITS;
        long bckPerms = perms & ~Access.CLUSTER_BITS;
        Optional<ClusterAcl> cluAcl = clusterAcl(c, clusterId);
        if (cluPerms != 0 && (cluAcl.map(ClusterAcl::perm).orElse(Access.NONE) & cluPerms) != cluPerms) {
            throw denied(c, cluPerms, "cluster " + clusterId);
        }
        if (bckPerms == 0) {
            return;
        }
        if (bucket.isPresent()) {
            Target b = bucket.get();
            Optional<BucketAcl> acl = c.buckets().stream()
                    .filter(a -> a.matches(clusterId, b.provider(), b.name()))
                    .findFirst();
            if (acl.isPresent()) {
                if ((acl.get().perm() & bckPerms) != bckPerms) {
                    throw denied(c, bckPerms, b.cname());
                }
                return;
            }
        }
        if ((cluAcl.map(ClusterAcl::perm).orElse(Access.NONE) & bckPerms) != bckPerms) {
            throw denied(c, bckPerms, bucket.map(Target::cname).orElse("cluster " + clusterId));
        }
    }

    private static Optional<ClusterAcl> clusterAcl(Claims c, String clusterId) {
        Optional<ClusterAcl> own =
                c.clusters().stream().filter(a -> a.id().equals(clusterId)).findFirst();
        return own.isPresent()
                ? own
                : c.clusters().stream().filter(a -> a.id().isEmpty()).findFirst();
    }

    private static void checkMask(Target b, long needed) {
        if ((b.accessMask() & needed) != needed) {
            throw AuthException.forbidden(
                    "bucket " + b.cname() + ": access denied (" + Access.describe(needed & ~b.accessMask()) + ")");
        }
    }

    private static AuthException denied(Claims c, long perms, String what) {
        return AuthException.forbidden(
                "user \"" + c.subject() + "\" may not " + Access.describe(perms) + " in " + what + ": access denied");
    }
}
