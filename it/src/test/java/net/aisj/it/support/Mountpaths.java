package net.aisj.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Looks at what a node left on its mountpaths (black-box: only the directory tree and file contents). */
public final class Mountpaths {

    /** AIS's work/temp content directory. */
    public static final String WORK_DIR = "%wk";

    private Mountpaths() {}

    /** The file of object {@code name} of ais bucket {@code bucket} on mountpath {@code mp} (names needing no escaping). */
    public static Path objectFile(Path mp, String bucket, String name) {
        return mp.resolve("@ais").resolve(bucket).resolve("%ob").resolve(name.replace("/", "%d/"));
    }

    /** Flips one bit of the byte at {@code at} of a file on disk, in place (same size, same metadata). */
    public static void flip(Path p, long at) {
        try (var ch = java.nio.channels.FileChannel.open(
                p, java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
            var b = java.nio.ByteBuffer.allocate(1);
            ch.read(b, at);
            byte v = (byte) (b.get(0) ^ 0x10);
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {v}), at);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All regular files under {@code root} (files vanishing while walking are ignored). */
    public static List<Path> files(Path root) {
        List<Path> out = new ArrayList<>();
        if (!Files.exists(root)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(p -> {
                if (Files.isRegularFile(p)) {
                    out.add(p);
                }
            });
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) {
                throw e;
            }
            return files(root); // something vanished mid-walk: walk again
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static List<Path> files(List<Path> roots) {
        List<Path> out = new ArrayList<>();
        roots.forEach(r -> out.addAll(files(r)));
        return out;
    }

    /** Files whose path has a {@code %wk} component. */
    public static List<Path> workFiles(List<Path> roots) {
        return files(roots).stream().filter(Mountpaths::isWorkFile).toList();
    }

    public static boolean isWorkFile(Path p) {
        for (Path part : p) {
            if (part.toString().equals(WORK_DIR)) {
                return true;
            }
        }
        return false;
    }

    public static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1; // vanished
        }
    }

    public static long totalSize(List<Path> roots) {
        return files(roots).stream()
                .mapToLong(Mountpaths::size)
                .filter(s -> s > 0)
                .sum();
    }

    /** True when the file starts with {@code prefix} (false if it vanished). */
    public static boolean startsWith(Path p, byte[] prefix) {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] head = in.readNBytes(prefix.length);
            return Arrays.equals(head, prefix);
        } catch (IOException e) {
            return false;
        }
    }

    /** True when the file's bytes contain {@code needle} (files up to 16 MiB; false if it vanished). */
    public static boolean contains(Path p, byte[] needle) {
        try {
            if (Files.size(p) > (16 << 20) || Files.size(p) < needle.length) {
                return false;
            }
            byte[] all = Files.readAllBytes(p);
            return indexOf(all, needle) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    public static String describe(List<Path> files) {
        return files.isEmpty()
                ? "(none)"
                : files.stream()
                                .limit(50)
                                .map(p -> p + " (" + size(p) + " bytes)")
                                .collect(Collectors.joining("\n  ", "\n  ", ""))
                        + (files.size() > 50 ? "\n  ... " + (files.size() - 50) + " more" : "");
    }
}
