package net.aisj.web.s3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectStat;
import net.aisj.core.AisException;
import net.aisj.service.ObjectService;
import net.aisj.web.s3.error.S3Error;
import net.aisj.web.s3.error.S3Exception;
import net.aisj.web.s3.xml.AccessControlPolicy;
import net.aisj.web.s3.xml.S3Xml;
import net.aisj.web.s3.xml.Tagging;

/**
 * ACLs and object tags. ACLs are answered, not enforced: every bucket and object answers the owner-full-control
 * policy S3 clients read back after a PUT, and canned ACLs ({@code x-amz-acl}) and grant bodies are accepted and
 * dropped (access is SigV4 credentials only). Object tags are stored with the object as custom metadata under
 * {@value #TAGS} (URL-query form, as the {@code x-amz-tagging} header carries them) and counted in
 * {@code x-amz-tagging-count} on GET.
 */
@ApplicationScoped
public class S3AclTagging {

    /** The custom metadata key of an object's tags ("" once deleted). */
    static final String TAGS = S3Meta.PREFIX + "tagging";

    /** S3's canned ACLs. */
    static final Set<String> CANNED = Set.of(
            "private",
            "public-read",
            "public-read-write",
            "aws-exec-read",
            "authenticated-read",
            "bucket-owner-read",
            "bucket-owner-full-control",
            "log-delivery-write");

    /** S3's limits: 10 tags per object, keys to 128 and values to 256 characters. */
    static final int MAX_TAGS = 10;

    @Inject
    S3Buckets buckets;

    @Inject
    S3Forwarder forwarder;

    @Inject
    ObjectService objects;

    /** GetBucketAcl. */
    Response getBucketAcl(S3Call c) {
        buckets.existing(c);
        return ownerFullControl();
    }

    /** PutBucketAcl: a canned ACL or a grant body, accepted and not enforced. */
    Response putBucketAcl(S3Call c) throws IOException {
        buckets.existing(c);
        acceptAcl(c);
        return Response.ok().build();
    }

    Response getObjectAcl(S3Call c) {
        buckets.existing(c);
        ObjectId id = c.objectId();
        Response fwd = forwarder.forward(c, id);
        if (fwd != null) {
            return fwd;
        }
        stat(c, id);
        return ownerFullControl();
    }

    Response putObjectAcl(S3Call c) throws IOException {
        buckets.existing(c);
        ObjectId id = c.objectId();
        Response fwd = forwarder.forward(c, id);
        if (fwd != null) {
            return fwd;
        }
        stat(c, id);
        acceptAcl(c);
        return Response.ok().build();
    }

    /** The one policy this store answers: the owner has full control (written as is: it needs {@code xsi:type}). */
    static Response ownerFullControl() {
        String id = S3Buckets.OWNER.id;
        String name = S3Buckets.OWNER.displayName;
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<AccessControlPolicy xmlns=\"" + S3Xml.NS + "\"><Owner><ID>" + id + "</ID><DisplayName>" + name
                + "</DisplayName></Owner><AccessControlList><Grant>"
                + "<Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\">"
                + "<ID>" + id + "</ID><DisplayName>" + name + "</DisplayName></Grantee>"
                + "<Permission>FULL_CONTROL</Permission></Grant></AccessControlList></AccessControlPolicy>";
        return Response.ok(xml, S3Responses.XML).build();
    }

    /** Checks a canned ACL header (InvalidArgument when S3 does not know it) and a grant body (MalformedXML). */
    static void acceptAcl(S3Call c) throws IOException {
        checkCanned(c.header("x-amz-acl"));
        if (S3Responses.hasBody(c)) {
            S3Responses.readXml(c, AccessControlPolicy.class);
        }
    }

    /** A PUT's or CreateBucket's {@code x-amz-acl}: known values are accepted (not enforced). */
    static void checkCanned(String acl) {
        if (acl != null && !CANNED.contains(acl.trim())) {
            throw new S3Exception(S3Error.InvalidArgument, "unknown canned ACL \"" + acl + "\"");
        }
    }

    Response getTagging(S3Call c) {
        buckets.existing(c);
        ObjectId id = c.objectId();
        Response fwd = forwarder.forward(c, id);
        if (fwd != null) {
            return fwd;
        }
        Tagging t = new Tagging();
        parse(stat(c, id).custom().get(TAGS)).forEach((k, v) -> t.tags.add(new Tagging.Tag(k, v)));
        return S3Responses.xml(t);
    }

    Response putTagging(S3Call c) throws IOException {
        buckets.existing(c);
        ObjectId id = c.objectId();
        Response fwd = forwarder.forward(c, id);
        if (fwd != null) {
            return fwd;
        }
        Tagging t = S3Responses.readXml(c, Tagging.class);
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tagging.Tag tag : t.tags) {
            if (tag.key == null || tags.put(tag.key, tag.value == null ? "" : tag.value) != null) {
                throw new S3Exception(S3Error.InvalidTag, "Cannot provide multiple Tags with the same key");
            }
        }
        stat(c, id);
        objects.setCustom(id, Map.of(TAGS, format(tags)), false);
        return Response.ok().build();
    }

    Response deleteTagging(S3Call c) {
        buckets.existing(c);
        ObjectId id = c.objectId();
        Response fwd = forwarder.forward(c, id);
        if (fwd != null) {
            return fwd;
        }
        stat(c, id);
        objects.setCustom(id, Map.of(TAGS, ""), false);
        return Response.noContent().build();
    }

    /** The tags a PutObject stores from {@code x-amz-tagging} (URL-query form), checked; null when none. */
    static String fromHeader(S3Call c) {
        String h = c.header("x-amz-tagging");
        if (h == null || h.isEmpty()) {
            return null;
        }
        return format(parse(h));
    }

    /** {@code x-amz-tagging-count} of a stored object, or 0. */
    static int count(ObjectStat s) {
        return parse(s.custom().get(TAGS)).size();
    }

    /** Tags from URL-query form ({@code k1=v1&k2=v2}), checked against S3's limits (InvalidTag). */
    static Map<String, String> parse(String query) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return tags;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k;
            String v;
            try {
                k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new S3Exception(S3Error.InvalidTag, "tags are not URL-encoded: " + e.getMessage());
            }
            if (tags.put(k, v) != null) {
                throw new S3Exception(S3Error.InvalidTag, "Cannot provide multiple Tags with the same key");
            }
        }
        check(tags);
        return tags;
    }

    private static void check(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw new S3Exception(S3Error.BadRequest, "Object tags cannot be greater than " + MAX_TAGS);
        }
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().length() > 128) {
                throw new S3Exception(S3Error.InvalidTag, "The TagKey you have provided is invalid");
            }
            if (e.getValue().length() > 256) {
                throw new S3Exception(S3Error.InvalidTag, "The TagValue you have provided is invalid");
            }
        }
    }

    static String format(Map<String, String> tags) {
        check(tags);
        StringBuilder b = new StringBuilder();
        tags.forEach((k, v) -> b.append(b.length() == 0 ? "" : "&")
                .append(S3Uris.encode(k, false))
                .append('=')
                .append(S3Uris.encode(v, false)));
        return b.toString();
    }

    private ObjectStat stat(S3Call c, ObjectId id) {
        try {
            return objects.head(id);
        } catch (AisException e) {
            throw S3Objects.notFoundAsNoSuchKey(e, c.bucket(), c.key());
        }
    }
}
