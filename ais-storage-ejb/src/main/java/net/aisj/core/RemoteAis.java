package net.aisj.core;

/**
 * An attached remote AIS cluster (AIS's {@code meta.RemAis} without the Smap).
 *
 * @param alias the name users give it ({@code ais://@alias/bucket})
 * @param url   its public URL (any of its proxies), without a trailing slash
 * @param uuid  its cluster UUID, learned when it was attached ("" when it could not be reached then)
 */
public record RemoteAis(String alias, String url, String uuid) {

    public RemoteAis {
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        uuid = uuid == null ? "" : uuid;
    }
}
