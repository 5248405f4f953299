package net.aisj.web.s3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Map;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;
import net.aisj.core.AisException;
import net.aisj.core.BucketProps;
import net.aisj.service.ObjectService;
import net.aisj.service.s3.PartLayout;
import net.aisj.web.common.ByteRange;
import net.aisj.web.common.ObjectBodies;
import net.aisj.web.common.PathNames;
import net.aisj.web.s3.auth.DigestVerifyingInputStream;
import net.aisj.web.s3.error.S3Error;
import net.aisj.web.s3.error.S3Exception;
import net.aisj.web.s3.xml.CopyObjectResult;
import net.aisj.web.s3.xml.S3Xml;

/**
 * Object calls: PutObject, GetObject (Range, conditionals, response overrides), HeadObject, DeleteObject,
 * CopyObject; DeleteObjects is in {@link S3MultiDelete}. Every PUT stores the MD5 ETag computed while streaming.
 * When this node is not the object's owner in a cluster, {@link S3Forwarder} streams the call to the owner.
 */
@ApplicationScoped
public class S3Objects {

    @Inject
    ObjectService objects;

    @Inject
    S3Buckets buckets;

    @Inject
    S3Forwarder forwarder;

    @Inject
    S3MultiDelete multiDelete;

    Response put(S3Call c) throws IOException {
        BucketProps p = buckets.props(c.bucket());
        S3AclTagging.checkCanned(c.header("x-amz-acl"));
        ObjectId id = c.objectId();
        Response fwd = forwarder.forward(c, id);
        if (fwd != null) {
            return fwd;
        }
        if (c.header("If-None-Match") != null || c.header("If-Match") != null) {
            // checked before the body is read; two conditional PUTs racing on one key may both pass (see README)
            S3Conditions.checkPut(c, currentEtag(id));
        }
        InputStream body = withContentMd5(c, c.body());
        Map<String, String> custom = S3Meta.fromRequest(c);
        ObjectStat s = store(id, body, c.contentLength(), custom);
        return versionHeader(Response.ok().header("ETag", S3Meta.etag(s)), p, s).build();
    }

