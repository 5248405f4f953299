package net.aisj.service.s3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.PartInfo;
import net.aisj.connector.api.PutOptions;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.UploadInfo;
import net.aisj.core.AisException;
import net.aisj.core.BucketProps;
import net.aisj.core.NodeInfo;
import net.aisj.service.BucketService;
import net.aisj.service.LocalNode;
import net.aisj.service.ObjectService;
import net.aisj.service.StorageErrors;

/**
 * S3 multipart uploads on this node. An upload is created on the key's owner and stays on that target (its holder,
 * named in the upload ID, see {@link UploadIds}): the transport forwards every later call of the upload there, and
 * a completion on a holder that is no longer the owner hands the object over. Parts live beside the bucket on the
 * holder's mountpath until completion; completion checks S3's rules (ascending part
 * numbers, known parts with matching ETags, every part but the last at least {@value #MIN_PART_SIZE} bytes) and
 * gives the object the multipart ETag: the MD5 of the concatenated binary part MD5s, then {@code -<count>}.
 * Thread-safe.
 */
@ApplicationScoped
public class MultipartService {

    /** S3's smallest part (but the last). */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** S3's part-number range is 1..10000. */
    public static final int MAX_PARTS = 10_000;

    /** Custom metadata of a completed object: the upload that made it (a repeated completion answers it again). */
    public static final String UPLOAD_KEY = "s3:upload-id";

    @Inject
    LocalNode node;

    @Inject
    BucketService buckets;

    @Inject
    ObjectService objects;

    /** Uploads into a bucket in a backend complete on the remote too. */
    @Inject
    net.aisj.service.cache.CacheService cache;

    /**
     * The target that holds the upload when it is another one (the caller forwards the call there); empty when it
     * is this node.
     *
     * @throws MultipartException NO_SUCH_UPLOAD for an ID that is not ours or whose holder left the cluster
     */
    public Optional<NodeInfo> holder(ObjectId id, String uploadId) {
        UploadIds.Ref ref = UploadIds.parse(uploadId).orElseThrow(() -> noSuchUpload(id, uploadId));
        if (ref.nodeId().equals(node.self().id())) {
            return Optional.empty();
        }
        for (NodeInfo t : node.clusterMap().targets()) {
            if (t.id().equals(ref.nodeId())) {
                return Optional.of(t);
            }
        }
        throw new MultipartException(
                MultipartException.Problem.NO_SUCH_UPLOAD,
                "upload " + uploadId + " of " + id.cname() + " was kept by node " + ref.nodeId()
                        + ", which is no longer in the cluster");
    }

    /** The engine's ID of an upload held here. */
    private String local(ObjectId id, String uploadId) {
        UploadIds.Ref ref = UploadIds.parse(uploadId).orElseThrow(() -> noSuchUpload(id, uploadId));
        if (!ref.nodeId().equals(node.self().id())) {
            throw noSuchUpload(id, uploadId);
        }
        return ref.localId();
    }

    private static MultipartException noSuchUpload(ObjectId id, String uploadId) {
        return new MultipartException(
                MultipartException.Problem.NO_SUCH_UPLOAD,
                "upload " + uploadId + " of " + (id == null ? "?" : id.cname()) + " does not exist");
    }

    public String create(ObjectId id, Map<String, String> custom) {
        buckets.props(id.bucket());
        try (StorageConnection c = node.connection()) {
            return UploadIds.of(c.createUpload(id, custom), node.self().id());
        } catch (StorageException e) {
            throw map(e, id, null);
        }
    }

    public UploadInfo upload(ObjectId id, String uploadId) {
        try (StorageConnection c = node.connection()) {
            UploadInfo u = c.upload(id, local(id, uploadId));
            return new UploadInfo(uploadId, u.object(), u.initiatedMillis(), u.custom());
        } catch (StorageException e) {
            throw map(e, id, uploadId);
        }
    }

    public PartInfo uploadPart(ObjectId id, String uploadId, int number, InputStream in, long length) {
        if (number < 1 || number > MAX_PARTS) {
            throw new MultipartException(
                    MultipartException.Problem.MALFORMED, "part number " + number + " is not in 1.." + MAX_PARTS);
        }
        try (StorageConnection c = node.connection()) {
            return c.putPart(id, local(id, uploadId), number, in, length);
        } catch (StorageException e) {
            throw map(e, id, uploadId);
        }
    }

