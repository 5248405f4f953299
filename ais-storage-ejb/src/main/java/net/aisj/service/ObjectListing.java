package net.aisj.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.ObjectPage;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageException;
import net.aisj.core.NodeInfo;
import net.aisj.core.PageMerge;

/**
 * Bucket listing: one page of a bucket over the whole cluster ({@link #list}: every target's sorted page, merged by
 * {@link PageMerge}) and this target's own page ({@link #localList}, what the others ask for and what jobs walk).
 * Thread-safe; a page is bounded by the request's page size.
 */
@ApplicationScoped
public class ObjectListing {

    /** Self, cluster map, connections and intra calls without an EJB call per page. */
    @Inject
    LocalNode local;

    @Inject
    BucketService buckets;

    /** One page of the bucket over the whole cluster; NOT_FOUND when the bucket does not exist. */
    public ObjectPage list(BucketId bucket, ListRequest request) {
        buckets.props(bucket);
        List<NodeInfo> targets = local.clusterMap().targets();
        if (targets.size() <= 1) {
            return localList(bucket, request);
        }
        List<ObjectPage> pages = new ArrayList<>();
        for (NodeInfo t : targets) {
            pages.add(
                    t.id().equals(local.self().id())
                            ? localList(bucket, request)
                            : local.intra().list(t, bucket, request));
        }
        return PageMerge.merge(pages, request.pageSize());
    }

    /** This target's page only (intra-cluster calls, jobs, and single-target clusters). */
    public ObjectPage localList(BucketId bucket, ListRequest request) {
        try (StorageConnection c = local.connection()) {
            return c.list(bucket, request);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
    }
}
