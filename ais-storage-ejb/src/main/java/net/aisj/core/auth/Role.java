package net.aisj.core.auth;

import java.util.List;

/** A named set of permissions (AIS {@code authn.Role}); users hold copies of their roles, as in AIS. */
public record Role(String name, String desc, List<ClusterAcl> clusters, List<BucketAcl> buckets, boolean admin) {

    /** AIS's built-in administrator role, created with the first user. */
    public static final String ADMIN_ROLE = "Admin";

    public Role {
        desc = desc == null ? "" : desc;
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
        buckets = buckets == null ? List.of() : List.copyOf(buckets);
    }
}
