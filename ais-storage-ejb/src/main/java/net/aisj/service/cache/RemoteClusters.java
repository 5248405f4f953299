package net.aisj.service.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import net.aisj.backend.BackendException;
import net.aisj.backend.Backends;
import net.aisj.backend.ais.AisBackend;
import net.aisj.backend.ais.RemoteAisDirectory;
import net.aisj.cluster.DataGrid;
import net.aisj.cluster.MetaJson;
import net.aisj.cluster.RemoteAisJson;
import net.aisj.cluster.VersionedStore;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageException;
import net.aisj.core.AisException;
import net.aisj.core.ClusterMap;
import net.aisj.core.RemoteAis;
import net.aisj.core.RemoteAisList;
import net.aisj.service.LocalNode;

/**
 * The remote AIS clusters attached to this one (AIS's {@code backend.ais} config: alias to URL), attached and
 * detached by AIS's {@code remote} API. One cluster-wide versioned document on the data grid, kept on every node's
 * mountpaths (like the BMD) so that a full restart keeps the attachments. Attaching asks the remote for its Smap, so
 * a wrong URL is refused at once and the cluster is also found by its UUID ({@code ais://@uuid/bucket}).
 * Thread-safe.
 */
@ApplicationScoped
public class RemoteClusters implements RemoteAisDirectory {

    private static final Logger LOG = Logger.getLogger(RemoteClusters.class.getName());
    private static final String DOC = "remais";
    /** What a namespace may hold (see the connector's bucket directories). */
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** One attached cluster as {@code GET /v1/cluster?what=remote} shows it: its Smap when it answered. */
    public record Info(RemoteAis cluster, Optional<ClusterMap> smap) {}

    @Inject
    DataGrid grid;

    @Inject
    LocalNode local;

    @Inject
    Backends backends;

    private volatile VersionedStore<RemoteAisList> store;

    /** Opens the document at startup (StorageNode): the newest copy on the mountpaths is offered to the grid. */
    public synchronized void open(StorageConnection c) throws StorageException {
        if (store != null) {
            return;
        }
        RemoteAisList best = null;
        for (byte[] doc : c.loadMeta(DOC)) {
            try {
                RemoteAisList a = RemoteAisJson.attachedOf(new String(doc, StandardCharsets.UTF_8));
                if (best == null || a.version() > best.version()) {
                    best = a;
                }
            } catch (RuntimeException e) {
                LOG.warning("ignoring an unreadable " + DOC + " copy on a mountpath: " + e.getMessage());
            }
        }
        VersionedStore<RemoteAisList> s = grid.versionedStore(
                DOC,
                RemoteAisJson::attachedOf,
                RemoteAisJson::attachedText,
                RemoteAisList::version,
                () -> new RemoteAisList(0, List.of()));
        s.addListener(this::persist);
        if (best != null) {
            s.offer(best);
        }
        store = s;
    }

    private VersionedStore<RemoteAisList> store() {
        VersionedStore<RemoteAisList> s = store;
        if (s == null) {
            throw new AisException(
                    AisException.Kind.UNAVAILABLE, "the node is starting: remote clusters not known yet");
        }
        return s;
    }

    @Override
    public Optional<RemoteAis> resolve(String aliasOrUuid) {
        return store().current().clusters().stream()
                .filter(r -> r.alias().equals(aliasOrUuid) || r.uuid().equals(aliasOrUuid))
                .findFirst();
    }

