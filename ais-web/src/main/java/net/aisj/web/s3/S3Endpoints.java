package net.aisj.web.s3;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import net.aisj.web.common.PathNames;
import net.aisj.web.s3.error.S3Error;
import net.aisj.web.s3.error.S3Exception;

/**
 * The S3 routes, shared by the two path-style mounts ({@link S3RootResource} at {@code /},
 * {@link S3PrefixedResource} at {@code /s3}): dispatch on method and query parameters to the handlers. Keys are
 * decoded from the raw request path so that escapes reach validation unchanged.
 */
@jakarta.enterprise.inject.Vetoed // the mounts are the beans; keeps Jersey from trying this abstract class
public abstract class S3Endpoints {

    @Inject
    S3Buckets buckets;

    @Inject
    S3Objects objects;

    @Inject
    S3Listing listing;

    @Inject
    S3Multipart multipart;

    @Inject
    S3AclTagging acls;

    @Inject
    S3BucketCors cors;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @Context
    HttpServletRequest request;

    /** How many path segments precede the bucket (0 at the root, 1 under {@code /s3}). */
    protected abstract int leadingSegments();

    /** ListBuckets. */
    @GET
    public Response listBuckets() {
        return buckets.list(call("", "", InputStream.nullInputStream()));
    }

    @GET
    @Path("{bucket}")
    public Response getBucket(@PathParam("bucket") String bucket) throws IOException {
        S3Call c = call(bucket, "", InputStream.nullInputStream());
        if (c.has("location")) {
            return buckets.location(c);
        }
        if (c.has("versioning")) {
            return buckets.getVersioning(c);
        }
        if (c.has("uploads")) {
            return multipart.listUploads(c);
        }
        if (c.has("versions")) {
            return listing.versions(c);
        }
        if (c.has("acl")) {
            return acls.getBucketAcl(c);
        }
        if (c.has("cors")) {
            return cors.get(c);
        }
        rejectUnsupported(c);
        return listing.list(c);
    }

    @HEAD
    @Path("{bucket}")
    public Response headBucket(@PathParam("bucket") String bucket) {
        return buckets.head(call(bucket, "", InputStream.nullInputStream()));
    }

    @PUT
    @Path("{bucket}")
    @Consumes(MediaType.WILDCARD)
    public Response putBucket(@PathParam("bucket") String bucket, InputStream body) throws IOException {
        S3Call c = call(bucket, "", body);
        if (c.has("versioning")) {
            return buckets.putVersioning(c);
        }
        if (c.has("acl")) {
            return acls.putBucketAcl(c);
        }
        if (c.has("cors")) {
            return cors.put(c);
        }
        rejectUnsupported(c);
        S3AclTagging.checkCanned(c.header("x-amz-acl"));
        return buckets.create(c);
    }

    @DELETE
    @Path("{bucket}")
    public Response deleteBucket(@PathParam("bucket") String bucket) {
        S3Call c = call(bucket, "", InputStream.nullInputStream());
        if (c.has("cors")) {
            return cors.delete(c);
        }
        rejectUnsupported(c);
        return buckets.delete(c);
    }

    @POST
    @Path("{bucket}")
    @Consumes(MediaType.WILDCARD)
    public Response postBucket(@PathParam("bucket") String bucket, InputStream body) throws IOException {
        S3Call c = call(bucket, "", body);
        if (c.has("delete")) {
            return objects.deleteMany(c);
        }
        throw new S3Exception(S3Error.NotImplemented, "POST on a bucket supports only ?delete");
    }

    @GET
    @Path("{bucket}/{key: .+}")
    public Response getObject(@PathParam("bucket") String bucket) {
        S3Call c = call(bucket, key(), InputStream.nullInputStream());
        if (c.has("uploadId")) {
            return multipart.listParts(c);
        }
        if (c.has("acl")) {
            return acls.getObjectAcl(c);
        }
        if (c.has("tagging")) {
            return acls.getTagging(c);
        }
        rejectUnsupported(c);
        return objects.get(c);
    }

    @HEAD
    @Path("{bucket}/{key: .+}")
    public Response headObject(@PathParam("bucket") String bucket) {
        S3Call c = call(bucket, key(), InputStream.nullInputStream());
        return objects.head(c);
    }

    @PUT
    @Path("{bucket}/{key: .+}")
    @Consumes(MediaType.WILDCARD)
    public Response putObject(@PathParam("bucket") String bucket, InputStream body) throws IOException {
        S3Call c = call(bucket, key(), body);
        if (c.has("uploadId") || c.has("partNumber")) {
            return multipart.uploadPart(c);
        }
        if (c.has("acl")) {
            return acls.putObjectAcl(c);
        }
        if (c.has("tagging")) {
            return acls.putTagging(c);
        }
        rejectUnsupported(c);
        if (c.header("x-amz-copy-source") != null) {
            return objects.copy(c);
        }
        return objects.put(c);
    }

    @DELETE
    @Path("{bucket}/{key: .+}")
    public Response deleteObject(@PathParam("bucket") String bucket) {
        S3Call c = call(bucket, key(), InputStream.nullInputStream());
        if (c.has("uploadId")) {
            return multipart.abort(c);
        }
        if (c.has("tagging")) {
            return acls.deleteTagging(c);
        }
        return objects.delete(c);
    }

    @POST
    @Path("{bucket}/{key: .+}")
    @Consumes(MediaType.WILDCARD)
    public Response postObject(@PathParam("bucket") String bucket, InputStream body) throws IOException {
        S3Call c = call(bucket, key(), body);
        if (c.has("uploads")) {
            return multipart.create(c);
        }
        if (c.has("uploadId")) {
            return multipart.complete(c);
        }
        throw new S3Exception(S3Error.NotImplemented, "POST on an object supports only ?uploads and ?uploadId");
    }

    /** Sub-resources we do not implement answer NotImplemented rather than acting on the bucket or object. */
    private static void rejectUnsupported(S3Call c) {
        for (String q : new String[] {
            "acl",
            "policy",
            "cors",
            "lifecycle",
            "tagging",
            "website",
            "logging",
            "notification",
            "replication",
            "encryption",
            "object-lock",
            "retention",
            "legal-hold",
            "torrent",
            "requestPayment",
            "accelerate",
            "analytics",
            "inventory",
            "metrics",
            "ownershipControls",
            "publicAccessBlock",
            "intelligent-tiering",
            "restore",
            "select",
            "attributes"
        }) {
            if (c.has(q)) {
                throw new S3Exception(S3Error.NotImplemented, "?" + q + " is not supported");
            }
        }
    }

    private S3Call call(String bucket, String key, InputStream body) {
        if (leadingSegments() == 0 && S3BucketNames.RESERVED.contains(bucket)) {
            throw new NotFoundException();
        }
        return new S3Call(bucket, key, uri.getQueryParameters(), headers, body, request);
    }

    private String key() {
        try {
            return PathNames.tail(uri.getRequestUri().getRawPath(), leadingSegments() + 1);
        } catch (IllegalArgumentException e) {
            throw new S3Exception(S3Error.InvalidArgument, e.getMessage());
        }
    }
}
