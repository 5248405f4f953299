package net.aisj.connector.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.PartInfo;
import net.aisj.connector.api.PutOptions;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;
import net.aisj.connector.api.UploadInfo;

/**
 * S3 multipart uploads on disk: one directory per upload, {@code <bucket dir>/%mp/<uploadId>/} on the object's
 * owner mountpath (so destroying the bucket removes its uploads), holding {@code upload.properties} (object name,
 * initiation time, custom metadata) and one file per part named {@code part-<number>-<md5 hex>}: a part is written
 * to a temp file, digested while streaming, then renamed into place, so a part is either whole or absent and its
 * MD5 needs no second read. Completion stores the parts as a chunked object without copying them (see
 * {@link #complete}); the upload directory is then removed. Uploads are not moved by rebalance. Thread-safe:
 * operations on one upload are serialised.
 */
final class MultipartStore {

    static final String DIR = "%mp";
    private static final String META = "upload.properties";
    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern PART = Pattern.compile("part-(\\d{5})-([0-9a-f]{32})");

    private final ObjectFiles files;
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    MultipartStore(ObjectFiles files) {
        this.files = files;
    }

    String create(ObjectId id, Map<String, String> custom) throws StorageException {
        Fqn.checkName(id);
        String uploadId = FileOps.randomHex() + FileOps.randomHex();
        Path dir = dir(files.owner(id), id.bucket(), uploadId);
        Properties p = new Properties();
        p.setProperty("object", id.name());
        p.setProperty("initiated", Long.toString(System.currentTimeMillis()));
        custom.forEach((k, v) -> p.setProperty("custom." + k, v));
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(META + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, null);
            }
            Files.move(tmp, dir.resolve(META), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw ObjectFiles.io("cannot start an upload of", id, e);
        }
        return uploadId;
    }

    UploadInfo info(ObjectId id, String uploadId) throws StorageException {
        return read(id.bucket(), locate(id, uploadId), uploadId, id);
    }

    PartInfo putPart(ObjectId id, String uploadId, int number, InputStream in, long length) throws StorageException {
        if (number < 1 || number > 10_000) {
            throw new StorageException(Reason.BAD_REQUEST, "part number must be 1..10000 (" + id.cname() + ")");
        }
        Path dir = locate(id, uploadId);
        info(id, uploadId);
        files.owner(id).checkSpace(files.cfg().outOfSpacePercent(), "part " + number + " of " + id.cname());
        Path tmp = null;
        try {
            tmp = FileOps.newWorkFile(dir, "tmp-");
            MessageDigest md = md5();
            long n = 0;
            byte[] buf = new byte[files.cfg().bufferSize()];
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                while (true) {
                    int r;
                    try {
                        r = in.read(buf);
                    } catch (IOException e) {
                        throw new StorageException(
                                Reason.IO,
                                "reading part " + number + " of " + id.cname() + " failed after " + n + " bytes: "
                                        + e.getMessage(),
                                e);
                    }
                    if (r < 0) {
                        break;
                    }
                    if (length >= 0 && n + r > length) {
                        throw new StorageException(
                                Reason.INCOMPLETE_BODY,
                                "size mismatch: got more than " + length + " bytes (" + id.cname() + " part " + number
                                        + ")");
                    }
                    md.update(buf, 0, r);
                    ByteBuffer bb = ByteBuffer.wrap(buf, 0, r);
                    while (bb.hasRemaining()) {
                        ch.write(bb);
                    }
                    n += r;
                }
                if (length >= 0 && n != length) {
                    throw new StorageException(
                            Reason.INCOMPLETE_BODY,
                            "truncated: got " + n + " of " + length + " bytes (" + id.cname() + " part " + number
                                    + ")");
                }
                ch.force(true);
            }
            String hex = HexFormat.of().formatHex(md.digest());
            synchronized (lock(uploadId)) {
                if (!Files.isDirectory(dir)) {
                    throw noSuchUpload(id, uploadId);
                }
                Path part = dir.resolve(String.format("part-%05d-%s", number, hex));
                Files.move(
                        tmp,
                        part,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                tmp = null;
                for (Map.Entry<Integer, List<Path>> e : partFiles(dir).entrySet()) {
                    if (e.getKey() == number) {
                        for (Path old : e.getValue()) {
                            if (!old.equals(part)) {
                                Files.deleteIfExists(old);
                            }
                        }
                    }
                }
                files.owner(id).countWritten(n);
                return new PartInfo(number, n, hex, System.currentTimeMillis());
            }
        } catch (IOException e) {
            throw ObjectFiles.io("cannot store part " + number + " of", id, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    List<PartInfo> parts(ObjectId id, String uploadId) throws StorageException {
        Path dir = locate(id, uploadId);
        info(id, uploadId);
        try {
            List<PartInfo> out = new ArrayList<>();
            for (Map.Entry<Integer, List<Path>> e : partFiles(dir).entrySet()) {
                Path p = newest(e.getValue());
                Matcher m = PART.matcher(FileOps.name(p));
                if (m.matches()) {
                    out.add(new PartInfo(
                            e.getKey(),
                            Files.size(p),
                            m.group(2),
                            Files.getLastModifiedTime(p).toMillis()));
                }
            }
            return out;
        } catch (IOException e) {
            throw ObjectFiles.io("cannot list the parts of", id, e);
        }
    }

    List<UploadInfo> list(BucketId bucket) throws StorageException {
        List<UploadInfo> out = new ArrayList<>();
        for (Mountpath mp : files.volume().usable()) {
            Path root = Fqn.bucketDir(mp.root(), bucket).resolve(DIR);
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
                for (Path d : ds) {
                    String uid = FileOps.name(d);
                    if (UPLOAD_ID.matcher(uid).matches()) {
                        try {
                            out.add(read(bucket, d, uid, null));
                        } catch (StorageException e) {
                            // completed or aborted meanwhile
                        }
                    }
                }
            } catch (NoSuchFileException e) {
                // no uploads on this mountpath
            } catch (IOException e) {
                throw new StorageException(Reason.IO, "cannot list the uploads of " + bucket.cname() + ": " + e, e);
            }
        }
        out.sort(Comparator.comparing((UploadInfo u) -> u.object().name(), Utf8Order.INSTANCE)
                .thenComparingLong(UploadInfo::initiatedMillis));
        return out;
    }

    /**
     * Completes the upload without copying its data: the first listed part becomes the object's file and the
     * others its chunks ({@link ChunkStore}), as hard links (copies only where the file system cannot link). The
     * parts are read once, in order, for the object's checksum.
     */
    ObjectStat complete(ObjectId id, String uploadId, List<Integer> numbers, PutOptions opts) throws StorageException {
        if (numbers.isEmpty()) {
            throw new StorageException(Reason.BAD_REQUEST, "an upload needs at least one part (" + id.cname() + ")");
        }
        Path dir = locate(id, uploadId);
        synchronized (lock(uploadId)) {
            info(id, uploadId);
            Mountpath mp = files.owner(id);
            PutTransaction tx = new PutTransaction(files, mp, id, opts);
            Path head = null;
            try {
                Map<Integer, List<Path>> all = partFiles(dir);
                List<Path> parts = new ArrayList<>(numbers.size());
                for (int n : numbers) {
                    List<Path> candidates = all.get(n);
                    if (candidates == null) {
                        throw new StorageException(
                                Reason.BAD_REQUEST, "part " + n + " of " + id.cname() + " does not exist");
                    }
                    parts.add(newest(candidates));
                }
                ChecksumHasher sum = ChecksumHasher.of(opts.checksumType());
                ChunkSums.Builder chunkSums = tx.sumsBuilder();
                long size = 0;
                for (Path p : parts) {
                    size += hash(p, sum, chunkSums);
                }
                head = mp.workDir().resolve("mpu-" + FileOps.randomHex());
                Files.createDirectories(mp.workDir());
                FileOps.linkOrCopy(parts.get(0), head);
                ChunkList rest =
                        parts.size() == 1 ? null : files.chunks().create(mp, id, parts.subList(1, parts.size()));
                tx.adoptChunked(head, rest, size, sum.result(), chunkSums == null ? null : chunkSums.finish());
                head = null;
                ObjectStat st = tx.commit(opts.custom());
                FileOps.deleteTree(dir);
                locks.remove(uploadId);
                return st;
            } catch (IOException e) {
                throw ObjectFiles.io("cannot complete the upload of", id, e);
            } finally {
                tx.abort();
                if (head != null) {
                    try {
                        Files.deleteIfExists(head);
                    } catch (IOException ignored) {
                        // best effort
                    }
                }
            }
        }
    }

    /** Feeds a part file to {@code h}; returns its size. */
    private long hash(Path part, ChecksumHasher h, ChunkSums.Builder sums) throws IOException {
        byte[] buf = new byte[files.cfg().bufferSize()];
        long n = 0;
        try (InputStream in = Files.newInputStream(part)) {
            for (int r; (r = in.read(buf)) >= 0; ) {
                h.update(buf, 0, r);
                if (sums != null) {
                    sums.update(buf, 0, r);
                }
                n += r;
            }
        }
        return n;
    }

    void abort(ObjectId id, String uploadId) throws StorageException {
        Path dir = locate(id, uploadId);
        synchronized (lock(uploadId)) {
            info(id, uploadId);
            try {
                FileOps.deleteTree(dir);
            } catch (IOException e) {
                throw ObjectFiles.io("cannot abort the upload of", id, e);
            }
            locks.remove(uploadId);
        }
    }

    /**
     * Aborts the uploads on {@code mp} that saw no new part for {@code maxAgeMillis} (the upload directory's
     * modification time moves with every part). Returns how many.
     */
    int expire(Mountpath mp, long maxAgeMillis) {
        long cutoff = System.currentTimeMillis() - maxAgeMillis;
        int removed = 0;
        try {
            for (Path bucketDir : Fqn.bucketDirs(mp.root()).values()) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(bucketDir.resolve(DIR))) {
                    for (Path d : ds) {
                        String uid = FileOps.name(d);
                        if (!UPLOAD_ID.matcher(uid).matches()) {
                            continue;
                        }
                        synchronized (lock(uid)) {
                            if (Files.getLastModifiedTime(d).toMillis() < cutoff) {
                                FileOps.deleteTree(d);
                                removed++;
                            }
                        }
                        locks.remove(uid);
                    }
                } catch (NoSuchFileException e) {
                    // no uploads in this bucket
                }
            }
        } catch (IOException e) {
            FileOps.LOG.warning("cannot expire uploads on " + mp + ": " + e.getMessage());
        }
        if (removed > 0) {
            FileOps.LOG.info("aborted " + removed + " upload(s) idle for over " + maxAgeMillis / 1000 + " s on " + mp);
        }
        return removed;
    }

    /** The upload's directory on whichever mountpath has it (normally the owner). */
    private Path locate(ObjectId id, String uploadId) throws StorageException {
        Fqn.checkName(id);
        if (uploadId == null || !UPLOAD_ID.matcher(uploadId).matches()) {
            throw noSuchUpload(id, uploadId);
        }
        Path owner = dir(files.owner(id), id.bucket(), uploadId);
        if (Files.isDirectory(owner)) {
            return owner;
        }
        for (Mountpath mp : files.volume().usable()) {
            Path d = dir(mp, id.bucket(), uploadId);
            if (Files.isDirectory(d)) {
                return d;
            }
        }
        throw noSuchUpload(id, uploadId);
    }

    private static UploadInfo read(BucketId bucket, Path dir, String uploadId, ObjectId expected)
            throws StorageException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(META), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new StorageException(Reason.NOT_FOUND, "no upload " + uploadId);
        }
        String name = p.getProperty("object", "");
        if (expected != null && !expected.name().equals(name)) {
            throw noSuchUpload(expected, uploadId);
        }
        Map<String, String> custom = new LinkedHashMap<>();
        for (String k : new java.util.TreeSet<>(p.stringPropertyNames())) {
            if (k.startsWith("custom.")) {
                custom.put(k.substring(7), p.getProperty(k));
            }
        }
        long initiated = Long.parseLong(p.getProperty("initiated", "0"));
        return new UploadInfo(uploadId, new ObjectId(bucket, name), initiated, custom);
    }

    private static Map<Integer, List<Path>> partFiles(Path dir) throws IOException {
        Map<Integer, List<Path>> m = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "part-*")) {
            for (Path p : ds) {
                Matcher x = PART.matcher(FileOps.name(p));
                if (x.matches()) {
                    m.computeIfAbsent(Integer.parseInt(x.group(1)), k -> new ArrayList<>())
                            .add(p);
                }
            }
        }
        return m;
    }

    private static Path newest(List<Path> candidates) throws IOException {
        Path best = candidates.get(0);
        for (Path p : candidates) {
            if (Files.getLastModifiedTime(p).compareTo(Files.getLastModifiedTime(best)) > 0) {
                best = p;
            }
        }
        return best;
    }

    private static Path dir(Mountpath mp, BucketId bucket, String uploadId) {
        return Fqn.bucketDir(mp.root(), bucket).resolve(DIR).resolve(uploadId);
    }

    private Object lock(String uploadId) {
        return locks.computeIfAbsent(uploadId, k -> new Object());
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static StorageException noSuchUpload(ObjectId id, String uploadId) {
        return new StorageException(Reason.NOT_FOUND, "upload " + uploadId + " of " + id.cname() + " does not exist");
    }
}
