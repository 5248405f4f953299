package net.aisj.web.s3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.PartInfo;
import net.aisj.connector.api.UploadInfo;
import net.aisj.core.PageMerge;
import net.aisj.service.s3.MultipartService;
import net.aisj.web.s3.error.S3Error;
import net.aisj.web.s3.error.S3Exception;
import net.aisj.web.s3.xml.CommonPrefix;
import net.aisj.web.s3.xml.MultipartTypes;
import net.aisj.web.s3.xml.S3Xml;

/**
 * Multipart uploads: CreateMultipartUpload, UploadPart, UploadPartCopy (with {@code x-amz-copy-source-range}),
 * CompleteMultipartUpload, AbortMultipartUpload, ListParts, ListMultipartUploads. Every call of one key runs on the
 * key's owner ({@link S3Forwarder}), where the parts are kept; the rules are {@link MultipartService}'s.
 */
@ApplicationScoped
public class S3Multipart {

    /** S3's default and largest {@code max-parts} / {@code max-uploads}. */
    public static final int MAX_LIST = 1000;

    @Inject
    MultipartService mpu;

    @Inject
    S3Buckets buckets;

    @Inject
    S3Objects objects;

    @Inject
    S3Forwarder forwarder;

    Response create(S3Call c) {
        buckets.existing(c);
        ObjectId id = c.objectId();
        Response fwd = forwarder.forward(c, id);
        if (fwd != null) {
            return fwd;
        }
        MultipartTypes.InitiateMultipartUploadResult r = new MultipartTypes.InitiateMultipartUploadResult();
        r.bucket = c.bucket();
        r.key = c.key();
        r.uploadId = mpu.create(id, S3Meta.fromRequest(c));
        return S3Responses.xml(r);
    }

    Response uploadPart(S3Call c) throws IOException {
        buckets.existing(c);
        ObjectId id = c.objectId();
        if (!c.has("uploadId") || !c.has("partNumber")) {
            throw new S3Exception(S3Error.InvalidArgument, "UploadPart needs partNumber and uploadId");
        }
        Response fwd = forwarder.forwardUpload(c, id, c.param("uploadId"));
        if (fwd != null) {
            return fwd;
        }
        int number = intParam(c, "partNumber", 0);
        String uploadId = c.param("uploadId");
        if (c.header("x-amz-copy-source") == null) {
            PartInfo p = mpu.uploadPart(id, uploadId, number, S3Objects.withContentMd5(c, c.body()), c.contentLength());
            return Response.ok().header("ETag", "\"" + p.md5() + "\"").build();
        }
        ObjectId src = S3Objects.copySource(c);
        buckets.existing(src.bucket().name());
        mpu.upload(id, uploadId);
        try (ObjectReader reader = objects.open(src)) {
            ObjectStat s = reader.stat();
            S3Conditions.checkCopySource(c, S3Meta.etag(s), s.mtimeMillis());
            long[] range = copyRange(c.header("x-amz-copy-source-range"), s.size());
            try (InputStream in = reader.stream()) {
                in.skipNBytes(range[0]);
                PartInfo p = mpu.uploadPart(id, uploadId, number, new Bounded(in, range[1]), range[1]);
                MultipartTypes.CopyPartResult r = new MultipartTypes.CopyPartResult();
                r.etag = "\"" + p.md5() + "\"";
                r.lastModified = S3Xml.time(p.mtimeMillis());
                return S3Responses.xml(r);
            }
        }
    }

    Response complete(S3Call c) throws IOException {
        buckets.existing(c);
        ObjectId id = c.objectId();
        Response fwd = forwarder.forwardUpload(c, id, c.param("uploadId"));
        if (fwd != null) {
            return fwd;
        }
        MultipartTypes.CompleteMultipartUpload req =
                S3Responses.readXml(c, MultipartTypes.CompleteMultipartUpload.class);
        List<Map.Entry<Integer, String>> parts = new ArrayList<>();
        for (MultipartTypes.CompletedPart p : req.parts) {
            if (p.partNumber == null || p.etag == null) {
                throw new S3Exception(S3Error.MalformedXML, "every Part needs PartNumber and ETag");
            }
            parts.add(Map.entry(p.partNumber, p.etag));
        }
        ObjectStat s = mpu.complete(id, c.param("uploadId"), parts);
        MultipartTypes.CompleteMultipartUploadResult r = new MultipartTypes.CompleteMultipartUploadResult();
        r.location = c.request().getRequestURL().toString();
        r.bucket = c.bucket();
        r.key = c.key();
        r.etag = S3Meta.etag(s);
        return S3Responses.xml(r);
    }

    Response abort(S3Call c) {
        buckets.existing(c);
        ObjectId id = c.objectId();
        Response fwd = forwarder.forwardUpload(c, id, c.param("uploadId"));
        if (fwd != null) {
            return fwd;
        }
        mpu.abort(id, c.param("uploadId"));
        return Response.noContent().build();
    }

    Response listParts(S3Call c) {
        buckets.existing(c);
        ObjectId id = c.objectId();
        Response fwd = forwarder.forwardUpload(c, id, c.param("uploadId"));
        if (fwd != null) {
            return fwd;
        }
        String uploadId = c.param("uploadId");
        int marker = intParam(c, "part-number-marker", 0);
        int max = Math.min(intParam(c, "max-parts", MAX_LIST), MAX_LIST);
        MultipartTypes.ListPartsResult r = new MultipartTypes.ListPartsResult();
        r.bucket = c.bucket();
        r.key = c.key();
        r.uploadId = uploadId;
        r.partNumberMarker = marker;
        r.maxParts = max;
        for (PartInfo p : mpu.parts(id, uploadId)) {
            if (p.number() <= marker) {
                continue;
            }
            if (r.parts.size() == max) {
                r.isTruncated = true;
                break;
            }
            MultipartTypes.Part x = new MultipartTypes.Part();
            x.partNumber = p.number();
            x.etag = "\"" + p.md5() + "\"";
            x.size = p.size();
            x.lastModified = S3Xml.time(p.mtimeMillis());
            r.parts.add(x);
            r.nextPartNumberMarker = p.number();
        }
        return S3Responses.xml(r);
    }

