package net.aisj.service.archive;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import net.aisj.cluster.ArchiveMembersJson;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ListEntry;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectPage;
import net.aisj.connector.api.ObjectStat;
import net.aisj.core.AisException;
import net.aisj.core.ArchiveMember;
import net.aisj.service.ObjectService;

/**
 * Listings with AIS's {@code LsArchDir} flag: every shard of the page (by extension) is followed by its members,
 * named {@code <shard>/<member>}. Each shard is read by its owner (headers only for tar and zip); a shard that
 * cannot be read is listed without members. Thread-safe.
 */
@ApplicationScoped
public class ShardListing {

    private static final Logger LOG = Logger.getLogger(ShardListing.class.getName());

    /** AIS entry flag {@code apc.EntryIsArchive}: the entry is a shard whose members follow. */
    public static final int ENTRY_IS_ARCHIVE = 1 << 9;
    /** AIS entry flag {@code apc.EntryInArch}: the entry is a file inside a shard. */
    public static final int ENTRY_IN_ARCH = 1 << 7;

    /** The expanded page, with the names to flag. */
    public record Expanded(ObjectPage page, Set<String> shards, Set<String> members) {
        public int flags(String name) {
            return shards.contains(name) ? ENTRY_IS_ARCHIVE : members.contains(name) ? ENTRY_IN_ARCH : 0;
        }
    }

    @Inject
    ObjectService objects;

    @Inject
    ArchiveService archives;

    @Inject
    ClusterReads reads;

    public Expanded expand(BucketId bucket, ObjectPage page) {
        List<ListEntry> out = new ArrayList<>(page.entries().size());
        Set<String> shards = new HashSet<>();
        Set<String> members = new HashSet<>();
        for (ListEntry e : page.entries()) {
            out.add(e);
            if (e.dir() || ArchiveFormat.byName(e.name()) == null) {
                continue;
            }
            List<ArchiveMember> ms;
            try {
                ms = members(new ObjectId(bucket, e.name()));
            } catch (AisException ex) {
                LOG.fine(() -> "listing members of " + e.name() + ": " + ex.getMessage());
                continue;
            }
            shards.add(e.name());
            long mtime = e.stat() == null ? 0 : e.stat().mtimeMillis();
            for (ArchiveMember m : ms) {
                String n = e.name() + "/" + ArchiveService.normalize(m.name());
                members.add(n);
                out.add(new ListEntry(
                        n, false, new ObjectStat(n, m.size(), null, "", 0, mtime, Map.of(), null, List.of())));
            }
        }
        return new Expanded(new ObjectPage(out, page.nextToken()), shards, members);
    }

    private List<ArchiveMember> members(ObjectId id) {
        if (objects.redirect(id).isEmpty()) {
            return archives.members(id, null);
        }
        try (Fetched f = reads.fetchMemberList(id)) {
            return ArchiveMembersJson.read(f.in());
        } catch (RuntimeException e) {
            throw e instanceof AisException a ? a : AisException.badRequest(e.toString());
        }
    }
}
