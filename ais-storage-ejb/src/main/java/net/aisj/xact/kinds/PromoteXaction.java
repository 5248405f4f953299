package net.aisj.xact.kinds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ObjectId;
import net.aisj.core.PromoteRequest;
import net.aisj.core.PromoteScan;
import net.aisj.xact.XactKind;
import net.aisj.xact.Xaction;

/**
 * This target's part of a {@code promote}: walks the source (one file, a directory, or a tree when recursive) and
 * stores each regular file as an object. Symbolic links are not followed (a link cannot lead out of the promote
 * root). With a {@linkplain Plan#shared() shared} source only the names this target owns are stored, so the
 * targets split the work; otherwise every file seen is stored (on its owner). An object that exists is kept unless
 * the request overwrites. Counters: {@code loc-objs}/{@code loc-bytes} the files stored; a file that fails is an
 * error of the job and the walk goes on.
 */
public final class PromoteXaction extends Xaction {

    /** What the job promotes: the validated request, its bucket, the real source path, and whether it is shared. */
    public record Plan(BucketId bucket, PromoteRequest request, Path source, boolean shared) {}

    /** What the job needs from the node. */
    public interface Node {
        /** Whether this target owns {@code id} (HRW). */
        boolean owns(ObjectId id);

        /** Whether {@code id} exists (on its owner). */
        boolean exists(ObjectId id);

        /** Stores {@code file} as {@code id} on its owner; answers its size. */
        long store(ObjectId id, Path file);
    }

    private final Plan plan;
    private final Node node;

    public PromoteXaction(String id, String nodeId, Plan plan, Node node) {
        super(id, XactKind.PROMOTE, nodeId, plan.bucket().name());
        this.plan = plan;
        this.node = node;
    }

    @Override
    protected void work() {
        Path src = plan.source();
        if (Files.isRegularFile(src, LinkOption.NOFOLLOW_LINKS)) {
            promote(src, true);
            return;
        }
        try (Stream<Path> files = plan.request().recursive() ? Files.walk(src) : Files.list(src)) {
            files.takeWhile(f -> !isAborted())
                    .filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .forEach(f -> promote(f, false));
        } catch (IOException | UncheckedIOException e) {
            error("promote: walking " + src + ": " + e.getMessage());
        }
    }

    private void promote(Path file, boolean single) {
        ObjectId id = new ObjectId(plan.bucket(), plan.request().nameOf(file, single));
        try {
            if (plan.shared() && !node.owns(id)) {
                return;
            }
            if (!plan.request().overwrite() && node.exists(id)) {
                return;
            }
            long size = node.store(id, file);
            locObjs.incrementAndGet();
            locBytes.addAndGet(size);
            if (plan.request().deleteSource()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | RuntimeException e) {
            error(file + " => " + id.cname() + ": " + e.getMessage());
        }
    }

    /**
     * How many regular files the source holds and a digest of their names and sizes (sorted): two targets that
     * answer the same see one file share. {@code -1} files when the source does not exist here.
     */
    public static PromoteScan scan(Path source, boolean recursive) {
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            return new PromoteScan(-1, "");
        }
        java.security.MessageDigest md;
        try {
            md = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            digest(md, String.valueOf(source.getFileName()), size(source));
            return new PromoteScan(1, java.util.HexFormat.of().formatHex(md.digest()));
        }
        long n = 0;
        try (Stream<Path> files = recursive ? Files.walk(source) : Files.list(source)) {
            for (Path f : (Iterable<Path>) files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .sorted()::iterator) {
                digest(md, source.relativize(f).toString(), size(f));
                n++;
            }
        } catch (IOException | UncheckedIOException e) {
            return new PromoteScan(-1, "");
        }
        return new PromoteScan(n, java.util.HexFormat.of().formatHex(md.digest()));
    }

    private static void digest(java.security.MessageDigest md, String name, long size) {
        md.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(Long.toString(size).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        md.update((byte) '\n');
    }

    private static long size(Path f) {
        try {
            return Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .size();
        } catch (IOException e) {
            return -1;
        }
    }
}
