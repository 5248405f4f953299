package net.aisj.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import net.aisj.connector.api.ObjectId;
import net.aisj.core.AisException;
import net.aisj.core.NodeInfo;

/**
 * The intra-cluster contract, defined once for both sides: the paths, query parameters and headers of the
 * {@code /v1/intra/...} endpoints (the servers in {@code net.aisj.web.intra} name their {@code @Path},
 * {@code @QueryParam} and {@code @HeaderParam} with these constants; the clients {@link IntraClient},
 * {@link EcIntra}, the dsort and archive clients build their requests with them) and how a peer's answer maps back
 * to a domain failure.
 *
 * <p>Status contract: 200 (206 for a range) is success; 404 means "this node does not have it"; 400 means the
 * request was wrong (a bug or a bad user value passed through); 409 with {@link #EC_REFUSED_HEADER} is an EC
 * refusal. Anything else, and a peer that cannot be reached, is UNAVAILABLE naming the peer: to the client the
 * cluster failed, not its request.
 */
public final class IntraContract {

    /** The intra-cluster root, relative to the application (as JAX-RS {@code @Path} takes it). */
    public static final String ROOT = "v1/intra";

    public static final String EC_ROOT = ROOT + "/ec";
    public static final String DSORT_ROOT = ROOT + "/dsort";
    public static final String DOWNLOAD_ROOT = ROOT + "/download";

    /** An object's bucket and name in a path, after the kind ({@code list}, {@code stat}, ...). */
    public static final String OBJECT_TEMPLATE = "{bucket}/{object: .+}";

    // paths under ROOT
    public static final String LIST = "list";
    public static final String STAT = "stat";
    public static final String OBJECTS = "objects";
    public static final String XACTIONS = "xactions";
    public static final String XACTIONS_START = "xactions/start";
    public static final String XACTIONS_RUN = "xactions/run";
    public static final String PING = "ping";
    /** What this target sees of a promote source (file count and digest), to tell a file share. */
    public static final String PROMOTE_SCAN = "promote/scan";

    public static final String SHUTDOWN = "shutdown";

    // paths under EC_ROOT
    public static final String EC_META = "meta";
    public static final String EC_SLICES = "slices";
    public static final String EC_JOBS = "jobs";

    // paths under DSORT_ROOT
    public static final String DSORT_START = "start";

    // downloads (DOWNLOAD_ROOT/...)
    public static final String DL_START = "start";
    public static final String DL_STATUS = "status";
    public static final String DL_LIST = "list";
    public static final String DL_ABORT = "abort";
    public static final String DL_REMOVE = "remove";
    public static final String P_ACTIVE = "active";
    public static final String DSORT_RECORDS = "records";
    public static final String DSORT_PLAN = "plan";
    public static final String DSORT_BUILT = "built";
    public static final String DSORT_FINISH = "finish";
    public static final String DSORT_PULL = "pull";
    public static final String DSORT_METRICS = "metrics";
    public static final String DSORT_LIST = "list";
    public static final String DSORT_JOB = "job";

    // query parameters
    public static final String P_PROVIDER = "provider";
    public static final String P_NAMESPACE = "namespace";
    public static final String P_ID = "id";
    public static final String P_KIND = "kind";
    public static final String P_BUCKET = "bucket";
    public static final String P_RUNNING = "running";
    public static final String P_VERIFY = "verify";
    public static final String P_GENERATION = "gen";
    public static final String P_PREFIX = "prefix";
    public static final String P_AFTER = "after";
    public static final String P_PAGESIZE = "pagesize";
    public static final String P_NORECURSE = "norecurse";
    public static final String P_NAMEONLY = "nameonly";
    public static final String P_COORDINATOR = "coord";
    public static final String P_TARGETS = "targets";
    public static final String P_NODE = "node";
    /** A delete record's time (wall-clock milliseconds) on {@code DELETE OBJECTS/...}. */
    public static final String P_DELETED_AT = "deleted_at";

    // headers
    /** The cluster secret every intra-cluster call carries; public callers do not know it. */
    public static final String SECRET_HEADER = "Ais-Intra-Secret";
    /** An object's metadata (JSON) sent with its bytes. */
    public static final String META_HEADER = "Ais-Intra-Meta";
    /** The job a pushed object counts in ({@link #XACT_COPY} for a copy into another bucket). */
    public static final String XACT_HEADER = "Ais-Intra-Xact";

    /**
     * On a {@code STAT} answered 404: when a client deleted the object on that node (wall-clock milliseconds), if it
     * still remembers (see {@code core.RecentDeletes}).
     */
    public static final String DELETED_AT_HEADER = "Ais-Intra-Deleted-At";

    public static final String XACT_COPY = "copy";
    /** Marks a bucket action another node forwarded to the node that runs it (archive: the archive's owner). */
    public static final String FORWARDED_HEADER = "Ais-Intra-Archive";
    /** An EC metafile, base64url. */
    public static final String EC_META_HEADER = "Ais-Ec-Meta";
    /** Set on a holder's refusal of a slice or replica: the newer generation it keeps. */
    public static final String EC_REFUSED_HEADER = "Ais-Ec-Refused";
    /** HTTP status of a refused slice or replica, told apart from other 409s by {@link #EC_REFUSED_HEADER}. */
    public static final int EC_REFUSED_STATUS = 409;

    private IntraContract() {}

    /** {@code /<root>/<kind>/<bucket>/<object segments>?provider=..[&namespace=..]}, every segment encoded. */
    public static String objectPath(String root, String kind, ObjectId id) {
        StringBuilder p = new StringBuilder("/")
                .append(root)
                .append('/')
                .append(kind)
                .append('/')
                .append(enc(id.bucket().name()));
        for (String seg : id.name().split("/", -1)) {
            p.append('/').append(enc(seg));
        }
        return p.append('?')
                .append(P_PROVIDER)
                .append('=')
                .append(enc(id.bucket().provider()))
                .append(
                        id.bucket().namespace().isEmpty()
                                ? ""
                                : "&" + P_NAMESPACE + "=" + enc(id.bucket().namespace()))
                .toString();
    }

    /** Percent-encoding for a path segment or query value (space as %20, never '+'). */
    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The domain failure for a peer's non-success answer to {@code what} (reads at most 2 KiB of the body). */
    public static AisException failure(NodeInfo peer, String what, int status, InputStream body) throws IOException {
        return failure(peer, what, status, new String(body.readNBytes(2048), StandardCharsets.UTF_8));
    }

    /** The domain failure for a peer's non-success answer to {@code what}, its body already read. */
    public static AisException failure(NodeInfo peer, String what, int status, String body) {
        AisException.Kind kind = status == 404
                ? AisException.Kind.NOT_FOUND
                : status == 400 ? AisException.Kind.BAD_REQUEST : AisException.Kind.UNAVAILABLE;
        return new AisException(kind, peer.displayName() + ": " + what + " failed (" + status + "): " + body);
    }

    /** The {@code message} of an AIS JSON error body, or the body as is when it is not one. */
    public static String errorMessage(String body) {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(body))) {
            return reader.readObject().getString("message", body);
        } catch (RuntimeException e) {
            return body;
        }
    }

    /** The domain failure for a peer that could not be reached or broke the connection. */
    public static AisException unreachable(NodeInfo peer, Exception e) {
        return new AisException(
                AisException.Kind.UNAVAILABLE,
                "target " + peer.displayName() + " at " + peer.publicUrl() + " is unreachable: " + e.getMessage(),
                e);
    }
}
