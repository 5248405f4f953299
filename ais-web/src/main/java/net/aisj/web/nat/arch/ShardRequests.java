package net.aisj.web.nat.arch;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.util.List;
import net.aisj.cluster.ArchiveMembersJson;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectStat;
import net.aisj.core.AisException;
import net.aisj.core.ArchiveMember;
import net.aisj.service.archive.ArchiveFormat;
import net.aisj.service.archive.ArchiveService;
import net.aisj.service.archive.Fetched;
import net.aisj.service.archive.MatchMode;
import net.aisj.service.archive.ShardWriter;

/**
 * The archive variants of object GET and PUT (query parameters as AIS's {@code apc}: {@code archpath},
 * {@code archmime}, {@code archregx}, {@code archmode}; header {@code Ais-Pine}), called by the objects resource on
 * the object's owner.
 */
public final class ShardRequests {

    public static final String ARCHPATH = "archpath";
    public static final String ARCHMIME = "archmime";
    public static final String ARCHREGX = "archregx";
    public static final String ARCHMODE = "archmode";
    /** AIS {@code apc.HdrPutApndArchFlags}. */
    public static final String PINE = "Ais-Pine";

    private ShardRequests() {}

    /** Whether a GET asks for archive content rather than the object's bytes. */
    public static boolean isArchiveGet(MultivaluedMap<String, String> q) {
        return has(q, ARCHPATH)
                || has(q, ARCHREGX)
                || q.containsKey(ARCHMODE)
                || "true".equals(q.getFirst(ArchiveService.LIST_QUERY));
    }

    /**
     * One member (200, its bytes, Content-Length); a selection as an archive of the shard's format; or (between
     * nodes) the JSON list of members.
     */
    public static Response get(ArchiveService archives, ObjectId id, MultivaluedMap<String, String> q) {
        String mime = q.getFirst(ARCHMIME);
        if ("true".equals(q.getFirst(ArchiveService.LIST_QUERY))) {
            List<ArchiveMember> members = archives.members(id, mime);
            StreamingOutput body = out -> ArchiveMembersJson.write(members, out);
            return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
        }
        if (has(q, ARCHPATH)) {
            Fetched f = archives.extract(id, mime, q.getFirst(ARCHPATH));
            StreamingOutput body = out -> {
                try (f) {
                    f.in().transferTo(out);
                }
            };
            return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                    .header("Content-Length", Long.toString(f.size()))
                    .build();
        }
        MatchMode mode = ArchiveService.checkSelection(q.getFirst(ARCHREGX), q.getFirst(ARCHMODE));
        ArchiveFormat f;
        try {
            f = ArchiveFormat.of(mime, id.name());
        } catch (IllegalArgumentException e) {
            throw AisException.badRequest(e.getMessage() + " (" + id.cname() + ")");
        }
        archives.checkShard(id, mime);
        String regx = q.getFirst(ARCHREGX);
        StreamingOutput body = out -> archives.select(id, mime, regx, mode, out);
        return Response.ok(body, f.contentType()).build();
    }

    /** Whether a PUT appends a file to a shard. */
    public static boolean isArchivePut(MultivaluedMap<String, String> q) {
        return has(q, ARCHPATH);
    }

    /** AIS append-to-archive: adds the body as file {@code archpath}; answers the new shard's stat. */
    public static ObjectStat put(
            ShardWriter shards,
            ObjectId id,
            MultivaluedMap<String, String> q,
            String pine,
            long contentLength,
            InputStream body) {
        int flags = 0;
        if (pine != null && !pine.isBlank()) {
            try {
                flags = Integer.parseInt(pine.trim());
            } catch (NumberFormatException e) {
                throw AisException.badRequest(
                        "failed to archive " + id.cname() + ": invalid flags \"" + pine + "\" in the request");
            }
        }
        return shards.append(id, q.getFirst(ARCHMIME), q.getFirst(ARCHPATH), flags, body, contentLength);
    }

    private static boolean has(MultivaluedMap<String, String> q, String k) {
        String v = q.getFirst(k);
        return v != null && !v.isEmpty();
    }
}
