package net.aisj.jca.inbound;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A consumer's durable position in every target's event journal: per node id, the journal's epoch and the last
 * position whose events were delivered. Kept in one properties file, replaced atomically (written to a temporary
 * file, forced to disk, renamed), so a crash leaves the previous or the new positions, never a torn file. Not
 * thread-safe: one pump owns it.
 */
public final class Positions {

    /** Where a consumer stands in one node's journal. */
    public record Position(String epoch, long seq) {}

    private final Path dir;
    private final Path file;
    private final Map<String, Position> byNode = new TreeMap<>();

    private Positions(Path dir, String name) {
        this.dir = dir;
        this.file = dir.resolve(name);
    }

    /** The positions kept for {@code consumer} under {@code dir} (none yet: every journal from its start). */
    public static Positions load(Path dir, String consumer) {
        Positions p = new Positions(dir, safe(consumer) + ".positions");
        if (Files.isRegularFile(p.file)) {
            Properties props = new Properties();
            try (var in = Files.newInputStream(p.file)) {
                props.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p.file, e);
            }
            for (String node : props.stringPropertyNames()) {
                String v = props.getProperty(node);
                int sp = v.lastIndexOf(' ');
                if (sp > 0) {
                    p.byNode.put(node, new Position(v.substring(0, sp), Long.parseLong(v.substring(sp + 1))));
                }
            }
        }
        return p;
    }

    public Position get(String node) {
        return byNode.getOrDefault(node, new Position("", 0));
    }

    public void set(String node, Position p) {
        byNode.put(node, p);
    }

    /** Writes the positions durably (atomic replace). */
    public void save() {
        Properties props = new Properties();
        byNode.forEach((n, p) -> props.setProperty(n, p.epoch() + " " + p.seq()));
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                props.store(out, "ais-jca event positions: node = journal epoch, last delivered position");
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    /** A consumer name as a file name: letters, digits, '.', '-', '_' kept, anything else '_'. */
    static String safe(String consumer) {
        String s = consumer.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }
}