    /**
     * Attaches the cluster at {@code url} as {@code alias} (AIS {@code remote-attach}); attaching the same pair
     * again changes nothing.
     *
     * @throws AisException BAD_REQUEST for a bad alias or URL, an alias attached to another URL or equal to an
     *                      attached cluster's UUID; UNAVAILABLE when the URL does not answer as an AIS cluster
     */
    public RemoteAis attach(String alias, String url) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw AisException.badRequest("invalid remote cluster alias \"" + (alias == null ? "" : alias)
                    + "\" (1 to 64 letters, digits, '-', '_' or '.'; header Ais-Remote-Ais-Alias)");
        }
        String u = checkUrl(alias, url);
        for (RemoteAis r : store().current().clusters()) {
            if (r.alias().equals(alias) && r.url().equals(u)) {
                return r;
            }
            conflict(r, alias);
        }
        String smap;
        try {
            smap = AisBackend.smap(backends.http(), u);
        } catch (BackendException e) {
            throw new AisException(
                    AisException.Kind.UNAVAILABLE,
                    "cannot attach remote cluster [alias " + alias + " => " + u + "]: " + e.getMessage(),
                    e);
        }
        RemoteAis fresh = new RemoteAis(alias, u, AisBackend.uuidOf(smap));
        store().update(cur -> {
            List<RemoteAis> next = new ArrayList<>();
            for (RemoteAis r : cur.clusters()) {
                if (r.alias().equals(alias) && r.url().equals(fresh.url())) {
                    return cur;
                }
                conflict(r, alias);
                next.add(r);
            }
            next.add(fresh);
            return new RemoteAisList(cur.version() + 1, next);
        });
        LOG.info(() ->
                "attached remote cluster [alias " + alias + " => " + fresh.url() + ", uuid " + fresh.uuid() + "]");
        return fresh;
    }

    /** AIS's rules: one URL per alias, and aliases never equal to an attached cluster's UUID. */
    private static void conflict(RemoteAis r, String alias) {
        if (r.alias().equals(alias)) {
            throw AisException.badRequest(
                    "remote cluster [alias " + alias + " => " + r.url() + "] is already attached");
        }
        if (r.uuid().equals(alias)) {
            throw AisException.badRequest("alias \"" + alias + "\" cannot be the UUID of an attached cluster ["
                    + r.alias() + " => " + r.uuid() + "]");
        }
    }

    /**
     * Detaches the cluster attached as {@code aliasOrUuid} (AIS {@code remote-detach}).
     *
     * @throws AisException NOT_FOUND when no such cluster is attached
     */
    public void detach(String aliasOrUuid) {
        String name = aliasOrUuid == null ? "" : aliasOrUuid;
        store().update(cur -> {
            List<RemoteAis> next = cur.clusters().stream()
                    .filter(r -> !r.alias().equals(name) && !r.uuid().equals(name))
                    .toList();
            if (next.size() == cur.clusters().size()) {
                throw AisException.notFound("remote cluster \"" + name + "\" is not attached");
            }
            return new RemoteAisList(cur.version() + 1, next);
        });
        LOG.info(() -> "detached remote cluster " + name);
    }

    /** The attached clusters with their current Smaps (asked of each; absent when one does not answer). */
    public List<Info> list() {
        List<Info> out = new ArrayList<>();
        for (RemoteAis r : store().current().clusters()) {
            Optional<ClusterMap> smap;
            try {
                smap = Optional.of(MetaJson.smapOf(AisBackend.smap(backends.http(), r.url())));
            } catch (RuntimeException e) {
                LOG.fine(() -> "remote cluster " + r.alias() + " did not answer: " + e.getMessage());
                smap = Optional.empty();
            }
            out.add(new Info(r, smap));
        }
        return out;
    }

    /** The version of the attachments (AIS's {@code RemAisVec.ver}). */
    public long version() {
        return store().current().version();
    }

    private static String checkUrl(String alias, String url) {
        String detail = "remote cluster [alias " + alias + " => " + url + "]";
        if (url == null || url.isBlank()) {
            throw AisException.badRequest("missing the URL of " + detail + " (header Ais-Remote-Ais-Url)");
        }
        try {
            URI u = new URI(url.trim());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
                throw AisException.badRequest("failed to attach " + detail + ": invalid URL scheme or host");
            }
            if (u.getRawQuery() != null || u.getRawFragment() != null) {
                throw AisException.badRequest("failed to attach " + detail + ": the URL has a query or fragment");
            }
        } catch (URISyntaxException e) {
            throw AisException.badRequest("failed to attach " + detail + ": " + e.getMessage());
        }
        String u = url.trim();
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    private void persist(RemoteAisList a) {
        try (StorageConnection c = local.connection()) {
            c.storeMeta(DOC, RemoteAisJson.attachedText(a).getBytes(StandardCharsets.UTF_8));
        } catch (StorageException | AisException e) {
            LOG.log(Level.WARNING, "cannot persist " + DOC + " v" + a.version() + ": " + e.getMessage());
        }
    }
}