    /** The ETag of the object as it is now, or null when there is none. */
    private String currentEtag(ObjectId id) {
        try {
            return S3Meta.etag(objects.head(id));
        } catch (AisException e) {
            if (e.kind() == AisException.Kind.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    /** {@code x-amz-version-id} as S3 sends it: only for a bucket with versioning enabled. */
    static Response.ResponseBuilder versionHeader(Response.ResponseBuilder b, BucketProps p, ObjectStat s) {
        if (p.versioning().enabled()) {
            b.header("x-amz-version-id", S3Buckets.versionId(p, s));
        }
        return b;
    }

    /**
     * {@code ?versionId=}: only the current version exists; another id is NoSuchVersion (as for a version S3 no
     * longer has).
     */
    static void checkVersion(S3Call c, BucketProps p, ObjectStat s) {
        String want = c.param("versionId");
        if (want != null && !want.equals(S3Buckets.versionId(p, s))) {
            throw new S3Exception(
                    S3Error.NoSuchVersion, "version " + want + " of " + c.bucket() + "/" + c.key() + " does not exist");
        }
    }

    /** Stores with the MD5 ETag; a body shorter than declared fails with the domain's INCOMPLETE_BODY. */
    ObjectStat store(ObjectId id, InputStream body, long length, Map<String, String> custom) {
        return objects.putWithEtag(id, body, length, custom);
    }

    Response get(S3Call c) {
        BucketProps p = buckets.props(c.bucket());
        ObjectId id = c.objectId();
        Response fwd = forwarder.forward(c, id);
        if (fwd != null) {
            return fwd;
        }
        ObjectReader reader = open(id);
        boolean handedOver = false;
        try {
            ObjectStat s = reader.stat();
            checkVersion(c, p, s);
            S3Conditions.check(c, S3Meta.etag(s), s.mtimeMillis());
            ByteRange r = c.has("partNumber") ? partRange(c, s) : range(c, s);
            Response.ResponseBuilder b = ObjectBodies.ok(reader, r);
            partsCount(b, c, s);
            S3Meta.headers(b, s, c);
            versionHeader(b, p, s);
            int tags = S3AclTagging.count(s);
            if (tags > 0) {
                b.header("x-amz-tagging-count", Integer.toString(tags));
            }
            handedOver = true;
            return b.build();
        } finally {
            if (!handedOver) {
                reader.close();
            }
        }
    }

    Response head(S3Call c) {
        BucketProps p = buckets.props(c.bucket());
        ObjectId id = c.objectId();
        Response fwd = forwarder.forward(c, id);
        if (fwd != null) {
            return fwd;
        }
        ObjectStat s;
        try {
            s = objects.head(id);
        } catch (AisException e) {
            throw notFoundAsNoSuchKey(e, c.bucket(), c.key());
        }
        checkVersion(c, p, s);
        S3Conditions.check(c, S3Meta.etag(s), s.mtimeMillis());
        ByteRange r = c.has("partNumber") ? partRange(c, s) : null;
        Response.ResponseBuilder b = Response.status(r == null ? 200 : 206)
                .header("Content-Length", Long.toString(r == null ? s.size() : r.length()));
        if (r != null) {
            b.header("Content-Range", r.contentRange(s.size()));
        }
        partsCount(b, c, s);
        return versionHeader(S3Meta.headers(b, s, c), p, s).build();
    }

    /** The Range header resolved (null: whole object); a header S3 cannot parse is ignored, as S3 does. */
    static ByteRange range(S3Call c, ObjectStat s) {
        try {
            return ByteRange.parse(c.header("Range"), s.size());
        } catch (ByteRange.Unsatisfiable e) {
            throw new S3Exception(S3Error.InvalidRange, e.getMessage());
        } catch (ByteRange.Malformed e) {
            return null;
        }
    }

    /**
     * {@code ?partNumber=N}: that part of a multipart object (its layout is kept at completion), or the whole of
     * any other object for part 1. Null means the whole object.
     */
    static ByteRange partRange(S3Call c, ObjectStat s) {
        if (c.header("Range") != null) {
            throw new S3Exception(
                    S3Error.InvalidRequest, "Cannot specify both Range header and partNumber query " + "parameter");
        }
        int n;
        try {
            n = Integer.parseInt(c.param("partNumber").trim());
        } catch (NumberFormatException e) {
            throw new S3Exception(S3Error.InvalidArgument, "Part number must be an integer between 1 and 10000");
        }
        String layout = s.custom().get(PartLayout.KEY);
        if (layout == null) {
            if (n == 1) {
                return null;
            }
            throw new S3Exception(S3Error.InvalidPartNumber);
        }
        long[] p = PartLayout.range(layout, n);
        if (p == null || p[0] + p[1] > s.size()) {
            throw new S3Exception(S3Error.InvalidPartNumber);
        }
        return new ByteRange(p[0], p[1]);
    }

    private static void partsCount(Response.ResponseBuilder b, S3Call c, ObjectStat s) {
        int parts = PartLayout.count(s.custom().get(PartLayout.KEY));
        if (parts > 0 && c.has("partNumber")) {
            b.header("x-amz-mp-parts-count", Integer.toString(parts));
        }
    }

    /**
     * 204 whether or not the object existed. With {@code ?versionId=}, only that version is deleted: the current
     * one when the id is its id, else nothing (a version this store does not keep).
     */
    Response delete(S3Call c) {
        BucketProps p = buckets.props(c.bucket());
        ObjectId id = c.objectId();
        Response fwd = forwarder.forward(c, id);
        if (fwd != null) {
            return fwd;
        }
        String version = c.param("versionId");
        if (version != null) {
            String current;
            try {
                current = S3Buckets.versionId(p, objects.head(id));
            } catch (AisException e) {
                if (e.kind() != AisException.Kind.NOT_FOUND) {
                    throw e;
                }
                current = null;
            }
            if (!version.equals(current)) {
                return Response.noContent().header("x-amz-version-id", version).build();
            }
            deleteQuietly(id);
            return Response.noContent().header("x-amz-version-id", version).build();
        }
        deleteQuietly(id);
        return Response.noContent().build();
    }

    /** Deletes the local copy; false when there was none. */
    boolean deleteQuietly(ObjectId id) {
        try {
            objects.delete(id);
            return true;
        } catch (AisException e) {
            if (e.kind() == AisException.Kind.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    Response deleteMany(S3Call c) throws IOException {
        buckets.existing(c);
        return multiDelete.run(c, withContentMd5(c, c.body()));
    }

    /** CopyObject: COPY or REPLACE metadata, copy-source conditionals, same-object copy only with REPLACE. */
    Response copy(S3Call c) {
        buckets.existing(c);
        ObjectId dst = c.objectId();
        ObjectId src = copySource(c);
        buckets.existing(src.bucket().name());
        Response fwd = forwarder.forward(c, dst);
        if (fwd != null) {
            return fwd;
        }
        String directive = c.header("x-amz-metadata-directive");
        boolean replace = "REPLACE".equals(directive);
        if (directive != null && !replace && !"COPY".equals(directive)) {
            throw new S3Exception(S3Error.InvalidArgument, "Unknown metadata directive \"" + directive + "\"");
        }
        if (src.equals(dst) && !replace) {
            throw new S3Exception(
                    S3Error.InvalidRequest,
                    "This copy request is illegal because it is trying to "
                            + "copy an object to itself without changing the object's metadata, storage class, website "
                            + "redirect location or encryption attributes.");
        }
        try (ObjectReader reader = open(src)) {
            ObjectStat s = reader.stat();
            S3Conditions.checkCopySource(c, S3Meta.etag(s), s.mtimeMillis());
            Map<String, String> custom = replace ? S3Meta.fromRequest(c) : S3Meta.forCopy(s.custom());
            ObjectStat out;
            try (InputStream in = reader.stream()) {
                out = store(dst, in, s.size(), custom);
            } catch (IOException e) {
                throw new S3Exception(S3Error.InternalError, "copy of " + src.cname() + " failed: " + e, e);
            }
            return S3Responses.xml(new CopyObjectResult(S3Xml.time(out.mtimeMillis()), S3Meta.etag(out)));
        }
    }

    /** {@code x-amz-copy-source: [/]bucket/key[?versionId=...]}, URL-encoded. */
    static ObjectId copySource(S3Call c) {
        String raw = c.header("x-amz-copy-source");
        int q = raw.indexOf('?');
        if (q >= 0) {
            raw = raw.substring(0, q);
        }
        String s;
        try {
            s = PathNames.decode(raw.startsWith("/") ? raw.substring(1) : raw);
        } catch (IllegalArgumentException e) {
            throw new S3Exception(S3Error.InvalidArgument, "invalid x-amz-copy-source: " + e.getMessage());
        }
        int slash = s.indexOf('/');
        if (slash <= 0 || slash == s.length() - 1) {
            throw new S3Exception(S3Error.InvalidArgument, "x-amz-copy-source must be bucket/key");
        }
        return S3Call.objectId(s.substring(0, slash), s.substring(slash + 1));
    }

    ObjectReader open(ObjectId id) {
        try {
            return objects.open(id, false);
        } catch (AisException e) {
            throw notFoundAsNoSuchKey(e, id.bucket().name(), id.name());
        }
    }

    static RuntimeException notFoundAsNoSuchKey(AisException e, String bucket, String key) {
        if (e.kind() == AisException.Kind.NOT_FOUND && e.reason() != AisException.Reason.NO_SUCH_BUCKET) {
            return new S3Exception(S3Error.NoSuchKey, "object " + bucket + "/" + key + " does not exist", e);
        }
        return e;
    }

    /** Wraps the body with a Content-MD5 check when the header is present (InvalidDigest when malformed). */
    static InputStream withContentMd5(S3Call c, InputStream body) {
        String md5 = c.header("Content-MD5");
        if (md5 == null) {
            return body;
        }
        byte[] expected;
        try {
            expected = Base64.getDecoder().decode(md5.trim());
        } catch (IllegalArgumentException e) {
            throw new S3Exception(S3Error.InvalidDigest);
        }
        if (expected.length != 16) {
            throw new S3Exception(S3Error.InvalidDigest);
        }
        return new DigestVerifyingInputStream(body, "MD5", expected, S3Error.BadDigest);
    }
}
