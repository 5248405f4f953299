package net.aisj.connector.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import net.aisj.connector.api.EventJournal;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;

/**
 * {@link EventJournal} in a directory ({@code <mountpath>/.ais.events}): an {@code epoch} file naming the journal, and
 * segment files {@code seg-<first position>.log} of records {@code [length:int][position:long][data][crc32c:int]}.
 * A segment is closed past {@code segmentBytes}; only the newest {@code segments} are kept. Opening scans the
 * segments once (an in-memory offset per record) and cuts a torn last record. Appends are written at once and
 * forced to disk at most once per {@link #FORCE_EVERY_NANOS}. Thread-safe (one lock: appends and reads are short).
 */
final class EventJournalFile implements AutoCloseable {

    static final String DIR = ".ais.events";
    static final long FORCE_EVERY_NANOS = 1_000_000_000L;
    private static final int HEAD = 12;
    private static final int MAX_RECORD = 64 * 1024;

    private static final class Segment {
        final long first;
        final Path path;
        final FileChannel ch;
        long[] offsets = new long[1024];
        int count;
        long size;

        Segment(long first, Path path, FileChannel ch) {
            this.first = first;
            this.path = path;
            this.ch = ch;
        }

        void add(long offset) {
            if (count == offsets.length) {
                offsets = Arrays.copyOf(offsets, count * 2);
            }
            offsets[count++] = offset;
        }
    }

    private final Path dir;
    private final String epoch;
    private final long segmentBytes;
    private final int segments;
    private final List<Segment> open = new ArrayList<>();
    private long last;
    private long lastForce = System.nanoTime();
    private boolean dirty;

    private EventJournalFile(Path dir, String epoch, long segmentBytes, int segments) {
        this.dir = dir;
        this.epoch = epoch;
        this.segmentBytes = segmentBytes;
        this.segments = segments;
    }

    /** The journal of {@code dir}, created (with a new epoch) when absent. */
    static EventJournalFile open(Path dir, long segmentBytes, int segments) throws IOException {
        Files.createDirectories(dir);
        Path ep = dir.resolve("epoch");
        if (!Files.isRegularFile(ep)) {
            Path tmp = dir.resolve("epoch.tmp");
            Files.writeString(tmp, FileOps.randomHex() + FileOps.randomHex(), StandardCharsets.US_ASCII);
            Files.move(tmp, ep, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        EventJournalFile j = new EventJournalFile(
                dir, Files.readString(ep, StandardCharsets.US_ASCII).strip(), segmentBytes, Math.max(1, segments));
        List<Long> firsts = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "seg-*.log")) {
            for (Path p : ds) {
                String n = String.valueOf(p.getFileName());
                firsts.add(Long.parseLong(n.substring(4, n.length() - 4)));
            }
        }
        firsts.sort(null);
        j.load(firsts);
        return j;
    }

    /** Opens and indexes the segments starting at {@code firsts} (ascending). */
    private synchronized void load(List<Long> firsts) throws IOException {
        for (long first : firsts) {
            Segment s = openSegment(first);
            scan(s);
            if (s.count > 0) {
                last = first + s.count - 1;
            } else if (open.isEmpty()) {
                last = first - 1;
            }
            open.add(s);
        }
    }

    String epoch() {
        return epoch;
    }

    synchronized long append(byte[] data) throws StorageException {
        if (data.length > MAX_RECORD) {
            throw new StorageException(Reason.BAD_REQUEST, "journal record of " + data.length + " bytes is too long");
        }
        try {
            Segment s = open.isEmpty() ? null : open.get(open.size() - 1);
            if (s == null || s.size >= segmentBytes) {
                s = roll();
            }
            long seq = last + 1;
            ByteBuffer b = ByteBuffer.allocate(HEAD + data.length + 4);
            b.putInt(data.length).putLong(seq).put(data).putInt(crc(seq, data)).flip();
            long at = s.size;
            while (b.hasRemaining()) {
                s.ch.write(b, at + b.position());
            }
            s.size = at + b.limit();
            s.add(at);
            last = seq;
            dirty = true;
            long now = System.nanoTime();
            if (now - lastForce >= FORCE_EVERY_NANOS) {
                s.ch.force(false);
                lastForce = now;
                dirty = false;
            }
            return seq;
        } catch (IOException e) {
            throw new StorageException(Reason.IO, "cannot append to the event journal in " + dir + ": " + e, e);
        }
    }

