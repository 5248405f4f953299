package net.aisj.service.archive;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import net.aisj.cluster.IntraContract;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectReader;
import net.aisj.core.AisException;
import net.aisj.core.NodeInfo;
import net.aisj.service.LocalNode;
import net.aisj.service.ObjectService;

/**
 * Reads an object, or one member of a shard, wherever it lives: on this node when it is the HRW owner, else from
 * the owner through its object endpoint ({@code GET /v1/objects/...[?archpath=]}, with the cluster secret), so
 * that only the wanted member travels and the owner's get-from-neighbor applies. Thread-safe.
 */
@ApplicationScoped
public class ClusterReads {

    @Inject
    ObjectService objects;

    @Inject
    ArchiveService archives;

    @Inject
    LocalNode node;

    /**
     * Opens {@code id} (or its member {@code archpath} when not empty); the caller closes the result.
     *
     * @throws AisException NOT_FOUND when the object or the member does not exist, else as the owner answered
     */
    public Fetched fetch(ObjectId id, String archpath) {
        Optional<NodeInfo> owner = objects.redirect(id);
        if (owner.isEmpty()) {
            if (archpath != null && !archpath.isEmpty()) {
                return archives.extract(id, null, archpath);
            }
            ObjectReader r = objects.open(id, false);
            try {
                return new Fetched(r.stat().size(), r.stat().mtimeMillis(), r.stream(), r);
            } catch (IOException e) {
                r.close();
                throw new AisException(AisException.Kind.INTERNAL, "reading " + id.cname() + ": " + e.getMessage(), e);
            }
        }
        return remote(owner.get(), id, archpath == null ? "" : archpath, "");
    }

    /** The owner's listing of a shard's members (see {@link ArchiveService#LIST_QUERY}) as a raw JSON stream. */
    public Fetched fetchMemberList(ObjectId id) {
        Optional<NodeInfo> owner = objects.redirect(id);
        if (owner.isEmpty()) {
            throw new IllegalStateException("local shard " + id.cname() + ": list it directly");
        }
        return remote(owner.get(), id, "", "&" + ArchiveService.LIST_QUERY + "=true");
    }

    private Fetched remote(NodeInfo owner, ObjectId id, String archpath, String extraQuery) {
        // the owner's native object API (it serves archive members and listings), addressed as intra calls are
        StringBuilder p = new StringBuilder(IntraContract.objectPath("v1", "objects", id));
        if (!archpath.isEmpty()) {
            p.append("&archpath=").append(IntraContract.enc(archpath));
        }
        p.append(extraQuery);
        HttpResponse<InputStream> r = node.intra().forward(owner, "GET", p.toString(), Map.of(), null, 0);
        if (r.statusCode() == 200) {
            long size = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            return new Fetched(size, System.currentTimeMillis(), r.body(), null);
        }
        String msg;
        try (InputStream in = r.body()) {
            msg = new String(in.readNBytes(2048), StandardCharsets.UTF_8);
        } catch (IOException e) {
            msg = e.getMessage();
        }
        String text = IntraContract.errorMessage(msg);
        if (r.statusCode() == 404) {
            throw AisException.notFound(text);
        }
        throw IntraContract.failure(owner, "reading " + id.cname(), r.statusCode(), text);
    }
}
