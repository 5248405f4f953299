package net.aisj.web.s3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import net.aisj.cluster.IntraContract;
import net.aisj.service.LocalNode;
import net.aisj.web.common.PathNames;
import net.aisj.web.common.ServletHeaders;
import net.aisj.web.common.ServletResponses;
import net.aisj.web.s3.auth.RequestAuthenticator;
import net.aisj.web.s3.auth.S3RequestGuard;
import net.aisj.web.s3.error.S3Error;
import net.aisj.web.s3.error.S3ErrorResponses;
import net.aisj.web.s3.error.S3Exception;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The S3 data path on the servlet, before JAX-RS: path-style GetObject, HeadObject and PutObject without a query
 * string. The request is admitted as on the JAX-RS path ({@link S3RequestGuard}: SigV4, payload hashes, aws-chunked)
 * and served by the same handlers ({@link S3Objects}: conditionals, ranges, metadata, forwarding to the owner), whose
 * response is written straight into the servlet response; errors are S3's XML documents. Everything else (queries,
 * presigned URLs, virtual-hosted or {@code /s3}-prefixed addressing, CopyObject, CORS) is left to JAX-RS, untouched.
 * Thread-safe (stateless).
 */
@ApplicationScoped
public class DirectS3Calls {

    @Inject
    S3Objects objects;

    @Inject
    S3RequestGuard guard;

    @Inject
    LocalNode node;

    @Inject
    @ConfigProperty(name = "ais.s3.domains")
    Optional<String> domains;

    /**
     * Serves the call if it is a plain object GET/HEAD/PUT of the S3 API.
     *
     * @return the payload bytes of a served call (0 for HEAD and errors), or -1 when JAX-RS must serve it (then
     *         nothing was read or written)
     * @throws IOException when the client is gone or the object fails mid-stream (the response is cut)
     */
    public long serve(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!accepts(req)) {
            return -1;
        }
        String method = req.getMethod();
        String raw = req.getRequestURI();
        int slash = raw.indexOf('/', 1);
        String id = S3ErrorResponses.requestId(req);
        try {
            S3Call c = call(req, raw, slash);
            Response r = switch (method) {
                case "GET" -> objects.get(c);
                case "HEAD" -> objects.head(c);
                default -> objects.put(c);
            };
            long written = ServletResponses.write(withRequestId(r, id), resp);
            return method.equals("PUT") ? Math.max(0, c.contentLength()) : written;
        } catch (IOException e) {
            if (resp.isCommitted()) {
                throw e;
            }
            resp.reset();
            ServletResponses.write(S3ErrorResponses.toResponse(e, req), resp);
        } catch (RuntimeException e) {
            if (resp.isCommitted()) {
                throw new IOException("response cut after it started: " + e.getMessage(), e);
            }
            resp.reset();
            ServletResponses.write(S3ErrorResponses.toResponse(e, req), resp);
        }
        return 0;
    }

    /**
     * True when {@link #serve} serves this call (a path-style GetObject, HeadObject or PutObject without a query);
     * looks at the request line and headers only (no I/O), so a transport can route with it before reading the body.
     */
    public boolean accepts(HttpServletRequest req) {
        String method = req.getMethod();
        String raw = req.getRequestURI();
        int slash = raw.indexOf('/', 1);
        return (method.equals("GET") || method.equals("HEAD") || method.equals("PUT"))
                && slash >= 2
                && slash != raw.length() - 1
                && S3ErrorResponses.isS3Path(raw)
                && (req.getQueryString() == null || req.getQueryString().isEmpty())
                && !S3BucketNames.RESERVED.contains(raw.substring(1, slash))
                && req.getHeader("Origin") == null
                && !(method.equals("PUT") && req.getHeader("x-amz-copy-source") != null)
                && !virtualHosted(req);
    }

    private S3Call call(HttpServletRequest req, String raw, int slash) throws IOException {
        String bucket;
        String key;
        try {
            bucket = PathNames.decode(raw.substring(1, slash));
            key = PathNames.tail(raw, 1);
        } catch (IllegalArgumentException e) {
            throw new S3Exception(S3Error.InvalidArgument, e.getMessage());
        }
        InputStream body = req.getMethod().equals("PUT") ? req.getInputStream() : InputStream.nullInputStream();
        if (!node.isIntraCaller(req.getHeader(IntraContract.SECRET_HEADER))) {
            body = guard.admit(signed(req, raw), Collections.list(req.getHeaderNames()), body, req);
        }
        return new S3Call(bucket, key, new MultivaluedHashMap<>(), new ServletHeaders(req), body, req);
    }

    private static RequestAuthenticator.SignedRequest signed(HttpServletRequest req, String raw) {
        return new RequestAuthenticator.SignedRequest() {
            @Override
            public String method() {
                return req.getMethod();
            }

            @Override
            public String rawPath() {
                return raw;
            }

            @Override
            public String rawQuery() {
                return null;
            }

            @Override
            public List<String> header(String name) {
                return Collections.list(req.getHeaders(name));
            }
        };
    }

    private boolean virtualHosted(HttpServletRequest req) {
        return domains.isPresent()
                && !domains.get().isBlank()
                && VirtualHostFilter.bucketOf(req.getHeader("Host"), VirtualHostFilter.parse(domains.get())) != null;
    }

    private static Response withRequestId(Response r, String id) {
        if (r.getHeaders().containsKey("x-amz-request-id")) {
            return r;
        }
        return Response.fromResponse(r)
                .header("x-amz-request-id", id)
                .header("x-amz-id-2", id)
                .build();
    }
}
