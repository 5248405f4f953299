package net.aisj.web.s3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Comparator;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ListRequest;
import net.aisj.core.AisException;
import net.aisj.core.BucketProps;
import net.aisj.service.BucketService;
import net.aisj.service.ObjectListing;
import net.aisj.service.auth.CallerAccess;
import net.aisj.web.auth.AccessGate;
import net.aisj.web.s3.error.S3Error;
import net.aisj.web.s3.error.S3Exception;
import net.aisj.web.s3.xml.CreateBucketConfiguration;
import net.aisj.web.s3.xml.ListAllMyBucketsResult;
import net.aisj.web.s3.xml.LocationConstraint;
import net.aisj.web.s3.xml.Owner;
import net.aisj.web.s3.xml.S3Xml;
import net.aisj.web.s3.xml.VersioningConfiguration;

/**
 * Bucket calls: ListBuckets, CreateBucket, DeleteBucket, HeadBucket, GetBucketLocation, Get/PutBucketVersioning.
 * The buckets are the native API's {@code ais://} buckets (one {@link BucketService}).
 */
@ApplicationScoped
public class S3Buckets {

    /** The one region this store answers for. */
    public static final String REGION = "us-east-1";

    static final Owner OWNER = new Owner("ais", "ais");

    @Inject
    BucketService buckets;

    @Inject
    ObjectListing listing;

    @Inject
    CallerAccess callerAccess;

    Response list(S3Call c) {
        ListAllMyBucketsResult r = new ListAllMyBucketsResult();
        r.owner = OWNER;
        var meta = buckets.metadata();
        var claims = AccessGate.claims(c.request());
        buckets.list(BucketId.AIS).stream()
                .filter(b -> callerAccess.visible(claims, b))
                .sorted(Comparator.comparing(BucketId::name))
                .forEach(b -> {
                    long created = meta.get(b).map(BucketProps::created).orElse(0L) / 1_000_000L;
                    r.buckets.add(new ListAllMyBucketsResult.Bucket(b.name(), S3Xml.time(created), REGION));
                });
        return S3Responses.xml(r);
    }

    Response create(S3Call c) throws IOException {
        String problem = S3BucketNames.problem(c.bucket());
        if (problem != null) {
            throw new S3Exception(S3Error.InvalidBucketName, problem + ": " + c.bucket());
        }
        if (S3Responses.hasBody(c)) {
            S3Responses.readXml(c, CreateBucketConfiguration.class);
        }
        buckets.create(c.bucketId(), null); // an existing bucket: BUCKET_EXISTS, BucketAlreadyOwnedByYou
        return Response.ok().header("Location", "/" + c.bucket()).build();
    }

    Response delete(S3Call c) {
        BucketId id = existing(c);
        if (!listing.list(id, new ListRequest("", "", 1, false, true)).entries().isEmpty()) {
            throw new S3Exception(S3Error.BucketNotEmpty, "bucket " + c.bucket() + " is not empty");
        }
        buckets.destroy(id);
        return Response.noContent().build();
    }

    Response head(S3Call c) {
        existing(c);
        return Response.ok()
                .header("x-amz-bucket-region", REGION)
                .header("Server", "AIStore")
                .build();
    }

    Response location(S3Call c) {
        existing(c);
        return S3Responses.xml(new LocationConstraint(""));
    }

    Response getVersioning(S3Call c) {
        BucketId id = existing(c);
        VersioningConfiguration v = new VersioningConfiguration();
        v.status = buckets.props(id).versioning().enabled() ? "Enabled" : "Suspended";
        return S3Responses.xml(v);
    }

    Response putVersioning(S3Call c) throws IOException {
        BucketId id = existing(c);
        VersioningConfiguration v = S3Responses.readXml(c, VersioningConfiguration.class);
        boolean enable;
        if ("Enabled".equals(v.status)) {
            enable = true;
        } else if ("Suspended".equals(v.status)) {
            enable = false;
        } else {
            throw new S3Exception(
                    S3Error.IllegalVersioningConfigurationException, "Status must be Enabled or Suspended");
        }
        if (v.mfaDelete != null && v.mfaDelete.equals("Enabled")) {
            throw new S3Exception(S3Error.NotImplemented, "MFA delete is not supported");
        }
        buckets.setProps(
                id,
                p -> p.withVersioning(new BucketProps.Versioning(
                        enable, p.versioning().validateWarmGet(), p.versioning().synchronize())));
        return Response.ok().build();
    }

    /** The bucket, or NoSuchBucket. */
    BucketId existing(S3Call c) {
        return existing(c.bucket());
    }

    BucketId existing(String bucket) {
        BucketId id = S3Call.bucketId(bucket);
        props(bucket);
        return id;
    }

    /** The bucket's properties, or NoSuchBucket. */
    BucketProps props(String bucket) {
        BucketId id = S3Call.bucketId(bucket);
        try {
            return buckets.props(id);
        } catch (AisException e) {
            if (e.kind() == AisException.Kind.NOT_FOUND) {
                throw new S3Exception(S3Error.NoSuchBucket, "bucket " + bucket + " does not exist", e);
            }
            throw e;
        }
    }

    /**
     * An object's S3 version id: its AIS version in a bucket with versioning enabled, S3's {@code "null"} otherwise
     * (one version per key is kept either way).
     */
    static String versionId(BucketProps p, net.aisj.connector.api.ObjectStat s) {
        return p.versioning().enabled() && s.version() != null && !s.version().isEmpty() ? s.version() : "null";
    }
}