    /**
     * The uploads in progress on every target of the cluster: this node's merged with the others' (asked for all
     * their uploads under the prefix, unpaged), then sorted by key and initiation, paged by key and upload-ID
     * markers, and grouped by the delimiter into CommonPrefixes (each counts toward max-uploads, as in S3).
     */
    Response listUploads(S3Call c) throws IOException {
        BucketId b = buckets.existing(c);
        String prefix = c.param("prefix") == null ? "" : c.param("prefix");
        List<MultipartTypes.Upload> all = new ArrayList<>();
        for (UploadInfo u : mpu.uploads(b)) {
            if (u.object().name().startsWith(prefix)) {
                MultipartTypes.Upload x = new MultipartTypes.Upload();
                x.key = u.object().name();
                x.uploadId = u.uploadId();
                x.initiated = S3Xml.time(u.initiatedMillis());
                all.add(x);
            }
        }
        if (forwarder.isForwarded(c)) {
            MultipartTypes.ListMultipartUploadsResult r = new MultipartTypes.ListMultipartUploadsResult();
            r.uploads = all;
            return S3Responses.xml(r);
        }
        for (MultipartTypes.ListMultipartUploadsResult other : forwarder.fromOtherTargets(
                c, "uploads&prefix=" + S3Uris.encode(prefix, false), MultipartTypes.ListMultipartUploadsResult.class)) {
            all.addAll(other.uploads);
        }
        all.sort((x, y) -> {
            int k = PageMerge.UTF8.compare(x.key, y.key);
            return k != 0 ? k : x.initiated.compareTo(y.initiated);
        });
        return S3Responses.xml(uploadsPage(
                all,
                c.bucket(),
                prefix,
                c.param("delimiter"),
                c.param("key-marker") == null ? "" : c.param("key-marker"),
                c.param("upload-id-marker") == null ? "" : c.param("upload-id-marker"),
                Math.min(intParam(c, "max-uploads", MAX_LIST), MAX_LIST)));
    }

    /** One page of sorted uploads, after the markers, grouped by {@code delimiter} (null or empty: no grouping). */
    static MultipartTypes.ListMultipartUploadsResult uploadsPage(
            List<MultipartTypes.Upload> sorted,
            String bucket,
            String prefix,
            String delimiter,
            String keyMarker,
            String idMarker,
            int max) {
        MultipartTypes.ListMultipartUploadsResult r = new MultipartTypes.ListMultipartUploadsResult();
        r.bucket = bucket;
        r.prefix = prefix;
        r.delimiter = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        r.keyMarker = keyMarker;
        r.uploadIdMarker = idMarker;
        r.maxUploads = max;
        boolean pastIdMarker = idMarker.isEmpty();
        boolean markerIsGroup = r.delimiter != null && keyMarker.endsWith(r.delimiter);
        String lastGroup = null;
        for (MultipartTypes.Upload u : sorted) {
            int k = keyMarker.isEmpty() ? 1 : PageMerge.UTF8.compare(u.key, keyMarker);
            if (k < 0 || k == 0 && idMarker.isEmpty() || markerIsGroup && u.key.startsWith(keyMarker)) {
                continue;
            }
            if (k == 0 && !pastIdMarker) {
                pastIdMarker = u.uploadId.equals(idMarker);
                continue;
            }
            String group = null;
            if (r.delimiter != null) {
                int d = u.key.indexOf(r.delimiter, prefix.length());
                group = d < 0 ? null : u.key.substring(0, d + r.delimiter.length());
            }
            if (group != null && group.equals(lastGroup)) {
                continue;
            }
            if (r.uploads.size() + r.commonPrefixes.size() == max) {
                r.isTruncated = true;
                break;
            }
            if (group != null) {
                r.commonPrefixes.add(new CommonPrefix(group));
                lastGroup = group;
                r.nextKeyMarker = group;
                r.nextUploadIdMarker = null;
            } else {
                r.uploads.add(u);
                r.nextKeyMarker = u.key;
                r.nextUploadIdMarker = u.uploadId;
            }
        }
        return r;
    }

    /** {@code bytes=first-last} within the source, or the whole source when absent: {offset, length}. */
    static long[] copyRange(String header, long size) {
        if (header == null) {
            return new long[] {0, size};
        }
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("bytes=(\\d+)-(\\d+)").matcher(header.trim());
        if (!m.matches()) {
            throw new S3Exception(S3Error.InvalidArgument, "x-amz-copy-source-range must be bytes=first-last");
        }
        long first = Long.parseLong(m.group(1));
        long last = Long.parseLong(m.group(2));
        if (first > last || last >= size) {
            throw new S3Exception(
                    S3Error.InvalidRange, "Range specified is not valid for source object of size: " + size);
        }
        return new long[] {first, last - first + 1};
    }

    private static int intParam(S3Call c, String name, int dflt) {
        String v = c.param(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new S3Exception(S3Error.InvalidArgument, name + " must be an integer");
        }
    }

    /** At most {@code left} bytes of the wrapped stream. */
    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long left) {
            super(in);
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
