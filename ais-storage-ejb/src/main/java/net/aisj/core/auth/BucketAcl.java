package net.aisj.core.auth;

/**
 * A role's (or token's) permissions on one bucket (AIS {@code BckACL}).
 *
 * @param nsUuid the cluster the bucket belongs to (AIS's {@code namespace.uuid}); "" matches any cluster
 * @param nsName the bucket's namespace name ("" for the global namespace)
 */
public record BucketAcl(String provider, String name, String nsUuid, String nsName, long perm) {

    public BucketAcl {
        provider = provider == null || provider.isEmpty() ? "ais" : provider;
        name = name == null ? "" : name;
        nsUuid = nsUuid == null ? "" : nsUuid;
        nsName = nsName == null ? "" : nsName;
    }

    /** Whether this ACL is about bucket {@code provider://name} of cluster {@code clusterId}. */
    public boolean matches(String clusterId, String provider, String name) {
        return this.provider.equals(provider)
                && this.name.equals(name)
                && (nsUuid.isEmpty() || nsUuid.equals(clusterId));
    }
}
