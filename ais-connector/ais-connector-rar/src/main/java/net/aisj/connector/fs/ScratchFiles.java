package net.aisj.connector.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.aisj.connector.api.ScratchFile;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;

/**
 * Creates {@link ScratchFile}s in the work directories of the usable mountpaths, round-robin, named
 * {@code scr-<prefix>-<random>} (so the cleanup jogger sweeps the ones a crash left). Thread-safe.
 */
final class ScratchFiles {

    private final Volume volume;
    private final AtomicInteger next = new AtomicInteger();

    ScratchFiles(Volume volume) {
        this.volume = volume;
    }

    ScratchFile create(String prefix) throws StorageException {
        List<Mountpath> usable = volume.usable();
        if (usable.isEmpty()) {
            throw new StorageException(Reason.UNAVAILABLE, "no usable mountpath");
        }
        Mountpath mp = usable.get(Math.floorMod(next.getAndIncrement(), usable.size()));
        String safe = prefix == null ? "" : prefix.replaceAll("[^A-Za-z0-9_.-]", "_");
        try {
            Path p = FileOps.newWorkFile(mp.workDir(), "scr-" + safe + "-");
            return new File(p, FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new StorageException(Reason.IO, "cannot create a scratch file on " + mp + ": " + e.getMessage(), e);
        }
    }

    /** One scratch file: appends through the channel's position, reads by absolute position. */
    private static final class File implements ScratchFile {
        private static final int BUF = 64 * 1024;
        private final Path path;
        private final FileChannel ch;
        private volatile long size;
        private volatile boolean closed;

        File(Path path, FileChannel ch) {
            this.path = path;
            this.ch = ch;
        }

        @Override
        public synchronized long append(InputStream in, long length) throws IOException {
            long start = size;
            byte[] buf = new byte[(int) Math.max(1, Math.min(BUF, length))];
            long done = 0;
            while (done < length) {
                int r = in.read(buf, 0, (int) Math.min(buf.length, length - done));
                if (r < 0) {
                    throw new IOException("stream ended after " + done + " of " + length + " bytes");
                }
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, r);
                while (bb.hasRemaining()) {
                    ch.write(bb, start + done + bb.position());
                }
                done += r;
            }
            size = start + length;
            return start;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public InputStream read(long offset, long length) throws IOException {
            if (offset < 0 || length < 0 || offset + length > size) {
                throw new IOException(
                        "range " + offset + "+" + length + " is outside the scratch file (" + size + " bytes)");
            }
            return new InputStream() {
                private long pos = offset;
                private final long end = offset + length;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (pos >= end) {
                        return -1;
                    }
                    if (len == 0) {
                        return 0;
                    }
                    int n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - pos)), pos);
                    if (n < 0) {
                        throw new IOException("scratch file " + path.getFileName() + " is shorter than expected");
                    }
                    pos += n;
                    return n;
                }

                @Override
                public int available() {
                    return (int) Math.min(Integer.MAX_VALUE, end - pos);
                }
            };
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                ch.close();
            } catch (IOException e) {
                FileOps.LOG.fine(() -> "closing " + path + ": " + e.getMessage());
            }
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                FileOps.LOG.warning("cannot delete scratch file " + path + ": " + e.getMessage());
            }
        }
    }
}
