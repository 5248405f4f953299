package net.aisj.connector.ec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 50 MiB object through files: encode, lose a data and a parity slice, decode and rebuild from the other four,
 * with heap allocation measured so that no buffer of the object's size can hide anywhere.
 */
class LargeObjectTest {

    private static final long SIZE = 50L * 1024 * 1024 + 12_345;
    /** Well below the object (50 MiB) and the slice (12.5 MiB): buffers of (D+P) blocks and stream buffers only. */
    private static final long MAX_ALLOCATED = 8L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void fiftyMebibytesRoundTripThroughFilesInBoundedMemory() throws Exception {
        ReedSolomon rs = new ReedSolomon(4, 2);
        Path object = dir.resolve("object");
        String digest = writeRandom(object, SIZE);
        Path[] slices = new Path[6];
        OutputStream[] outs = new OutputStream[6];
        for (int i = 0; i < 6; i++) {
            slices[i] = dir.resolve("slice." + i);
            outs[i] = new BufferedOutputStream(Files.newOutputStream(slices[i]));
        }
        long allocated;
        try (FileChannel ch = FileChannel.open(object)) {
            long before = allocatedBytes();
            new StripeEncoder(rs).encode(SliceSource.of(ch), SIZE, outs);
            allocated = allocatedBytes() - before;
        } finally {
            for (OutputStream o : outs) {
                o.close();
            }
        }
        assertThat(allocated)
                .as("bytes allocated while encoding (the stripe buffers at least)")
                .isBetween(6L * StripeEncoder.DEFAULT_BLOCK_SIZE, MAX_ALLOCATED);
        for (Path s : slices) {
            assertThat(Files.size(s)).isEqualTo(StripeEncoder.sliceSize(SIZE, 4));
        }

        FileChannel[] channels = new FileChannel[6];
        SliceSource[] sources = new SliceSource[6];
        try {
            for (int i : new int[] {0, 2, 3, 5}) { // slice 1 (data) and 4 (parity) are lost
                channels[i] = FileChannel.open(slices[i]);
                sources[i] = SliceSource.of(channels[i]);
            }
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            long before = allocatedBytes();
            try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), md)) {
                new StripeDecoder(rs).decode(sources, SIZE, out);
            }
            assertThat(allocatedBytes() - before)
                    .as("bytes allocated while decoding")
                    .isLessThan(MAX_ALLOCATED);
            assertThat(HexFormat.of().formatHex(md.digest())).isEqualTo(digest);

            OutputStream[] targets = new OutputStream[6];
            Path[] rebuilt = {null, dir.resolve("rebuilt.1"), null, null, dir.resolve("rebuilt.4"), null};
            targets[1] = new BufferedOutputStream(Files.newOutputStream(rebuilt[1]));
            targets[4] = new BufferedOutputStream(Files.newOutputStream(rebuilt[4]));
            before = allocatedBytes();
            try {
                new StripeDecoder(rs).rebuild(sources, SIZE, targets);
            } finally {
                targets[1].close();
                targets[4].close();
            }
            assertThat(allocatedBytes() - before)
                    .as("bytes allocated while rebuilding")
                    .isLessThan(MAX_ALLOCATED);
            assertThat(sha256(rebuilt[1])).isEqualTo(sha256(slices[1]));
            assertThat(sha256(rebuilt[4])).isEqualTo(sha256(slices[4]));
        } finally {
            for (FileChannel c : channels) {
                if (c != null) {
                    c.close();
                }
            }
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static String writeRandom(Path file, long size) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        Random rnd = new Random(50);
        byte[] buf = new byte[1 << 20];
        try (OutputStream out =
                new DigestOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW), md)) {
            for (long left = size; left > 0; left -= buf.length) {
                rnd.nextBytes(buf);
                out.write(buf, 0, (int) Math.min(buf.length, left));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), md)) {
            Files.copy(file, out);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
