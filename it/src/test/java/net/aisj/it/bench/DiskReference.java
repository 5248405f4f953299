package net.aisj.it.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The disk limit: one file of {@code bytes} written sequentially from the load generator's data in 1 MiB direct
 * buffers and fsynced (what a PUT with {@code write_policy immediate} must at least pay), then read back cold (after
 * {@code echo 3 > /proc/sys/vm/drop_caches}, when this process may) and warm.
 */
final class DiskReference {

    /** MiB/s figures; {@code coldRead} is NaN when the page cache could not be dropped. */
    record Result(double writeFsync, double coldRead, double warmRead, boolean dropped) {}

    private DiskReference() {}

    static Result measure(Path dir, long bytes) throws IOException {
        Files.createDirectories(dir);
        Path f = dir.resolve("disk-ref.bin");
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        buf.put(Endpoint.BlockPayload.BLOCK).flip();
        try {
            long t = System.nanoTime();
            try (FileChannel ch = FileChannel.open(
                    f, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                for (long n = 0; n < bytes; n += buf.capacity()) {
                    buf.rewind();
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                }
                ch.force(true);
            }
            double write = mibs(bytes, System.nanoTime() - t);
            boolean dropped = dropCaches();
            double cold = read(f, buf);
            double warm = read(f, buf);
            return new Result(write, dropped ? cold : Double.NaN, warm, dropped);
        } finally {
            Files.deleteIfExists(f);
        }
    }

    private static double read(Path f, ByteBuffer buf) throws IOException {
        long t = System.nanoTime();
        long total = 0;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            while (true) {
                buf.clear();
                int r = ch.read(buf);
                if (r < 0) {
                    break;
                }
                total += r;
            }
        }
        return mibs(total, System.nanoTime() - t);
    }

    /** {@code sync; echo 3 > /proc/sys/vm/drop_caches}; false when not permitted. */
    static boolean dropCaches() {
        try {
            Process p = new ProcessBuilder("sh", "-c", "sync && echo 3 > /proc/sys/vm/drop_caches")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static double mibs(long bytes, long nanos) {
        return bytes / (nanos / 1e9) / (1024.0 * 1024.0);
    }
}
