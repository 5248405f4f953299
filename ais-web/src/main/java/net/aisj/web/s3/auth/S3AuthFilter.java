package net.aisj.web.s3.auth;

import java.io.InputStream;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import net.aisj.cluster.IntraClient;
import net.aisj.service.StorageNode;
import net.aisj.web.s3.S3Call;
import net.aisj.web.s3.VirtualHostFilter;
import net.aisj.web.s3.error.S3Error;
import net.aisj.web.s3.error.S3ErrorResponses;
import net.aisj.web.s3.error.S3Exception;

/**
 * Authenticates every S3 route (SigV4 when credentials are configured, see {@link S3Credentials}) and prepares its
 * body: aws-chunked decoded (chunk signatures verified when signed), trailing or header {@code x-amz-checksum-*}
 * and a full-payload {@code x-amz-content-sha256} verified while the body streams, the decoded length published as
 * {@link S3Call#DECODED_LENGTH}. Calls forwarded by a cluster member (cluster secret) were checked by that member
 * and pass as they are. Every S3 response carries the request id ({@code x-amz-request-id}).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class S3AuthFilter implements ContainerRequestFilter, jakarta.ws.rs.container.ContainerResponseFilter {

    @Inject
    S3Credentials credentials;

    @Inject
    StorageNode node;

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext ctx) {
        String rawPath = ctx.getUriInfo().getRequestUri().getRawPath();
        if (!S3ErrorResponses.isS3Path(rawPath)) {
            return;
        }
        S3ErrorResponses.requestId(request);
        if (node.isIntraCaller(ctx.getHeaderString(IntraClient.SECRET_HEADER))) {
            return;
        }
        RequestAuthenticator.SignedRequest sr = new RequestAuthenticator.SignedRequest() {
            @Override
            public String method() {
                return ctx.getMethod();
            }

            @Override
            public String rawPath() {
                Object sent = ctx.getProperty(VirtualHostFilter.ORIGINAL_PATH);
                return sent instanceof String p ? p : rawPath;
            }

            @Override
            public String rawQuery() {
                return ctx.getUriInfo().getRequestUri().getRawQuery();
            }

            @Override
            public List<String> header(String name) {
                List<String> v = ctx.getHeaders().get(name);
                return v == null ? List.of() : v;
            }
        };
        RequestAuthenticator.Verified v = null;
        if (credentials.required()) {
            v = new RequestAuthenticator(credentials::secret).verify(sr, Instant.now());
        }
        preparePayload(ctx, v);
    }

    private void preparePayload(ContainerRequestContext ctx, RequestAuthenticator.Verified v) {
        String sha = ctx.getHeaderString("x-amz-content-sha256");
        InputStream body = ctx.getEntityStream();
        if (sha == null || sha.equals(SigV4.UNSIGNED_PAYLOAD)) {
            ctx.setEntityStream(withHeaderChecksum(ctx, body));
            return;
        }
        if (sha.startsWith("STREAMING-")) {
            long declared = decodedLength(ctx);
            request.setAttribute(S3Call.DECODED_LENGTH, declared);
            boolean signed = sha.equals(SigV4.STREAMING_SIGNED) || sha.equals(SigV4.STREAMING_SIGNED_TRAILER);
            boolean trailer = sha.endsWith("-TRAILER");
            if (!signed && !sha.equals(SigV4.STREAMING_UNSIGNED_TRAILER)) {
                throw new S3Exception(S3Error.NotImplemented, "x-amz-content-sha256 " + sha + " is not supported");
            }
            FlexibleChecksum ck = null;
            if (trailer) {
                String t = ctx.getHeaderString("x-amz-trailer");
                ck = t == null ? null : FlexibleChecksum.forHeader(t.trim());
            }
            ctx.setEntityStream(new AwsChunkedInputStream(body, signed && v != null ? v.signer() : null,
                    v == null ? null : v.signature(), ck, declared));
            return;
        }
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(sha);
        } catch (IllegalArgumentException e) {
            expected = null;
        }
        if (expected == null || expected.length != 32) {
            throw new S3Exception(S3Error.InvalidArgument, "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, "
                    + "STREAMING-... or the hex SHA-256 of the body");
        }
        ctx.setEntityStream(new DigestVerifyingInputStream(withHeaderChecksum(ctx, body), "SHA-256", expected,
                S3Error.XAmzContentSHA256Mismatch));
    }

    /** A whole-body {@code x-amz-checksum-<alg>} header is verified like a trailer. */
    private static InputStream withHeaderChecksum(ContainerRequestContext ctx, InputStream body) {
        for (String name : ctx.getHeaders().keySet()) {
            FlexibleChecksum ck = FlexibleChecksum.forHeader(name);
            if (ck != null) {
                return new FlexibleChecksumInputStream(body, ck, ctx.getHeaderString(name).trim());
            }
        }
        return body;
    }

    private static long decodedLength(ContainerRequestContext ctx) {
        String d = ctx.getHeaderString("x-amz-decoded-content-length");
        if (d == null) {
            return -1;
        }
        try {
            return Long.parseLong(d.trim());
        } catch (NumberFormatException e) {
            throw new S3Exception(S3Error.InvalidArgument, "invalid x-amz-decoded-content-length");
        }
    }

    @Override
    public void filter(ContainerRequestContext req, jakarta.ws.rs.container.ContainerResponseContext resp) {
        if (S3ErrorResponses.isS3Path(req.getUriInfo().getRequestUri().getRawPath())
                && !resp.getHeaders().containsKey("x-amz-request-id")) {
            String id = S3ErrorResponses.requestId(request);
            resp.getHeaders().putSingle("x-amz-request-id", id);
            resp.getHeaders().putSingle("x-amz-id-2", id);
        }
    }
}