    public List<PartInfo> parts(ObjectId id, String uploadId) {
        try (StorageConnection c = node.connection()) {
            return c.listParts(id, local(id, uploadId));
        } catch (StorageException e) {
            throw map(e, id, uploadId);
        }
    }

    public List<UploadInfo> uploads(BucketId bucket) {
        buckets.props(bucket);
        try (StorageConnection c = node.connection()) {
            String self = node.self().id();
            return c.listUploads(bucket).stream()
                    .map(u -> new UploadInfo(
                            UploadIds.of(u.uploadId(), self), u.object(), u.initiatedMillis(), u.custom()))
                    .toList();
        } catch (StorageException e) {
            throw map(e, null, null);
        }
    }

    /**
     * Completes an upload with the client's list of {part number, ETag}.
     *
     * @return the object, whose custom {@link PutOptions#ETAG} is the multipart ETag
     */
    public ObjectStat complete(ObjectId id, String uploadId, List<Map.Entry<Integer, String>> requested) {
        return complete(id, uploadId, requested, true);
    }

    /**
     * Completes an upload of the native API (AIS's {@code mpt-complete}): the list must name exactly the parts
     * uploaded, 1..N in any order; ETags are not checked (the client may leave them empty) and parts have no minimum
     * size. The object keeps the part layout (its chunks) and no S3 ETag.
     */
    public ObjectStat completeNative(ObjectId id, String uploadId, List<Integer> partNumbers) {
        if (partNumbers.isEmpty()) {
            throw new MultipartException(MultipartException.Problem.MALFORMED, "mpt-complete: empty parts list");
        }
        List<Integer> sorted = partNumbers.stream().sorted().toList();
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i) != i + 1) {
                throw new MultipartException(
                        MultipartException.Problem.INVALID_PART_ORDER,
                        "parts must be exactly 1.." + sorted.size() + ": got " + sorted.get(i) + " at position " + i);
            }
        }
        List<PartInfo> have = parts(id, uploadId);
        if (have.size() != sorted.size()) {
            throw new MultipartException(
                    MultipartException.Problem.INVALID_PART,
                    "partial completion is not allowed: requested " + sorted.size() + " parts, have " + have.size());
        }
        List<Map.Entry<Integer, String>> requested = new java.util.ArrayList<>();
        for (PartInfo p : have) {
            requested.add(Map.entry(p.number(), p.md5()));
        }
        requested.sort(Map.Entry.comparingByKey());
        return complete(id, uploadId, requested, false);
    }

    private ObjectStat complete(ObjectId id, String uploadId, List<Map.Entry<Integer, String>> requested, boolean s3) {
        BucketProps p = buckets.props(id.bucket());
        if (requested.isEmpty()) {
            throw new MultipartException(
                    MultipartException.Problem.MALFORMED, "CompleteMultipartUpload must " + "name at least one part");
        }
        String localId = local(id, uploadId);
        ObjectStat done;
        try (StorageConnection c = node.connection()) {
            UploadInfo info;
            try {
                info = c.upload(id, localId);
            } catch (StorageException e) {
                Optional<ObjectStat> earlier =
                        e.reason() == StorageException.Reason.NOT_FOUND ? completedBy(id, uploadId) : Optional.empty();
                if (earlier.isPresent()) {
                    return earlier.get();
                }
                throw e;
            }
            Map<Integer, PartInfo> have = new LinkedHashMap<>();
            for (PartInfo pi : c.listParts(id, localId)) {
                have.put(pi.number(), pi);
            }
            String etag = multipartEtag(requested, have, s3);
            Map<String, String> custom = new LinkedHashMap<>(info.custom());
            if (s3) {
                custom.put(PutOptions.ETAG, etag);
            }
            custom.put(UPLOAD_KEY, uploadId);
            String layout = PartLayout.encode(
                    requested.stream().map(e -> have.get(e.getKey()).size()).toList());
            if (layout != null) {
                custom.put(PartLayout.KEY, layout);
            }
            PutOptions opts = ObjectService.options(p).withCustom(custom);
            done = c.completeUpload(
                    id, localId, requested.stream().map(Map.Entry::getKey).toList(), opts);
        } catch (StorageException e) {
            throw map(e, id, uploadId);
        }
        if (net.aisj.backend.Backends.isRemote(id.bucket(), p)) {
            // a bucket in a backend: the upload completes on the remote too (or the object goes here as well)
            done = cache.writeBack(id, p);
        }
        // the key moved to another owner while the upload ran here (a rebalance): hand the object over to it
        java.util.Optional<ObjectStat> moved = objects.handOver(id);
        if (moved.isEmpty()) {
            objects.protectAfterWrite(id);
        }
        return moved.orElse(done);
    }

    /** The object when this upload made it and it was not overwritten since (S3 answers a repeated completion). */
    private Optional<ObjectStat> completedBy(ObjectId id, String uploadId) {
        try {
            ObjectStat s = objects.head(id);
            return uploadId.equals(s.custom().get(UPLOAD_KEY)) ? Optional.of(s) : Optional.empty();
        } catch (AisException e) {
            return Optional.empty();
        }
    }

    public void abort(ObjectId id, String uploadId) {
        try (StorageConnection c = node.connection()) {
            c.abortUpload(id, local(id, uploadId));
        } catch (StorageException e) {
            throw map(e, id, uploadId);
        }
    }

    /** Checks the completion list against the stored parts and returns the quoted multipart ETag. */
    static String multipartEtag(List<Map.Entry<Integer, String>> requested, Map<Integer, PartInfo> have) {
        return multipartEtag(requested, have, true);
    }

    /** @param minPartSize whether every part but the last must be at least {@link #MIN_PART_SIZE} (S3's rule) */
    static String multipartEtag(
            List<Map.Entry<Integer, String>> requested, Map<Integer, PartInfo> have, boolean minPartSize) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        int prev = 0;
        for (int i = 0; i < requested.size(); i++) {
            int n = requested.get(i).getKey();
            if (n < 1 || n > MAX_PARTS) {
                throw new MultipartException(
                        MultipartException.Problem.MALFORMED, "part number " + n + " is not in 1.." + MAX_PARTS);
            }
            if (n <= prev) {
                throw new MultipartException(
                        MultipartException.Problem.INVALID_PART_ORDER, "part " + n + " listed after part " + prev);
            }
            prev = n;
            PartInfo part = have.get(n);
            String want = strip(requested.get(i).getValue());
            if (part == null || !part.md5().equals(want)) {
                throw new MultipartException(
                        MultipartException.Problem.INVALID_PART,
                        "part " + n
                                + (part == null
                                        ? " was not uploaded"
                                        : " has ETag \"" + part.md5() + "\", not \"" + want + "\""));
            }
            md.update(HexFormat.of().parseHex(part.md5()));
        }
        for (int i = 0; minPartSize && i < requested.size() - 1; i++) {
            PartInfo part = have.get(requested.get(i).getKey());
            if (part.size() < MIN_PART_SIZE) {
                throw new MultipartException(
                        MultipartException.Problem.ENTITY_TOO_SMALL,
                        "part " + part.number() + " is " + part.size()
                                + " bytes; every part but the last must be at least " + MIN_PART_SIZE);
            }
        }
        return "\"" + HexFormat.of().formatHex(md.digest()) + "-" + requested.size() + "\"";
    }

    private static String strip(String etag) {
        String s = etag == null ? "" : etag.trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s.toLowerCase(Locale.ROOT);
    }

    private static AisException map(StorageException e, ObjectId id, String uploadId) {
        return switch (e.reason()) {
            case NOT_FOUND ->
                uploadId != null
                        ? new MultipartException(MultipartException.Problem.NO_SUCH_UPLOAD, e.getMessage())
                        : AisException.notFound(e.getMessage());
            case INVALID_NAME, BAD_CHECKSUM, INCOMPLETE_BODY -> StorageErrors.map(e);
            case BAD_REQUEST -> new AisException(AisException.Kind.BAD_REQUEST, e.getMessage(), e);
            case UNAVAILABLE -> new AisException(AisException.Kind.UNAVAILABLE, e.getMessage(), e);
            case NO_SPACE -> new AisException(AisException.Kind.INSUFFICIENT_STORAGE, e.getMessage(), e);
            case CORRUPTED, IO -> new AisException(AisException.Kind.INTERNAL, e.getMessage(), e);
        };
    }
}
