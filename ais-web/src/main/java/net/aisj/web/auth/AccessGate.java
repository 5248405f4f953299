package net.aisj.web.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import java.util.Collection;
import java.util.Optional;
import java.util.function.UnaryOperator;
import net.aisj.cluster.IntraContract;
import net.aisj.connector.api.BucketId;
import net.aisj.core.auth.Access;
import net.aisj.core.auth.AuthException;
import net.aisj.core.auth.Claims;
import net.aisj.core.auth.Permissions;
import net.aisj.core.auth.RedirectSignature;
import net.aisj.service.LocalNode;
import net.aisj.service.auth.AuthnDirectory;
import net.aisj.service.auth.AuthnService;
import net.aisj.service.auth.CallerAccess;
import net.aisj.web.nat.AisErrors;
import net.aisj.web.nat.Bck;
import net.aisj.web.s3.auth.S3Credentials;
import net.aisj.web.s3.error.S3Error;
import net.aisj.web.s3.error.S3ErrorResponses;

/**
 * Decides whether one call may proceed (AIS's proxy checks), for every listener of the node:
 *
 * <ul>
 *   <li>calls from cluster members (the cluster secret) and open paths ({@link AccessRules.Need#open}) pass;
 *   <li>auth off ({@code auth.enabled=false}): only the bucket's {@code access} mask applies (writes and deletes);
 *   <li>auth on: a call redirected here by a node of the cluster passes on its signature
 *       ({@link RedirectSignature}; the redirecting node checked the caller); else the caller is the token of
 *       {@code Authorization: Bearer}, of {@code X-Amz-Security-Token} (header or presigned query), or, on S3, the
 *       AuthN user owning the SigV4 access key (the signature itself is verified by the S3 guard); then AIS's
 *       rules ({@link Permissions}).
 * </ul>
 *
 * Denials are AIS JSON (401 no/invalid/expired/revoked credentials, 403 not allowed) on native calls and S3's
 * {@code AccessDenied} (403) on S3 calls. Thread-safe.
 */
@ApplicationScoped
public class AccessGate {

    @Inject
    AuthnService authn;

    @Inject
    LocalNode node;

    @Inject
    S3Credentials s3Credentials;

    @Inject
    CallerAccess access;

    @Inject
    AuthnDirectory directory;

    /** The request attribute with the caller's {@link Claims} once checked (absent when auth is off). */
    public static final String CLAIMS = "ais.auth.claims";

    /**
     * Checks a call.
     *
     * @param header the request's header by (case-insensitive) name
     * @param action the {@code action} of a native JSON control body, or null
     * @return the error response when denied; empty when the call may proceed
     */
    public Optional<Response> check(
            HttpServletRequest req,
            String method,
            String rawPath,
            String rawQuery,
            UnaryOperator<String> header,
            String action) {
        if (AccessRules.isAuthnPath(rawPath) || node.isIntraCaller(header.apply(IntraContract.SECRET_HEADER))) {
            return Optional.empty();
        }
        boolean s3 = S3ErrorResponses.isS3Path(rawPath);
        AccessRules.Need need = s3
                ? AccessRules.s3Call(method, rawPath, rawQuery)
                : AccessRules.nativeCall(method, rawPath, rawQuery, action);
        if (need.open()) {
            return Optional.empty();
        }
        try {
            Optional<Claims> claims = Optional.empty();
            if (authn.enabled()) {
                if (RedirectSignature.present(rawQuery)) {
                    if (RedirectSignature.valid(
                            node.redirectKey(), method, rawPath, rawQuery, System.currentTimeMillis() / 1000)) {
                        return Optional.empty();
                    }
                    throw AuthException.unauthenticated("invalid or expired redirect signature");
                }
                claims = Optional.of(caller(s3, rawQuery, header));
                req.setAttribute(CLAIMS, claims.get());
            }
            Optional<Permissions.Target> target = target(need);
            String cid = claims.isPresent() ? authn.clusterId() : "";
            Permissions.check(claims, cid, target, need.perms());
            if (s3 && method.equals("PUT")) {
                // CopyObject / UploadPartCopy read the source: GET on its bucket (AIS's prxs3 copy)
                String src = AccessRules.copySourceBucket(header.apply("x-amz-copy-source"));
                if (src != null) {
                    Permissions.check(claims, cid, target(new AccessRules.Need(false, 0, src, null, null)), Access.GET);
                }
            }
            return Optional.empty();
        } catch (AuthException e) {
            if (s3) {
                return Optional.of(S3ErrorResponses.response(S3Error.AccessDenied, e.getMessage(), req));
            }
            return Optional.of(AisErrors.response(
                    e.status(), e.getMessage(), req, node.self().id()));
        }
    }

