package net.aisj.core;

import java.io.Serializable;
import net.aisj.connector.api.hrw.Hrw;

/**
 * A node as the cluster map lists it (AIS Snode).
 *
 * @param id        daemon id
 * @param proxy     plays the proxy (gateway) role
 * @param target    plays the target (storage) role
 * @param host      public host/IP
 * @param port      public HTTP port
 * @param publicUrl what redirects point to ({@code http://host:port})
 * @param flags     AIS node flags ({@link #MAINT}, {@link #DECOMM}, ...), 0 when in service
 * @param memberId  the node's data-grid member id (changes at every restart), "" when unknown
 */
public record NodeInfo(
        String id, boolean proxy, boolean target, String host, int port, String publicUrl, long flags, String memberId)
        implements Serializable {

    /** AIS {@code SnodeMaint}: in maintenance, drained by rebalance, owns no data. */
    public static final long MAINT = 1 << 2;
    /** AIS {@code SnodeDecomm}: being decommissioned. */
    public static final long DECOMM = 1 << 3;

    public NodeInfo {
        memberId = memberId == null ? "" : memberId;
    }

    /** AIS {@code id_digest}: xxhash64 of the id with the HRW seed. */
    public long idDigest() {
        return Hrw.digest(id);
    }

    /** Owns data: a target neither in maintenance nor being decommissioned. */
    public boolean inService() {
        return target && (flags & (MAINT | DECOMM)) == 0;
    }

    public NodeInfo withFlags(long f) {
        return new NodeInfo(id, proxy, target, host, port, publicUrl, f, memberId);
    }

    /** AIS's display name: {@code t[id]} for targets, {@code p[id]} for proxies. */
    public String displayName() {
        return (target ? "t[" : "p[") + id + "]";
    }
}
