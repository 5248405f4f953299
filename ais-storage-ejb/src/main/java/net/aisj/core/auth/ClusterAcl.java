package net.aisj.core.auth;

import java.util.List;

/**
 * A role's (or token's) permissions on one cluster (AIS {@code CluACL}); {@code id} "" is the default that applies
 * to clusters without an ACL of their own.
 *
 * @param alias the registered cluster's alias (informational)
 * @param urls  the registered cluster's URLs (informational)
 */
public record ClusterAcl(String id, String alias, List<String> urls, long perm) {

    public ClusterAcl {
        id = id == null ? "" : id;
        alias = alias == null ? "" : alias;
        urls = urls == null ? List.of() : List.copyOf(urls);
    }

    public ClusterAcl(String id, long perm) {
        this(id, "", List.of(), perm);
    }
}
