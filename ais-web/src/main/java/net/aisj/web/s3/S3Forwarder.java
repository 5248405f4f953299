package net.aisj.web.s3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.aisj.cluster.IntraContract;
import net.aisj.connector.api.ObjectId;
import net.aisj.core.AisException;
import net.aisj.core.NodeInfo;
import net.aisj.service.LocalNode;
import net.aisj.service.ObjectService;
import net.aisj.service.s3.MultipartService;
import net.aisj.web.metrics.ForwardTraffic;
import net.aisj.web.s3.error.PayloadException;
import net.aisj.web.s3.error.S3Error;
import net.aisj.web.s3.error.S3Exception;
import net.aisj.web.s3.xml.S3Xml;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Object calls that reach a node which is not the object's HRW owner. S3 clients break on redirects, so by default
 * the call is streamed to the owner's S3 endpoint and the answer streamed back (no whole-object buffering). The
 * forwarded request carries the cluster secret (the owner trusts it: the signature was checked here, the body is
 * already decoded and verified while it streams) and {@value #FORWARDED}, so the owner serves it itself even if
 * its cluster map differs. With {@code ais.s3.redirect=true} the node answers 307 instead, as AIS does.
 */
@ApplicationScoped
public class S3Forwarder {

    /** Marks a call forwarded by another node: serve it here, never forward again. */
    public static final String FORWARDED = "Ais-S3-Forwarded";

    private static final Set<String> HOP = Set.of(
            "host",
            "connection",
            "content-length",
            "transfer-encoding",
            "expect",
            "upgrade",
            "keep-alive",
            "te",
            "trailer",
            "proxy-connection",
            "authorization",
            "x-amz-content-sha256",
            "x-amz-decoded-content-length",
            "x-amz-trailer",
            IntraContract.SECRET_HEADER.toLowerCase(Locale.ROOT),
            FORWARDED.toLowerCase(Locale.ROOT));
    private static final Set<String> HOP_RESPONSE =
            Set.of("connection", "transfer-encoding", "keep-alive", "content-length", "date", "server");

    @Inject
    ObjectService objects;

    @Inject
    LocalNode node;

    @Inject
    MultipartService mpu;

    @Inject
    ForwardTraffic traffic;

    @Inject
    @ConfigProperty(name = "ais.s3.redirect", defaultValue = "false")
    boolean redirect;

    /** Whether this call was forwarded to us by a cluster member (it must be served here). */
    boolean isForwarded(S3Call c) {
        return c.header(FORWARDED) != null && node.isIntraCaller(c.header(IntraContract.SECRET_HEADER));
    }

    /** The owner's answer when another node owns {@code id}; null when this node serves the call. */
    Response forward(S3Call c, ObjectId id) {
        return isForwarded(c) ? null : forward(c, objects.redirect(id));
    }

    /** The holder's answer when another target holds the multipart upload; null when this node serves the call. */
    Response forwardUpload(S3Call c, ObjectId id, String uploadId) {
        return isForwarded(c) ? null : forward(c, mpu.holder(id, uploadId));
    }

    private Response forward(S3Call c, Optional<NodeInfo> owner) {
        if (owner.isEmpty()) {
            return null;
        }
        String target = c.request().getRequestURI()
                + (c.request().getQueryString() == null ? "" : "?" + c.request().getQueryString());
        if (redirect) {
            return Response.temporaryRedirect(URI.create(net.aisj.web.auth.RedirectSigner.s3Location(
                            owner.get(),
                            c.request().getRequestURI(),
                            c.request().getQueryString())))
                    .build();
        }
        boolean withBody = c.method().equals("PUT") || c.method().equals("POST");
        Recording body = withBody ? new Recording(c.body()) : null;
        HttpResponse<InputStream> r;
        try {
            r = node.intra()
                    .forward(
                            owner.get(), c.method(), target, requestHeaders(c), body, withBody ? c.contentLength() : 0);
        } catch (AisException e) {
            // the body failed its verification here while streaming: the owner saw a cut request
            if (body != null && body.failure != null) {
                throw new S3Exception(body.failure.error(), body.failure.getMessage(), e);
            }
            throw e;
        }
        traffic.call();
        if (body != null) {
            traffic.sent(body.count);
        }
        return relay(r, c.method().equals("HEAD"), traffic);
    }

    /**
     * The same bucket-level call answered by every other target (served there locally): for listings that are
     * kept per target, such as multipart uploads; {@code query} replaces the client's query string. A target that
     * fails is an error (a partial answer would lie).
     */
    <T> List<T> fromOtherTargets(S3Call c, String query, Class<T> type) throws IOException {
        List<T> out = new ArrayList<>();
        String target = c.request().getRequestURI() + "?" + query;
        for (NodeInfo t : node.clusterMap().targets()) {
            if (t.id().equals(node.self().id())) {
                continue;
            }
            HttpResponse<InputStream> r =
                    node.intra().forward(t, "GET", target, Map.of(FORWARDED, List.of("1")), null, 0);
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    throw new S3Exception(
                            S3Error.ServiceUnavailable, "target " + t.displayName() + " answered " + r.statusCode());
                }
                out.add(S3Xml.read(in, type));
            }
        }
        return out;
    }

    /** Deletes {@code id} on its owner (DeleteObjects); a missing object is no error. */
    void delete(ObjectId id) {
        Optional<NodeInfo> owner = objects.redirect(id);
        if (owner.isEmpty()) {
            try {
                objects.delete(id);
            } catch (AisException e) {
                if (e.kind() != AisException.Kind.NOT_FOUND) {
                    throw e;
                }
            }
            return;
        }
        String path = "/" + S3Uris.encodePath(id.bucket().name()) + "/" + S3Uris.encodePath(id.name());
        HttpResponse<InputStream> r =
                node.intra().forward(owner.get(), "DELETE", path, Map.of(FORWARDED, List.of("1")), null, 0);
        try (InputStream in = r.body()) {
            if (r.statusCode() != 204 && r.statusCode() != 200) {
                String msg = new String(in.readNBytes(2048), java.nio.charset.StandardCharsets.UTF_8);
                throw new S3Exception(
                        r.statusCode() == 404 ? S3Error.NoSuchBucket : S3Error.InternalError,
                        "delete on " + owner.get().displayName() + " failed (" + r.statusCode() + "): " + msg);
            }
        } catch (IOException e) {
            throw new S3Exception(
                    S3Error.ServiceUnavailable, "delete on " + owner.get().displayName() + ": " + e);
        }
    }

    private static Map<String, List<String>> requestHeaders(S3Call c) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        c.headers().getRequestHeaders().forEach((k, v) -> {
            String lk = k.toLowerCase(Locale.ROOT);
            if (HOP.contains(lk)) {
                return;
            }
            if (lk.equals("content-encoding")) {
                List<String> kept = new ArrayList<>();
                for (String s : v) {
                    for (String t : s.split(",")) {
                        if (!t.trim().isEmpty() && !t.trim().equalsIgnoreCase("aws-chunked")) {
                            kept.add(t.trim());
                        }
                    }
                }
                if (!kept.isEmpty()) {
                    h.put(k, List.of(String.join(",", kept)));
                }
                return;
            }
            h.put(k, v);
        });
        h.put(FORWARDED, List.of("1"));
        return h;
    }

    private static Response relay(HttpResponse<InputStream> r, boolean head, ForwardTraffic traffic) {
        Response.ResponseBuilder b = Response.status(r.statusCode());
        r.headers().map().forEach((k, vs) -> {
            if (!HOP_RESPONSE.contains(k.toLowerCase(Locale.ROOT))) {
                vs.forEach(v -> b.header(k, v));
            }
        });
        r.headers().firstValue("Content-Length").ifPresent(v -> b.header("Content-Length", v));
        InputStream in = r.body();
        if (head || r.statusCode() == 204 || r.statusCode() == 304) {
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing to read
            }
            return b.build();
        }
        StreamingOutput out = o -> {
            try (in) {
                traffic.received(in.transferTo(o));
            }
        };
        return b.entity(out).build();
    }

    /** Remembers a rejected payload (hash, signature, checksum) seen while the body streams to the owner. */
    private static final class Recording extends java.io.FilterInputStream {
        volatile PayloadException failure;
        volatile long count; // written by the HTTP client thread that reads the body

        Recording(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                int b = super.read();
                count += b < 0 ? 0 : 1;
                return b;
            } catch (PayloadException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = super.read(b, off, len);
                count += Math.max(n, 0);
                return n;
            } catch (PayloadException e) {
                failure = e;
                throw e;
            }
        }
    }
}
