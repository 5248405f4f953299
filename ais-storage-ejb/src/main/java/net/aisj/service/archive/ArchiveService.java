package net.aisj.service.archive;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectReader;
import net.aisj.core.AisException;
import net.aisj.core.ArchiveMember;
import net.aisj.service.ObjectService;

/**
 * Reads shards stored on this node (the HRW owner): one member ({@code archpath}), a selection as a new archive
 * ({@code archregx}/{@code archmode}), the list of members (listings with {@code LsArchDir}). Every call streams;
 * for tar and zip only the headers and the wanted members are read (see {@link MemberCursor}). Errors are
 * {@link AisException}s: NOT_FOUND for a missing object or member, BAD_REQUEST for a non-archive or a corrupt one.
 * Thread-safe.
 */
@ApplicationScoped
public class ArchiveService {

    /**
     * Query parameter (an aisj extension, used between nodes) asking an object's owner for the JSON list of a shard's
     * members ({@code [{"name","size"}]}).
     */
    public static final String LIST_QUERY = "archls";

    @Inject
    ObjectService objects;

    /** An open shard: its reader and a cursor over its members; closing closes both. */
    record OpenShard(ObjectReader reader, MemberCursor cursor, ArchiveFormat format) implements AutoCloseable {
        @Override
        public void close() {
            try {
                cursor.close();
            } catch (IOException e) {
                // releasing only
            }
            reader.close();
        }
    }

    /** Opens a shard stored here with a cursor (random access for tar and zip). */
    OpenShard openShard(ObjectId id, String mime) {
        ArchiveFormat f = format(id, mime);
        ObjectReader r = objects.open(id, false);
        try {
            SeekableByteChannel ch = f.randomAccess() ? new ReaderChannel(r) : null;
            return new OpenShard(
                    r, MemberCursor.open(f, ch == null ? r.stream() : InputStream.nullInputStream(), ch), f);
        } catch (IOException e) {
            r.close();
            throw corrupt(id, f, e);
        }
    }

    /**
     * Opens member {@code archpath} of the shard {@code id} (a leading "/" or "./" on either side is ignored).
     *
     * @throws AisException NOT_FOUND when the shard has no such file
     */
    public Fetched extract(ObjectId id, String mime, String archpath) {
        String want = normalize(archpath);
        OpenShard s = openShard(id, mime);
        try {
            while (s.cursor().next()) {
                if (normalize(s.cursor().name()).equals(want)) {
                    return new Fetched(
                            s.cursor().size(),
                            s.reader().stat().mtimeMillis(),
                            s.cursor().open(),
                            s);
                }
            }
        } catch (IOException e) {
            s.close();
            throw corrupt(id, s.format(), e);
        }
        s.close();
        throw AisException.notFound("file \"" + archpath + "\" does not exist in " + id.cname());
    }

    /**
     * Writes the members matched by {@code pattern} (in {@code mode}) as an archive of the shard's own format, in
     * the shard's order.
     *
     * @return the number of members written
     */
    public long select(ObjectId id, String mime, String pattern, MatchMode mode, OutputStream out) throws IOException {
        Predicate<String> match = mode.matcher(pattern);
        try (OpenShard s = openShard(id, mime);
                ArchiveSink sink = new ArchiveSink(s.format(), out)) {
            long mtime = s.reader().stat().mtimeMillis();
            while (s.cursor().next()) {
                if (match.test(s.cursor().name())) {
                    try (InputStream in = s.cursor().open()) {
                        sink.add(s.cursor().name(), s.cursor().size(), mtime, in);
                    }
                }
            }
            sink.finish();
            return sink.members();
        }
    }

    /** The files of a shard stored here, in archive order. */
    public List<ArchiveMember> members(ObjectId id, String mime) {
        List<ArchiveMember> out = new ArrayList<>();
        try (OpenShard s = openShard(id, mime)) {
            while (s.cursor().next()) {
                out.add(new ArchiveMember(s.cursor().name(), s.cursor().size()));
            }
        } catch (IOException e) {
            throw corrupt(id, format(id, mime), e);
        }
        return out;
    }

    /** Checks, before a response is committed, that {@code id} exists and is an archive (NOT_FOUND, BAD_REQUEST). */
    public void checkShard(ObjectId id, String mime) {
        format(id, mime);
        objects.head(id);
    }

    /** Validates a selection request before a response is committed (BAD_REQUEST on a bad mode or pattern). */
    public static MatchMode checkSelection(String pattern, String mode) {
        try {
            MatchMode m = MatchMode.of(mode);
            m.matcher(pattern);
            return m;
        } catch (IllegalArgumentException e) {
            throw AisException.badRequest(e.getMessage());
        }
    }

    static ArchiveFormat format(ObjectId id, String mime) {
        try {
            return ArchiveFormat.of(mime, id.name());
        } catch (IllegalArgumentException e) {
            throw AisException.badRequest(e.getMessage() + " (" + id.cname() + ")");
        }
    }

    static String normalize(String name) {
        String n = name;
        while (n.startsWith("./") || n.startsWith("/")) {
            n = n.substring(n.charAt(0) == '.' ? 2 : 1);
        }
        return n;
    }

    static AisException corrupt(ObjectId id, ArchiveFormat f, IOException e) {
        return AisException.badRequest(id.cname() + " is not a readable " + f.ext() + " archive: " + e.getMessage());
    }
}
