package net.aisj.web.s3.error;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.aisj.core.AisException;
import net.aisj.service.s3.MultipartException;
import net.aisj.web.s3.xml.ErrorDocument;

/**
 * Builds S3 error responses and decides which requests get them: every route outside the native API ({@code /v1})
 * is an S3 route (path style at {@code /s3/...} and at the root). The native exception mappers delegate here for S3
 * routes, so one table ({@link S3Error}) serves every failure.
 */
public final class S3ErrorResponses {

    /** Request attribute holding the request id (also sent as {@code x-amz-request-id}). */
    public static final String REQUEST_ID = "ais.s3.request-id";

    private static final Logger LOG = Logger.getLogger(S3ErrorResponses.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private S3ErrorResponses() {}

    /** Whether {@code path} (the request URI's path) is served by the S3 API. */
    public static boolean isS3Path(String path) {
        return path != null
                && !(path.equals("/v1") || path.startsWith("/v1/") || net.aisj.web.auth.AccessRules.isAuthnPath(path));
    }

    public static boolean isS3(HttpServletRequest req) {
        return req != null && isS3Path(req.getRequestURI());
    }

    /** The request's id, created on first use. */
    public static String requestId(HttpServletRequest req) {
        Object id = req == null ? null : req.getAttribute(REQUEST_ID);
        if (id instanceof String s) {
            return s;
        }
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        String s = HexFormat.of().withUpperCase().formatHex(b);
        if (req != null) {
            req.setAttribute(REQUEST_ID, s);
        }
        return s;
    }

    /** The S3 response for any failure on an S3 route. */
    public static Response toResponse(Throwable e, HttpServletRequest req) {
        S3Exception s3 = translate(e, req);
        if (s3.error().status() >= 500) {
            LOG.log(
                    Level.WARNING,
                    (req == null ? "" : req.getMethod() + " " + req.getRequestURI()) + ": " + s3.getMessage(),
                    e);
        }
        Response r = response(s3.error(), s3.getMessage(), req);
        if (s3.headers().isEmpty()) {
            return r;
        }
        Response.ResponseBuilder b = Response.fromResponse(r);
        s3.headers().forEach(b::header);
        return b.build();
    }

    /** The error document (no body for HEAD and 304), with the request id headers. */
    public static Response response(S3Error error, String message, HttpServletRequest req) {
        String id = requestId(req);
        Response.ResponseBuilder b = Response.status(error.status())
                .header("x-amz-request-id", id)
                .header("x-amz-id-2", id)
                .header("Server", "AIStore");
        if (error == S3Error.NotModified || (req != null && "HEAD".equals(req.getMethod()))) {
            return b.build();
        }
        String resource = req == null ? "" : req.getRequestURI();
        return b.type("application/xml")
                .entity(ErrorDocument.xml(error.code(), message, resource, id))
                .build();
    }

    /** Finds the S3 meaning of a failure: an S3 error, a rejected body, a domain error or a JAX-RS status. */
    static S3Exception translate(Throwable e, HttpServletRequest req) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof S3Exception s) {
                return s;
            }
            if (t instanceof PayloadException p) {
                return new S3Exception(p.error(), p.getMessage());
            }
        }
        if (e instanceof AisException a) {
            return fromDomain(a, req);
        }
        if (e instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            return switch (status) {
                case 404 ->
                    new S3Exception(S3Error.NoSuchKey, "no such resource: " + (req == null ? "" : req.getRequestURI()));
                case 405 -> new S3Exception(S3Error.MethodNotAllowed);
                case 411 -> new S3Exception(S3Error.MissingContentLength);
                case 415, 406, 400 -> new S3Exception(S3Error.InvalidRequest, w.getMessage());
                default ->
                    status < 500
                            ? new S3Exception(S3Error.InvalidRequest, w.getMessage())
                            : new S3Exception(S3Error.InternalError, w.getMessage(), w);
            };
        }
        if (e instanceof IllegalArgumentException) {
            return new S3Exception(S3Error.InvalidArgument, e.getMessage());
        }
        return new S3Exception(S3Error.InternalError, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    private static S3Exception fromDomain(AisException a, HttpServletRequest req) {
        if (a instanceof MultipartException m) {
            return new S3Exception(
                    switch (m.problem()) {
                        case NO_SUCH_UPLOAD -> S3Error.NoSuchUpload;
                        case INVALID_PART -> S3Error.InvalidPart;
                        case INVALID_PART_ORDER -> S3Error.InvalidPartOrder;
                        case ENTITY_TOO_SMALL -> S3Error.EntityTooSmall;
                        case MALFORMED -> S3Error.MalformedXML;
                    },
                    m.getMessage(),
                    m);
        }
        return new S3Exception(fromReason(a), a.getMessage(), a);
    }

    /** The one place a domain failure's S3 code is chosen: from its reason, else from its kind. */
    public static S3Error fromReason(AisException a) {
        return switch (a.reason()) {
            case NO_SUCH_BUCKET -> S3Error.NoSuchBucket;
            case NO_SUCH_OBJECT -> S3Error.NoSuchKey;
            case BUCKET_EXISTS -> S3Error.BucketAlreadyOwnedByYou;
            case BUCKET_NOT_EMPTY -> S3Error.BucketNotEmpty;
            case NAME_TOO_LONG -> S3Error.KeyTooLongError;
            case INVALID_NAME -> S3Error.InvalidArgument;
            case INCOMPLETE_BODY -> S3Error.IncompleteBody;
            case BAD_CHECKSUM -> S3Error.BadDigest;
            case UNSPECIFIED -> fromKind(a.kind());
        };
    }

    private static S3Error fromKind(AisException.Kind kind) {
        return switch (kind) {
            case BAD_REQUEST -> S3Error.InvalidArgument;
            case NOT_FOUND -> S3Error.NoSuchKey;
            case CONFLICT -> S3Error.InvalidRequest;
            case PRECONDITION_FAILED -> S3Error.PreconditionFailed;
            case RANGE_NOT_SATISFIABLE -> S3Error.InvalidRange;
            case UNAVAILABLE -> S3Error.ServiceUnavailable;
            case INSUFFICIENT_STORAGE -> S3Error.InsufficientStorage;
            case INTERNAL -> S3Error.InternalError;
        };
    }
}
