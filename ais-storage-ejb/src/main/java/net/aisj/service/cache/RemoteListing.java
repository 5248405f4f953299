package net.aisj.service.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.aisj.backend.BackendException;
import net.aisj.backend.Backends;
import net.aisj.backend.RemoteBucket;
import net.aisj.backend.RemoteObject;
import net.aisj.backend.RemotePage;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ListEntry;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.ObjectPage;
import net.aisj.core.BucketProps;
import net.aisj.service.BucketService;
import net.aisj.service.ObjectListing;

/**
 * Listing a bucket that lives in a backend, as AIS lists it: by default the remote listing, paged as the remote
 * pages it (the continuation token is the page's last name), each entry marked cached when a target holds a copy
 * (its local props then); {@code LsCached} lists only what is cached (no remote call), {@code LsNotCached} only
 * what is not. A backend that cannot list (an HTTP origin) lists what is cached. {@code LsNoRecursion} lists one
 * level under the prefix, its "virtual directories" once each ({@link FoldedListing}), on every provider.
 * Thread-safe.
 */
@ApplicationScoped
public class RemoteListing {

    /** AIS list flags. */
    public static final long LS_CACHED = 1;

    public static final long LS_NOT_CACHED = 512;

    @Inject
    BucketService buckets;

    @Inject
    ObjectListing listing;

    @Inject
    Backends backends;

    /**
     * One page and the names in it that are cached.
     *
     * @param cached names of {@code page} cached in the cluster
     */
    public record Page(ObjectPage page, Set<String> cached) {}

    /** Whether {@code id} is listed here rather than by {@link ObjectListing} alone. */
    public boolean isRemote(BucketId id) {
        return Backends.isRemote(id, buckets.props(id));
    }

    public Page list(BucketId id, ListRequest req, long flags) {
        BucketProps p = buckets.props(id);
        RemoteBucket rb = backends.of(id, p);
        if ((flags & LS_CACHED) != 0 || !rb.backend().canList()) {
            ObjectPage local = listing.list(id, req);
            Set<String> names = new HashSet<>();
            local.entries().forEach(e -> names.add(e.name()));
            return new Page(local, names);
        }
        RemotePage rp;
        List<String> dirs = List.of();
        try {
            if (req.noRecursion()) {
                FoldedListing.Folded f =
                        FoldedListing.fold(rb.backend(), rb.name(), req.prefix(), req.startAfter(), req.pageSize());
                rp = new RemotePage(f.objects(), f.nextToken());
                dirs = f.dirs();
            } else {
                rp = rb.backend().list(rb.name(), req.prefix(), req.startAfter(), req.pageSize());
            }
        } catch (BackendException e) {
            throw rb.error(e, null);
        }
        Map<String, ListEntry> local = new java.util.HashMap<>();
        if (!rp.entries().isEmpty()) {
            String last = rp.entries().get(rp.entries().size() - 1).name();
            String after = req.startAfter();
            // the cached names in (after, last]: local pages until past the remote page's last name
            while (true) {
                ObjectPage lp = listing.list(
                        id, new ListRequest(req.prefix(), after, ListRequest.MAX_PAGE, false, req.nameOnly()));
                for (ListEntry e : lp.entries()) {
                    if (e.name().compareTo(last) <= 0) {
                        local.put(e.name(), e);
                    }
                }
                if (lp.nextToken().isEmpty()
                        || lp.entries().isEmpty()
                        || lp.entries().get(lp.entries().size() - 1).name().compareTo(last) >= 0) {
                    break;
                }
                after = lp.nextToken();
            }
        }
        boolean notCached = (flags & LS_NOT_CACHED) != 0;
        List<ListEntry> out = new ArrayList<>(rp.entries().size());
        Set<String> cached = new HashSet<>();
        for (RemoteObject o : rp.entries()) {
            ListEntry have = local.get(o.name());
            if (have != null) {
                if (!notCached) {
                    out.add(have);
                    cached.add(o.name());
                }
            } else {
                out.add(new ListEntry(
                        o.name(),
                        false,
                        req.nameOnly() ? null : ColdReader.statOf(o.name(), o, CacheService.customOf(rb, o), null)));
            }
        }
        if (!dirs.isEmpty()) {
            for (String d : dirs) {
                out.add(new ListEntry(d, true, null));
            }
            out.sort(java.util.Comparator.comparing(ListEntry::name));
        }
        return new Page(new ObjectPage(out, rp.nextToken()), cached);
    }
    /** Every name the backend lists under {@code prefix}, page by page, until {@code stop} says so. */
    public void eachRemoteName(
            BucketId id,
            String prefix,
            java.util.function.Consumer<String> each,
            java.util.function.BooleanSupplier stop) {
        RemoteBucket rb = backends.of(id, buckets.props(id));
        String token = "";
        do {
            RemotePage page;
            try {
                page = rb.backend().list(rb.name(), prefix, token, 1000);
            } catch (BackendException e) {
                throw rb.error(e, null);
            }
            for (RemoteObject o : page.entries()) {
                if (stop.getAsBoolean()) {
                    return;
                }
                each.accept(o.name());
            }
            token = page.nextToken();
        } while (!token.isEmpty());
    }
}
