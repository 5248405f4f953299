package net.aisj.core.auth;

import java.util.List;

/**
 * What a valid AuthN token says (AIS {@code AISClaims}): who ({@code sub}), until when ({@code exp}, unix
 * seconds), whether an administrator, and the merged ACLs of the user's roles.
 */
public record Claims(
        String subject, long expiresAt, boolean admin, List<ClusterAcl> clusters, List<BucketAcl> buckets) {

    public Claims {
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
        buckets = buckets == null ? List.of() : List.copyOf(buckets);
    }

    /**
     * The claims a user's roles give (AIS {@code issueToken}): ACLs OR-ed per cluster id and per bucket, admin when
     * any role is.
     */
    public static Claims of(User u, long expiresAt) {
        java.util.Map<String, Long> clu = new java.util.LinkedHashMap<>();
        java.util.Map<BucketAcl, Long> bck = new java.util.LinkedHashMap<>();
        for (Role r : u.roles()) {
            for (ClusterAcl c : r.clusters()) {
                clu.merge(c.id(), c.perm(), (a, b) -> a | b);
            }
            for (BucketAcl b : r.buckets()) {
                bck.merge(new BucketAcl(b.provider(), b.name(), b.nsUuid(), b.nsName(), 0), b.perm(), (x, y) -> x | y);
            }
        }
        return new Claims(
                u.id(),
                expiresAt,
                u.admin(),
                clu.entrySet().stream()
                        .map(e -> new ClusterAcl(e.getKey(), e.getValue()))
                        .toList(),
                bck.entrySet().stream()
                        .map(e -> new BucketAcl(
                                e.getKey().provider(),
                                e.getKey().name(),
                                e.getKey().nsUuid(),
                                e.getKey().nsName(),
                                e.getValue()))
                        .toList());
    }
}
