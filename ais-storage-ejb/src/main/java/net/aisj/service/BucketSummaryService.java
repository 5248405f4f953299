package net.aisj.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ListEntry;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.ObjectPage;

/**
 * AIS's bucket summary ({@code summary-bck}): object count and total size of a bucket, computed by walking the
 * cluster-wide listing page by page (cost grows with the object count; nothing is cached).
 */
@ApplicationScoped
public class BucketSummaryService {

    @Inject
    ObjectListing listing;

    @Inject
    BucketService buckets;

    /** Count and size of the objects under {@code prefix}; NOT_FOUND when the bucket does not exist. */
    public Summary summarize(BucketId id, String prefix) {
        buckets.props(id);
        long count = 0;
        long size = 0;
        String after = "";
        do {
            ObjectPage page = listing.list(id, new ListRequest(prefix, after, ListRequest.MAX_PAGE, false, false));
            for (ListEntry e : page.entries()) {
                if (!e.dir()) {
                    count++;
                    size += e.stat() == null ? 0 : e.stat().size();
                }
            }
            after = page.nextToken();
        } while (!after.isEmpty());
        return new Summary(id, count, size);
    }

    /** One bucket's totals. */
    public record Summary(BucketId bucket, long objects, long bytes) {}
}
