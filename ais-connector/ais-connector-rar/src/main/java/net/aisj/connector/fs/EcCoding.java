package net.aisj.connector.fs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.aisj.connector.api.ChecksumType;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.PutOptions;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;
import net.aisj.connector.api.ec.EcMeta;
import net.aisj.connector.api.ec.Spooled;
import net.aisj.connector.ec.NotEnoughShardsException;
import net.aisj.connector.ec.ReedSolomon;
import net.aisj.connector.ec.SliceSource;
import net.aisj.connector.ec.StripeDecoder;
import net.aisj.connector.ec.StripeEncoder;

/**
 * Encoding and decoding through work files ("spooled" files in {@code %wk}, handed to callers as opaque tokens):
 * {@link #encode} streams the committed object through {@link StripeEncoder} into D+P slice files with positional
 * reads; {@link #spool} keeps a slice fetched from another target; {@link #decode} streams D or more slice files
 * through {@link StripeDecoder} into a work file and commits it as the object (a {@link PutTransaction}, checksum
 * verified). Memory stays O((D+P) x stripe block) whatever the object's size. Thread-safe.
 */
final class EcCoding {

    private final ObjectFiles files;
    private final Map<String, Path> spooled = new ConcurrentHashMap<>();
    private final AtomicInteger nextMountpath = new AtomicInteger();

    EcCoding(ObjectFiles files) {
        this.files = files;
    }

    /** See {@link net.aisj.connector.api.StorageConnection#spool}. */
    Spooled spool(InputStream in, long length) throws StorageException {
        Path p = newSpool();
        try (HashingOut out = new HashingOut(p)) {
            byte[] buf = new byte[files.cfg().bufferSize()];
            for (int r; (r = in.read(buf)) >= 0; ) {
                out.write(buf, 0, r);
            }
            out.flush();
            if (length >= 0 && out.count != length) {
                throw new StorageException(
                        Reason.BAD_CHECKSUM, "truncated: got " + out.count + " of " + length + " bytes");
            }
            return register(p, out);
        } catch (IOException e) {
            EcStore.deleteQuietly(p);
            throw new StorageException(Reason.IO, "cannot spool: " + e.getMessage(), e);
        } catch (StorageException | RuntimeException e) {
            EcStore.deleteQuietly(p);
            throw e;
        }
    }

    InputStream open(String token) throws StorageException {
        Path p = spooled.get(token);
        try {
            if (p != null) {
                return Files.newInputStream(p);
            }
        } catch (NoSuchFileException e) {
            // swept
        } catch (IOException e) {
            throw new StorageException(Reason.IO, "cannot open work file: " + e.getMessage(), e);
        }
        throw new StorageException(Reason.NOT_FOUND, "no work file " + token);
    }

    void release(String token) {
        Path p = token == null ? null : spooled.remove(token);
        EcStore.deleteQuietly(p);
    }

    /** See {@link net.aisj.connector.api.StorageConnection#ecEncode}. */
    List<Spooled> encode(ObjectId id, int d, int p, ObjectStat[] statOut) throws StorageException {
        ReedSolomon rs = codec(d, p);
        List<Path> paths = new ArrayList<>();
        HashingOut[] outs = new HashingOut[d + p];
        try (ObjectFileReader r = files.openReader(id, false, false)) {
            long size = r.stat().size();
            for (int i = 0; i < outs.length; i++) {
                Path f = newSpool();
                paths.add(f);
                outs[i] = new HashingOut(f);
            }
            SliceSource src = (pos, dst, off, len) -> {
                if (pos >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - pos);
                r.transferTo(new ArrayOut(dst, off), pos, n);
                return n;
            };
            new StripeEncoder(rs).encode(src, size, outs);
            List<Spooled> result = new ArrayList<>();
            for (int i = 0; i < outs.length; i++) {
                outs[i].close();
                result.add(register(paths.get(i), outs[i]));
            }
            if (statOut != null && statOut.length > 0) {
                statOut[0] = r.stat();
            }
            paths.clear();
            return result;
        } catch (IOException e) {
            throw ObjectFiles.io("cannot encode", id, e);
        } finally {
            for (HashingOut o : outs) {
                ObjectFiles.closeQuietly(o);
            }
            paths.forEach(EcStore::deleteQuietly);
        }
    }

