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
 * @param flags     AIS node flags (maintenance, decommission, ...), 0 when in service
 */
public record NodeInfo(String id, boolean proxy, boolean target, String host, int port, String publicUrl, long flags)
        implements Serializable {

    /** AIS {@code id_digest}: xxhash64 of the id with the HRW seed. */
    public long idDigest() {
        return Hrw.digest(id);
    }
}
