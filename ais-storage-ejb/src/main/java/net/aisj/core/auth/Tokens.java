package net.aisj.core.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Issues and checks AuthN tokens. By default with one RSA key: JWS RS256 with header {@code kid} (the key's RFC 7638
 * thumbprint) and {@code typ: JWT}. With an HMAC secret for issuing (AIS's AuthN {@code AIS_AUTHN_SECRET_KEY}):
 * HS256 instead. An HMAC secret for checking (AIS's {@code auth.signature.key}) makes HS256 tokens valid too,
 * whoever issued them (AIS's own AuthN with the same secret); without one an HS256 token is refused. Claims as AIS's ({@code sub}, {@code exp}, {@code iat}, {@code iss},
 * {@code aud}, {@code admin}, {@code clusters}, {@code buckets}, permissions as decimal strings) plus {@code jti}
 * and {@code groups}, so MicroProfile JWT could accept them too. Checking is offline: signature, {@code exp},
 * {@code sub}; revocation is the caller's (see {@link AuthnState#revoked()}). Immutable and thread-safe.
 */
public final class Tokens {

    private static final Set<JWSAlgorithm> RSA_ALGS =
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);

    /** RFC 7518 §3.2: an HS256 key has at least as many bits as the hash. */
    public static final int MIN_SECRET_BYTES = 32;

    private final RSAKey key;
    private final RSASSASigner signer;
    private final RSASSAVerifier verifier;
    private final MACSigner hmacSigner;
    private final MACVerifier hmacVerifier;

    /**
     * @param jwk the key as JWK JSON with its private part ({@link #newKey()})
     * @throws IllegalArgumentException not an RSA private JWK
     */
    public Tokens(String jwk) {
        this(jwk, null, null);
    }

    /**
     * @param jwk         the RSA key as JWK JSON with its private part ({@link #newKey()})
     * @param issueSecret the HMAC secret tokens are signed with (HS256), or null/empty for RS256
     * @param checkSecret the HMAC secret HS256 tokens are checked with, or null/empty to refuse HS256; the issue
     *                    secret when only that is given
     * @throws IllegalArgumentException not an RSA private JWK, or a secret under {@value #MIN_SECRET_BYTES} bytes
     */
    public Tokens(String jwk, String issueSecret, String checkSecret) {
        try {
            this.key = RSAKey.parse(jwk);
            this.signer = new RSASSASigner(key);
            this.verifier = new RSASSAVerifier(key.toRSAPublicKey());
        } catch (ParseException | JOSEException e) {
            throw new IllegalArgumentException("not an RSA private key JWK: " + e.getMessage(), e);
        }
        boolean issuesHmac = issueSecret != null && !issueSecret.isEmpty();
        String check = checkSecret != null && !checkSecret.isEmpty() ? checkSecret : issuesHmac ? issueSecret : null;
        try {
            this.hmacSigner = issuesHmac ? new MACSigner(secret(issueSecret)) : null;
            this.hmacVerifier = check == null ? null : new MACVerifier(secret(check));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("invalid HMAC secret: " + e.getMessage(), e);
        }
    }

    private static byte[] secret(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "an HS256 secret needs at least " + MIN_SECRET_BYTES + " bytes, got " + b.length);
        }
        return b;
    }

    /** The algorithm tokens are issued with: {@code HS256} or {@code RS256}. */
    public String algorithm() {
        return hmacSigner != null ? "HS256" : "RS256";
    }

    /** A new 2048-bit RSA signing key as JWK JSON (private part included), {@code kid} = its thumbprint. */
    public static String newKey() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyIDFromThumbprint(true)
                    .generate()
                    .toJSONString();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /** The key id. */
    public String keyId() {
        return key.getKeyID();
    }

    /** The public key set (RFC 7517 JSON), for {@code /.well-known/jwks.json}. */
    public String jwks() {
        return new JWKSet(key.toPublicJWK()).toString(true);
    }

    /** The public key as PEM (SubjectPublicKeyInfo), AIS's {@code GET /v1/public-key}. */
    public String publicKeyPem() {
        try {
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(key.toRSAPublicKey().getEncoded());
            return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A signed token for {@code c}.
     *
     * @param issuer   the {@code iss} (the AuthN URL)
     * @param audience the {@code aud} (cluster ids)
     * @param nowSec   the {@code iat}, unix seconds
     */
    public String issue(Claims c, String issuer, List<String> audience, long nowSec) {
        List<Map<String, Object>> clusters = new ArrayList<>();
        for (ClusterAcl a : c.clusters()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id());
            m.put("perm", Access.format(a.perm()));
            clusters.add(m);
        }
        List<Map<String, Object>> buckets = new ArrayList<>();
        for (BucketAcl b : c.buckets()) {
            Map<String, Object> ns = new LinkedHashMap<>();
            ns.put("uuid", b.nsUuid());
            ns.put("name", b.nsName());
            Map<String, Object> bck = new LinkedHashMap<>();
            bck.put("name", b.name());
            bck.put("provider", b.provider());
            bck.put("namespace", ns);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bck", bck);
            m.put("perm", Access.format(b.perm()));
            buckets.add(m);
        }
        JWTClaimsSet set = new JWTClaimsSet.Builder()
                .subject(c.subject())
                .expirationTime(new Date(c.expiresAt() * 1000))
                .issueTime(new Date(nowSec * 1000))
                .issuer(issuer)
                .audience(audience)
                .jwtID(UUID.randomUUID().toString())
                .claim("admin", c.admin())
                .claim("clusters", clusters)
                .claim("buckets", buckets)
                .claim("groups", List.of(c.admin() ? "ais-admin" : "ais-user"))
                .build();
        SignedJWT jwt = new SignedJWT(
                hmacSigner != null
                        ? new JWSHeader.Builder(JWSAlgorithm.HS256)
                                .type(JOSEObjectType.JWT)
                                .build()
                        : new JWSHeader.Builder(JWSAlgorithm.RS256)
                                .keyID(key.getKeyID())
                                .type(JOSEObjectType.JWT)
                                .build(),
                set);
        try {
            jwt.sign(hmacSigner != null ? hmacSigner : signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /**
     * The claims of a token this key signed, checked offline.
     *
     * @throws AuthException 401 for a malformed, foreign-signed, unsupported-algorithm or expired token, or one
     *                       without {@code sub}
     */
    public Claims verify(String token, long nowSec) {
        SignedJWT jwt;
        JWTClaimsSet set;
        try {
            jwt = SignedJWT.parse(token);
            set = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw AuthException.unauthenticated("invalid token: " + e.getMessage());
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        boolean hmac = JWSAlgorithm.HS256.equals(alg) && hmacVerifier != null;
        if (!RSA_ALGS.contains(alg) && !hmac) {
            throw AuthException.unauthenticated("invalid token: unsupported signing method " + alg);
        }
        try {
            if (!jwt.verify(hmac ? hmacVerifier : verifier)) {
                throw AuthException.unauthenticated("invalid token: signature verification failed");
            }
        } catch (JOSEException e) {
            throw AuthException.unauthenticated("invalid token: " + e.getMessage());
        }
        if (set.getSubject() == null || set.getSubject().isEmpty()) {
            throw AuthException.unauthenticated("invalid token: missing 'sub' claim");
        }
        if (set.getExpirationTime() == null) {
            throw AuthException.unauthenticated("invalid token: missing 'exp' claim");
        }
        long exp = set.getExpirationTime().getTime() / 1000;
        if (exp <= nowSec) {
            throw AuthException.unauthenticated("token expired");
        }
        try {
            Boolean admin = set.getBooleanClaim("admin");
            return new Claims(
                    set.getSubject(),
                    exp,
                    admin != null && admin,
                    clusterAcls(set.getListClaim("clusters")),
                    bucketAcls(set.getListClaim("buckets")));
        } catch (ParseException | ClassCastException | IllegalArgumentException e) {
            throw AuthException.unauthenticated("invalid token claims: " + e.getMessage());
        }
    }

    /** The expiry (unix seconds) a token says, without checking it; 0 when unreadable. */
    public static long expiryOf(String token) {
        try {
            Date exp = SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime();
            return exp == null ? 0 : exp.getTime() / 1000;
        } catch (ParseException e) {
            return 0;
        }
    }

    /** The revocation key of a token: hex SHA-256 of its text (AIS revokes by token, whatever its claims). */
    public static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ClusterAcl> clusterAcls(List<Object> raw) {
        List<ClusterAcl> out = new ArrayList<>();
        if (raw != null) {
            for (Object o : raw) {
                Map<?, ?> m = (Map<?, ?>) o;
                out.add(new ClusterAcl(str(m.get("id")), Access.parse(str(m.get("perm")))));
            }
        }
        return out;
    }

    private static List<BucketAcl> bucketAcls(List<Object> raw) {
        List<BucketAcl> out = new ArrayList<>();
        if (raw != null) {
            for (Object o : raw) {
                Map<?, ?> m = (Map<?, ?>) o;
                Map<?, ?> bck = m.get("bck") instanceof Map<?, ?> b ? b : Map.of();
                Map<?, ?> ns = bck.get("namespace") instanceof Map<?, ?> n ? n : Map.of();
                out.add(new BucketAcl(
                        str(bck.get("provider")),
                        str(bck.get("name")),
                        str(ns.get("uuid")),
                        str(ns.get("name")),
                        Access.parse(str(m.get("perm")))));
            }
        }
        return out;
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