    /**
     * Checks {@code perms} on each of {@code buckets} for a caller {@link #check} let through: calls whose buckets
     * are in their body (Get-Batch items, a download's destination). Calls from cluster members, and redirected
     * calls the redirecting node checked, pass.
     *
     * @return the error response (AIS JSON) when denied; empty when allowed
     */
    public Optional<Response> checkBuckets(HttpServletRequest req, Collection<BucketId> buckets, long perms) {
        Optional<Claims> claims = claims(req);
        if (authn.enabled() && claims.isEmpty()) {
            return Optional.empty();
        }
        try {
            String cid = claims.isPresent() ? authn.clusterId() : "";
            for (BucketId b : buckets) {
                Permissions.check(claims, cid, Optional.of(access.target(b)), perms);
            }
            return Optional.empty();
        } catch (AuthException e) {
            return Optional.of(AisErrors.response(
                    e.status(), e.getMessage(), req, node.self().id()));
        }
    }

    /** The caller's claims the gate left on {@code req} (empty when auth is off or the call passed unchecked). */
    public static Optional<Claims> claims(HttpServletRequest req) {
        return req.getAttribute(CLAIMS) instanceof Claims c ? Optional.of(c) : Optional.empty();
    }

    /** Checks a servlet request (the direct object path; no JSON body is looked at). */
    public Optional<Response> check(HttpServletRequest req) {
        return check(req, req.getMethod(), req.getRequestURI(), req.getQueryString(), req::getHeader, null);
    }

    private Claims caller(boolean s3, String rawQuery, UnaryOperator<String> header) {
        String token = bearer(header.apply("Authorization"));
        if (token == null) {
            token = jwt(header.apply("X-Amz-Security-Token"));
        }
        if (token == null && s3) {
            token = jwt(queryValue(rawQuery, "X-Amz-Security-Token"));
        }
        if (token != null) {
            return authn.verify(token);
        }
        if (s3) {
            String ak = accessKey(header.apply("Authorization"), rawQuery);
            if (ak != null) {
                Optional<AuthnDirectory.KeyOwner> owner = directory.s3KeyOwner(ak);
                if (owner.isPresent()) {
                    return owner.get().claims();
                }
                if (s3Credentials.secret(ak).isPresent()) {
                    // an operator's static key (ais.s3.credentials): full access, as before auth was on
                    return new Claims(ak, Long.MAX_VALUE / 2, true, java.util.List.of(), java.util.List.of());
                }
                throw AuthException.unauthenticated("unknown access key " + ak);
            }
        }
        throw AuthException.unauthenticated("token required (Authorization: Bearer <token>)");
    }

    private Optional<Permissions.Target> target(AccessRules.Need need) {
        if (need.bucket() == null || need.bucket().isEmpty()) {
            return Optional.empty();
        }
        BucketId id;
        try {
            id = Bck.of(need.bucket(), need.provider(), need.namespace());
        } catch (RuntimeException e) {
            // an invalid name: the resource answers 400; nothing of a bucket to protect
            return Optional.of(new Permissions.Target(
                    need.provider() == null ? BucketId.AIS : need.provider(), need.bucket(), Access.ALL));
        }
        return Optional.of(access.target(id));
    }

    private static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String a = authorization.trim();
        if (a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String t = a.substring(7).trim();
            return t.isEmpty() ? null : t;
        }
        return null;
    }

    /** A JWT (three dot-separated parts); an AWS session token of another kind is not ours. */
    private static String jwt(String v) {
        return v != null && v.chars().filter(ch -> ch == '.').count() == 2 ? v.trim() : null;
    }

    private static String accessKey(String authorization, String rawQuery) {
        if (authorization != null) {
            int i = authorization.indexOf("Credential=");
            if (i >= 0) {
                int end = authorization.indexOf('/', i);
                return end > i ? authorization.substring(i + "Credential=".length(), end) : null;
            }
        }
        String cred = queryValue(rawQuery, "X-Amz-Credential");
        if (cred != null) {
            int slash = cred.indexOf('/');
            return slash > 0 ? cred.substring(0, slash) : null;
        }
        return null;
    }

    private static String queryValue(String rawQuery, String name) {
        return AccessRules.query(rawQuery).get(name);
    }
}
