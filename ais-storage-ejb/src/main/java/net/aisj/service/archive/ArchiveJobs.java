package net.aisj.service.archive;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.aisj.cluster.IntraContract;
import net.aisj.connector.api.BucketId;
import net.aisj.core.NodeInfo;
import net.aisj.service.BucketService;
import net.aisj.service.LocalNode;
import net.aisj.service.MirrorService;
import net.aisj.service.ObjectListing;
import net.aisj.service.ObjectService;
import net.aisj.service.PlannedTargets;
import net.aisj.xact.XactionRegistry;

/**
 * Starts {@code archive} jobs (bucket action {@code archive}, AIS {@code ArchiveBckMsg}): the job runs on the
 * target that owns the archive's name, so a node that is not the owner forwards the action to it (marked with
 * {@link IntraContract#FORWARDED_HEADER}) and answers the owner's job id. Thread-safe.
 */
@ApplicationScoped
public class ArchiveJobs {

    /** Header on an archive action forwarded to the archive's owner: run it here, do not forward again. */
    @Inject
    LocalNode node;

    @Inject
    BucketService buckets;

    @Inject
    ObjectService objects;

    @Inject
    ObjectListing listing;

    @Inject
    net.aisj.service.cache.RemoteListing remoteListing;

    @Inject
    ClusterReads reads;

    @Inject
    ShardWriter writer;

    @Inject
    XactionRegistry registry;

    @Inject
    ArchiveThreads threads;

    @Inject
    PlannedTargets planned;

    /**
     * Starts the job {@code spec} (a parsed ArchiveBckMsg) on bucket {@code spec.from()}; returns its id at once.
     *
     * @param body      the action as received (forwarded verbatim to the owner)
     * @param forwarded whether this call was forwarded by another node (then it runs here)
     */
    public String start(ArchiveSpec spec, String body, boolean forwarded) {
        BucketId from = spec.from();
        buckets.props(from);
        buckets.props(spec.to());
        Optional<NodeInfo> owner = objects.redirect(spec.archive());
        if (owner.isPresent() && !forwarded) {
            return forward(owner.get(), from, body);
        }
        String id = MirrorService.newId();
        // the sources may be on any target: one that leaves mid-job aborts it (the status says which)
        planned.watch(registry.start(new ArchiveXaction(
                id,
                node.self().id(),
                spec,
                reads,
                writer,
                objects,
                // a remote source is listed at its backend (what is not cached is fetched by the reads)
                (b, r) ->
                        remoteListing.isRemote(b) ? remoteListing.list(b, r, 0).page() : listing.list(b, r),
                threads.fetchers())));
        return id;
    }

    private String forward(NodeInfo owner, BucketId from, String body) {
        String path =
                "/v1/buckets/" + IntraContract.enc(from.name()) + "?provider=" + IntraContract.enc(from.provider())
                        + (from.namespace().isEmpty() ? "" : "&namespace=" + IntraContract.enc(from.namespace()));
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        HttpResponse<InputStream> r = node.intra()
                .forward(
                        owner,
                        "PUT",
                        path,
                        Map.of(
                                "Content-Type",
                                List.of("application/json"),
                                IntraContract.FORWARDED_HEADER,
                                List.of("true")),
                        new ByteArrayInputStream(b),
                        b.length);
        try (InputStream in = r.body()) {
            String text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            if (r.statusCode() == 200) {
                return text.trim();
            }
            throw IntraContract.failure(owner, "archive", r.statusCode(), text);
        } catch (IOException e) {
            throw IntraContract.unreachable(owner, e);
        }
    }
}
