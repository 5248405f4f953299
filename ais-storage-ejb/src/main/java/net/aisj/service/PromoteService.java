package net.aisj.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import net.aisj.backend.Backends;
import net.aisj.cluster.PromoteJson;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectStat;
import net.aisj.core.AisException;
import net.aisj.core.NodeInfo;
import net.aisj.core.PromoteRequest;
import net.aisj.core.PromoteScan;
import net.aisj.xact.XactKind;
import net.aisj.xact.Xaction;
import net.aisj.xact.XactionRegistry;
import net.aisj.xact.kinds.PromoteXaction;

/**
 * {@code promote} (AIS {@code api.Promote}): files under the node's promote root ({@code ais.promote.root}, AIS's
 * {@code /var/lib/ais/promote} by default) become objects of an {@code ais://} bucket.
 *
 * <p>The node that gets the request checks it, then decides who promotes: the one target {@code tid} names; else,
 * when every target sees the same files under the source (AIS's file-share detection: each target answers a count
 * and a digest of names and sizes), every target stores the names it owns, so the work is split; else (or with
 * {@code notshr}) every target that has the source stores every file it sees, each on its owner. It starts one job
 * under one id on those targets and answers the id; progress and the end are read through the job status API.
 * Thread-safe.
 */
@ApplicationScoped
public class PromoteService {

    private static final Logger LOG = Logger.getLogger(PromoteService.class.getName());

    @Inject
    LocalNode node;

    @Inject
    BucketService buckets;

    @Inject
    ObjectService objects;

    @Inject
    XactionRegistry registry;

    /** Whether {@code kind} is this service's job (intra calls route it here). */
    public static boolean handles(String kind) {
        return XactKind.PROMOTE.wire().equals(kind);
    }

    /**
     * Starts a promote; answers the job id. BAD_REQUEST for a source outside the promote root or a bucket in a
     * backend, NOT_FOUND for an unknown bucket or target, or a source no target has.
     */
    public String start(BucketId bucket, PromoteRequest request) {
        if (Backends.isRemote(bucket, buckets.props(bucket))) {
            throw AisException.badRequest("promote: bucket " + bucket.cname()
                    + " lives in a backend; promoting into it is not supported (promote into an ais:// bucket)");
        }
        underRoot(request.source());
        List<NodeInfo> targets = node.clusterMap().targets();
        if (!request.targetId().isEmpty()) {
            targets = targets.stream()
                    .filter(t -> t.id().equals(request.targetId()))
                    .toList();
            if (targets.isEmpty()) {
                throw AisException.notFound("promote: target \"" + request.targetId() + "\" is not in the cluster map");
            }
        }
        List<NodeInfo> chosen = new ArrayList<>();
        List<PromoteScan> scans = new ArrayList<>();
        for (NodeInfo t : targets) {
            PromoteScan s = t.id().equals(node.self().id())
                    ? scan(request)
                    : node.intra().promoteScan(t, request);
            if (s.present()) {
                chosen.add(t);
                scans.add(s);
            }
        }
        if (chosen.isEmpty()) {
            throw AisException.notFound("promote: source \"" + request.source() + "\" does not exist on "
                    + (targets.size() == 1 ? "target " + targets.get(0).id() : "any target"));
        }
        boolean shared = !request.notShared()
                && targets.size() > 1
                && chosen.size() == targets.size()
                && scans.stream().map(PromoteScan::digest).distinct().count() == 1;
        String id = MirrorService.newId();
        for (NodeInfo t : chosen) {
            if (t.id().equals(node.self().id())) {
                startLocal(id, bucket, request, shared);
            } else {
                node.intra()
                        .runXaction(
                                t,
                                XactKind.PROMOTE.wire(),
                                id,
                                bucket.name(),
                                PromoteJson.write(bucket, request, shared));
            }
        }
        LOG.info(() -> "promote[" + id + "] " + request.source() + " => " + bucket.cname() + " on " + chosen.size()
                + " target(s)" + (shared ? " (file share: split by owner)" : ""));
        return id;
    }

    /** What this target sees of the request's source (the scan another node asks for). */
    public PromoteScan scan(PromoteRequest request) {
        return PromoteXaction.scan(underRoot(request.source()), request.recursive());
    }

    /** This target's part of a promote that {@code start} (here or on another node) decided on. */
    public Xaction startLocal(String id, BucketId bucket, PromoteRequest request, boolean shared) {
        buckets.props(bucket);
        Path source = underRoot(request.source());
        PromoteXaction.Plan plan = new PromoteXaction.Plan(bucket, request, source, shared);
        return registry.start(new PromoteXaction(id, node.self().id(), plan, localNode()));
    }

    /**
     * The source as a path, checked to be inside the promote root: lexically, and once links are resolved (a link
     * in the source's path cannot lead out of it).
     */
    private Path underRoot(String source) {
        Path root = node.config().promoteRoot();
        Path src = Path.of(source).normalize();
        if (!src.startsWith(root)) {
            throw AisException.badRequest(
                    "promote: invalid source \"" + source + "\": must be under " + root + " (ais.promote.root)");
        }
        if (Files.exists(src, LinkOption.NOFOLLOW_LINKS)) {
            try {
                if (!src.toRealPath().startsWith(root.toRealPath())) {
                    throw AisException.badRequest("promote: invalid source \"" + source + "\": it resolves outside "
                            + root + " (ais.promote.root)");
                }
            } catch (IOException e) {
                throw AisException.badRequest("promote: cannot resolve \"" + source + "\": " + e.getMessage());
            }
        }
        return src;
    }

    private PromoteXaction.Node localNode() {
        return new PromoteXaction.Node() {
            @Override
            public boolean owns(ObjectId id) {
                return node.owns(id);
            }

            @Override
            public boolean exists(ObjectId id) {
                Optional<NodeInfo> owner = objects.redirect(id);
                return owner.isEmpty()
                        ? objects.localStat(id).isPresent()
                        : node.intra().stat(owner.get(), id).isPresent();
            }

            @Override
            public long store(ObjectId id, Path file) {
                try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                    long size = Files.size(file);
                    Optional<NodeInfo> owner = objects.redirect(id);
                    if (owner.isEmpty()) {
                        return objects.put(id, in, size, null, Map.of()).size();
                    }
                    ObjectStat stat = new ObjectStat(
                            id.name(),
                            size,
                            null,
                            "",
                            0,
                            Files.getLastModifiedTime(file).toMillis(),
                            Map.of(),
                            "",
                            List.of());
                    node.intra().pushCopy(owner.get(), id, stat, in);
                    return size;
                } catch (IOException e) {
                    throw new AisException(AisException.Kind.INTERNAL, "reading " + file + ": " + e.getMessage(), e);
                }
            }
        };
    }
}