    synchronized EventJournal.Page read(long after, int max) throws StorageException {
        long first = open.isEmpty() ? last + 1 : open.get(0).first;
        List<EventJournal.Entry> out = new ArrayList<>();
        long seq = Math.max(after + 1, first);
        try {
            while (seq <= last && out.size() < max) {
                Segment s = segmentOf(seq);
                int i = (int) (seq - s.first);
                ByteBuffer head = ByteBuffer.allocate(HEAD);
                readFully(s.ch, head, s.offsets[i]);
                int len = head.flip().getInt();
                long stored = head.getLong();
                ByteBuffer body = ByteBuffer.allocate(len);
                readFully(s.ch, body, s.offsets[i] + HEAD);
                if (stored != seq) {
                    throw new StorageException(
                            Reason.CORRUPTED,
                            "event journal " + s.path + ": record " + seq + " holds position " + stored);
                }
                out.add(new EventJournal.Entry(seq, body.array()));
                seq++;
            }
        } catch (IOException e) {
            throw new StorageException(Reason.IO, "cannot read the event journal in " + dir + ": " + e, e);
        }
        return new EventJournal.Page(epoch, Math.min(first, last + 1), last, out);
    }

    /** Forces what was appended since the last force (the engine calls it when it shuts down). */
    @Override
    public synchronized void close() {
        for (Segment s : open) {
            try {
                if (dirty) {
                    s.ch.force(false);
                }
                s.ch.close();
            } catch (IOException e) {
                FileOps.LOG.warning("closing event journal segment " + s.path + ": " + e.getMessage());
            }
        }
        open.clear();
    }

    private Segment segmentOf(long seq) {
        for (int k = open.size() - 1; k >= 0; k--) {
            if (open.get(k).first <= seq) {
                return open.get(k);
            }
        }
        throw new IllegalStateException("no segment holds " + seq);
    }

    private Segment roll() throws IOException {
        if (!open.isEmpty()) {
            Segment cur = open.get(open.size() - 1);
            cur.ch.force(false);
        }
        Segment s = openSegment(last + 1);
        open.add(s);
        while (open.size() > segments) {
            Segment old = open.remove(0);
            old.ch.close();
            Files.deleteIfExists(old.path);
        }
        return s;
    }

    private Segment openSegment(long first) throws IOException {
        Path p = dir.resolve(String.format("seg-%020d.log", first));
        return new Segment(
                first,
                p,
                FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE));
    }

    /** Indexes a segment's records; a torn or damaged tail (a crash mid-append) is cut off. */
    private void scan(Segment s) throws IOException {
        long size = s.ch.size();
        long at = 0;
        ByteBuffer head = ByteBuffer.allocate(HEAD);
        while (at + HEAD + 4 <= size) {
            head.clear();
            readFully(s.ch, head, at);
            int len = head.flip().getInt();
            long seq = head.getLong();
            if (len < 0 || len > MAX_RECORD || at + HEAD + len + 4 > size || seq != s.first + s.count) {
                break;
            }
            ByteBuffer body = ByteBuffer.allocate(len + 4);
            readFully(s.ch, body, at + HEAD);
            body.flip();
            byte[] data = new byte[len];
            body.get(data);
            if (body.getInt() != crc(seq, data)) {
                break;
            }
            s.add(at);
            at += HEAD + len + 4;
        }
        if (at < size) {
            FileOps.LOG.warning("event journal " + s.path + ": cutting " + (size - at) + " bytes of a torn record");
            s.ch.truncate(at);
        }
        s.size = at;
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new IOException("unexpected end of journal segment");
            }
        }
    }

    private static int crc(long seq, byte[] data) {
        CRC32C c = new CRC32C();
        c.update(ByteBuffer.allocate(8).putLong(0, seq));
        c.update(data);
        return (int) c.getValue();
    }
}