    /** See {@link net.aisj.connector.api.StorageConnection#ecDecode}. */
    ObjectStat decode(ObjectId id, EcMeta meta, String[] tokens, PutOptions opts) throws StorageException {
        Fqn.checkName(id);
        ReedSolomon rs = codec(meta.dataSlices(), meta.paritySlices());
        if (tokens == null || tokens.length != rs.totalShards()) {
            throw new StorageException(Reason.BAD_REQUEST, "expected " + rs.totalShards() + " slice entries");
        }
        FileChannel[] chans = new FileChannel[tokens.length];
        Mountpath mp = files.owner(id);
        PutTransaction tx = new PutTransaction(
                files,
                mp,
                id,
                opts.withExpected(meta.objChecksum(), meta.objSize())
                        .withVersion(meta.objVersion().isEmpty() ? null : meta.objVersion()));
        Path work = null;
        try {
            SliceSource[] sources = new SliceSource[tokens.length];
            for (int i = 0; i < tokens.length; i++) {
                Path p = tokens[i] == null ? null : spooled.get(tokens[i]);
                if (p != null) {
                    chans[i] = FileChannel.open(p, StandardOpenOption.READ);
                    sources[i] = SliceSource.of(chans[i]);
                }
            }
            work = FileOps.newWorkFile(mp.workDir(), "ecd-");
            try (FileChannel ch = FileChannel.open(work, StandardOpenOption.WRITE);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
                new StripeDecoder(rs).decode(sources, meta.objSize(), out);
                out.flush();
                ch.force(true);
            }
            tx.adopt(work);
            work = null;
            return tx.commit(meta.custom());
        } catch (NotEnoughShardsException e) {
            throw new StorageException(Reason.NOT_FOUND, "cannot rebuild " + id.cname() + ": " + e.getMessage());
        } catch (IOException e) {
            throw ObjectFiles.io("cannot decode", id, e);
        } catch (StorageException e) {
            if (e.reason() == Reason.BAD_CHECKSUM) {
                throw new StorageException(
                        Reason.CORRUPTED,
                        "rebuilt " + id.cname() + " does not match its " + "checksum: " + e.getMessage());
            }
            throw e;
        } finally {
            tx.abort();
            for (FileChannel c : chans) {
                ObjectFiles.closeQuietly(c);
            }
            EcStore.deleteQuietly(work);
        }
    }

    private static ReedSolomon codec(int d, int p) throws StorageException {
        try {
            return new ReedSolomon(d, p);
        } catch (IllegalArgumentException e) {
            throw new StorageException(Reason.BAD_REQUEST, "invalid EC layout " + d + "+" + p + ": " + e.getMessage());
        }
    }

    private Path newSpool() throws StorageException {
        List<Mountpath> usable = files.volume().usable();
        if (usable.isEmpty()) {
            throw new StorageException(Reason.UNAVAILABLE, "no usable mountpath");
        }
        Mountpath mp = usable.get(Math.floorMod(nextMountpath.getAndIncrement(), usable.size()));
        try {
            return FileOps.newWorkFile(mp.workDir(), "ecs-");
        } catch (IOException e) {
            throw new StorageException(Reason.IO, "cannot create a work file on " + mp + ": " + e.getMessage(), e);
        }
    }

    private Spooled register(Path p, HashingOut out) {
        String token = FileOps.randomHex() + FileOps.randomHex();
        spooled.put(token, p);
        return new Spooled(token, out.count, out.hasher.result());
    }

    /** Writes a work file, counting and hashing (xxhash2) on the way. */
    private static final class HashingOut extends OutputStream {
        final ChecksumHasher hasher = ChecksumHasher.of(ChecksumType.XXHASH2);
        final OutputStream out;
        long count;

        HashingOut(Path p) throws IOException {
            out = new BufferedOutputStream(Files.newOutputStream(p, StandardOpenOption.WRITE), 1 << 16);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            hasher.update(b, off, len);
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** An output stream over a slice of an array (positional reads through {@link ObjectFileReader#transferTo}). */
    private static final class ArrayOut extends OutputStream {
        private final byte[] dst;
        private int at;

        ArrayOut(byte[] dst, int off) {
            this.dst = dst;
            this.at = off;
        }

        @Override
        public void write(int b) {
            dst[at++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            System.arraycopy(b, off, dst, at, len);
            at += len;
        }
    }
}
