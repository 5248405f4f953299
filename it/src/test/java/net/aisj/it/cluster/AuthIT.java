package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Poll;
import net.aisj.it.support.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Auth on a 3-node cluster started with {@code auth.enabled=true} and a bootstrap administrator: the embedded AuthN
 * (login, cluster registration, roles, users, S3 keys, revocation) and enforcement on every node (401 without or
 * with a bad/expired/revoked token, 403 for what the user's roles do not allow, a signed redirect the owner checks,
 * S3 with an AuthN user's keys through the AWS SDK).
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthIT {

    static final String ADMIN = "admin";
    static final String PASS = "it-" + ItEnv.randomHex(6);
    static final Duration SPREAD = Duration.ofSeconds(30);

    static LocalCluster c;
    static AisClient admin;
    static String clusterId;
    static String own;
    static String other;
    static String shortLived;

    @BeforeAll
    static void setUp() {
        c = SharedFixtureless.start();
        admin = c.client(1);
        clusterId = c.smap(1).json().getString("uuid");
        own = ItEnv.bucketName("auth-own");
        other = ItEnv.bucketName("auth-other");
        admin.createBucket(own).expect(200);
        admin.createBucket(other).expect(200);
        putFollowing(admin, own, "seed", "seed").expect(200);
        putFollowing(admin, other, "seed", "x").expect(200);
        // the cluster registers itself and gets AIS's predefined roles
        authn(
                        1,
                        "POST",
                        "/authn/v1/clusters",
                        adminToken(),
                        "{\"id\":\"" + clusterId + "\",\"alias\":\"itc\",\"urls\":[\"" + c.url(1) + "\"]}")
                .expect(200);
        shortLived = login(2, ADMIN, PASS, Duration.ofMinutes(1).toNanos());
    }

    /** Starts the class's own cluster (auth on); the shared one runs with auth off. */
    static final class SharedFixtureless {
        static LocalCluster start() {
            LocalCluster lc = new LocalCluster("auth", 3)
                    .withEnv(Map.of("AUTH_ENABLED", "true", "AIS_AUTHN_SU_NAME", ADMIN, "AIS_AUTHN_SU_PASS", PASS));
            lc.withClientAuth(url -> Map.of("Authorization", "Bearer " + loginAt(url, ADMIN, PASS, null)));
            try {
                lc.start(1, 2, 3);
                lc.awaitSmap("3 nodes", LocalCluster.SMAP_TIMEOUT, s -> s.tmap().size() == 3);
                return lc;
            } catch (RuntimeException | AssertionError e) {
                lc.close();
                throw e;
            }
        }
    }

    @AfterAll
    static void tearDown() {
        if (c != null) {
            c.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    static String loginAt(String baseUrl, String user, String pass, Long expiresIn) {
        String body =
                "{\"password\":\"" + pass + "\"" + (expiresIn == null ? "" : ",\"expires_in\":" + expiresIn) + "}";
        Resp r = new AisClient(baseUrl)
                .send(
                        "POST",
                        "/authn/v1/users/" + user,
                        Map.of("Content-Type", "application/json"),
                        BodyPublishers.ofString(body),
                        AisClient.DEFAULT_TIMEOUT)
                .expect(200);
        return r.json().getString("token");
    }

    static String login(int slot, String user, String pass, Long expiresIn) {
        return loginAt(c.url(slot), user, pass, expiresIn);
    }

    static String adminToken() {
        return login(1, ADMIN, PASS, null);
    }

    static Resp authn(int slot, String method, String path, String token, String json) {
        Map<String, String> h = token == null
                ? Map.of("Content-Type", "application/json")
                : Map.of("Content-Type", "application/json", "Authorization", "Bearer " + token);
        return new AisClient(c.url(slot))
                .send(method, path, h, json == null ? null : BodyPublishers.ofString(json), AisClient.DEFAULT_TIMEOUT);
    }

    static AisClient as(int slot, String token) {
        return new AisClient(c.url(slot)).withDefaultHeaders(Map.of("Authorization", "Bearer " + token));
    }

    /** A PUT that follows the 307 to the owner the way HTTP clients do: without the Authorization header. */
    static Resp putFollowing(AisClient a, String b, String o, String data) {
        Resp r = a.put(b, o, data.getBytes(StandardCharsets.UTF_8));
        if (r.status() != 307) {
            return r;
        }
        return send(r.header("Location"), "PUT", data);
    }

    static Resp getFollowing(AisClient a, String b, String o) {
        Resp r = a.get(b, o);
        return r.status() == 307 ? send(r.header("Location"), "GET", null) : r;
    }

    static Resp send(String url, String method, String data) {
        URI u = URI.create(url);
        return new AisClient(u.getScheme() + "://" + u.getRawAuthority())
                .send(
                        method,
                        u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()),
                        Map.of(),
                        data == null ? null : BodyPublishers.ofString(data),
                        AisClient.DEFAULT_TIMEOUT);
    }

    static String addUser(String user, String pass, String... roles) {
        StringBuilder rs = new StringBuilder();
        for (String r : roles) {
            rs.append(rs.length() == 0 ? "" : ",")
                    .append("{\"name\":\"")
                    .append(r)
                    .append("\"}");
        }
        authn(
                        2,
                        "POST",
                        "/authn/v1/users",
                        adminToken(),
                        "{\"id\":\"" + user + "\",\"pass\":\"" + pass + "\",\"roles\":[" + rs + "]}")
                .expect(200);
        return login(3, user, pass, null);
    }

    static void assertAisError(Resp r, int status) {
        r.expect(status);
        assertThat(r.json().getString("message")).isNotBlank();
    }

    // ------------------------------------------------------------------ tests

    @Test
    @Order(1)
    void adminManagesAuthnFromAnyNode() {
        JsonObject clusters =
                authn(3, "GET", "/authn/v1/clusters", null, null).expect(200).json();
        assertThat(clusters.getJsonObject("clusters").getJsonObject(clusterId).getString("alias"))
                .isEqualTo("itc");
        // one cluster by its id or by its alias, as AIS's AuthN looks it up (AIS's Python SDK asks by alias)
        for (String key : List.of(clusterId, "itc")) {
            assertThat(authn(1, "GET", "/authn/v1/clusters/" + key, null, null)
                            .expect(200)
                            .text())
                    .contains(clusterId);
        }
        assertAisError(authn(1, "GET", "/authn/v1/clusters/nosuch", null, null), 404);
        Resp roles = authn(2, "GET", "/authn/v1/roles", null, null).expect(200);
        assertThat(roles.text()).contains("Guest-itc", "BucketOwner-itc", "ClusterOwner-itc");
        // a non-admin cannot list users (AIS answers 401); nobody can log in with a wrong password
        String reader = addUser("reader" + ItEnv.randomHex(3), "pw-reader", "Guest-itc");
        assertAisError(authn(1, "GET", "/authn/v1/users", reader, null), 401);
        assertAisError(authn(1, "POST", "/authn/v1/users/" + ADMIN, null, "{\"password\":\"wrong\"}"), 401);
        assertThat(authn(1, "GET", "/authn/v1/users", adminToken(), null)
                        .expect(200)
                        .json())
                .containsKey(ADMIN);
        assertThat(authn(2, "GET", "/authn/.well-known/jwks.json", null, null)
                        .expect(200)
                        .text())
                .contains("\"kty\":\"RSA\"");
        assertThat(authn(2, "GET", "/authn/.well-known/openid-configuration", null, null)
                        .expect(200)
                        .json()
                        .getString("jwks_uri"))
                .endsWith("/authn/.well-known/jwks.json");
    }

    @Test
    @Order(2)
    void withoutATokenEveryNodeAnswers401() {
        for (int s = 1; s <= 3; s++) {
            AisClient anon = new AisClient(c.url(s));
            assertAisError(anon.listBuckets(), 401);
            assertAisError(anon.get(own, "seed"), 401);
            assertAisError(anon.put(own, "x", new byte[] {1}), 401);
            anon.health().expect(200);
        }
    }

    @Test
    @Order(3)
    void readOnlyUserReadsButCannotWriteOrDelete() {
        String t = addUser("ro" + ItEnv.randomHex(3), "pw-ro", "Guest-itc");
        for (int s = 1; s <= 3; s++) {
            AisClient ro = as(s, t);
            assertThat(getFollowing(ro, own, "seed").expect(200).text()).isEqualTo("seed");
            assertThat(ro.listNames(own, "")).contains("seed");
            assertAisError(ro.put(own, "denied", new byte[] {1}), 403);
            assertAisError(ro.delete(own, "seed"), 403);
            assertAisError(ro.destroyBucket(own), 403);
            // Guest has no cluster bits: listing buckets needs LIST-BUCKETS
            assertAisError(ro.listBuckets(), 403);
        }
        getFollowing(admin, own, "seed").expect(200);
    }

    @Test
    @Order(4)
    void bucketScopedUserSeesOnlyItsBucket() {
        String role = "own-rw-" + ItEnv.randomHex(3);
        authn(
                        1,
                        "POST",
                        "/authn/v1/roles",
                        adminToken(),
                        "{\"name\":\"" + role + "\",\"desc\":\"rw on one bucket\",\"buckets\":[{\"bck\":{\"name\":\""
                                + own + "\",\"provider\":\"ais\",\"namespace\":{\"uuid\":\"" + clusterId
                                + "\",\"name\":\"\"}},\"perm\":\"831\"}]}")
                .expect(200);
        String t = addUser("scoped" + ItEnv.randomHex(3), "pw-scoped", role);
        AisClient u = as(2, t);
        putFollowing(u, own, "by-scoped", "mine").expect(200);
        assertThat(getFollowing(u, own, "by-scoped").expect(200).text()).isEqualTo("mine");
        assertAisError(u.get(other, "seed"), 403);
        assertAisError(u.put(other, "x", new byte[] {1}), 403);
        assertAisError(u.listObjectsRaw(other, new net.aisj.it.support.Lso.Msg(), false), 403);
    }

    @Test
    @Order(5)
    void revokedTokenIsRefusedByEveryNode() {
        String t = addUser("rv" + ItEnv.randomHex(3), "pw-rv", "Guest-itc");
        for (int s = 1; s <= 3; s++) {
            getFollowing(as(s, t), own, "seed").expect(200);
        }
        authn(3, "DELETE", "/authn/v1/tokens", null, "{\"token\":\"" + t + "\"}")
                .expect(200);
        for (int s = 1; s <= 3; s++) {
            AisClient a = as(s, t);
            Poll.until(
                    SPREAD,
                    "node" + s + " refuses the revoked token",
                    () -> a.get(own, "seed").status() == 401);
        }
    }

    @Test
    @Order(6)
    void tamperedOrForeignSignedTokensAre401() throws Exception {
        String t = login(1, ADMIN, PASS, null);
        String[] p = t.split("\\.");
        String forged = p[0] + "." + b64("{\"sub\":\"admin\",\"admin\":true,\"exp\":4102444800}") + "." + p[2];
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        var kp = g.generateKeyPair();
        String signingInput = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "."
                + b64("{\"sub\":\"admin\",\"admin\":true,\"exp\":4102444800}");
        Signature sig = Signature.getInstance("SHA256withRSA");
        sig.initSign(kp.getPrivate());
        sig.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        String foreign =
                signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig.sign());
        for (int s = 1; s <= 3; s++) {
            assertAisError(as(s, forged).listBuckets(), 401);
            assertAisError(as(s, foreign).listBuckets(), 401);
            as(s, t).listBuckets().expect(200);
        }
    }

    @Test
    @Order(7)
    void aTargetServesARedirectOnlyWithItsSignature() {
        // find an object owned by another node than node 1
        Resp r = null;
        for (int i = 0; i < 50; i++) {
            r = admin.put(own, "redir-" + i, new byte[] {7});
            if (r.status() == 307) {
                break;
            }
            r.expect(200);
        }
        assertThat(r.status()).as("some object is owned by another node").isEqualTo(307);
        String location = r.header("Location");
        assertThat(location).contains("ais_rsig=");
        String unsigned = location.substring(0, location.indexOf("ais_rexp=") - 1);
        assertAisError(send(unsigned, "PUT", "x"), 401);
        String tampered = location.substring(0, location.length() - 4) + "0000";
        assertAisError(send(tampered, "PUT", "x"), 401);
        // the same signature does not let another method through
        assertAisError(send(location, "DELETE", null), 401);
        send(location, "PUT", "x").expect(200);
    }

    @Test
    @Order(8)
    void s3WithAnAuthnUsersKeysAndTheSameRules() {
        String role = "s3-own-" + ItEnv.randomHex(3);
        authn(
                        1,
                        "POST",
                        "/authn/v1/roles",
                        adminToken(),
                        "{\"name\":\"" + role + "\",\"buckets\":[{\"bck\":{\"name\":\"" + own
                                + "\",\"provider\":\"ais\",\"namespace\":{\"uuid\":\"\",\"name\":\"\"}},\"perm\":\"831\"}]}")
                .expect(200);
        String user = "s3u" + ItEnv.randomHex(3);
        String token = addUser(user, "pw-s3", role);
        JsonObject key = authn(2, "POST", "/authn/v1/users/" + user + "/s3-keys", token, null)
                .expect(200)
                .json();
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(c.url(3)))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(key.getString("access_key"), key.getString("secret_key"))))
                .build()) {
            s3.putObject(b -> b.bucket(own).key("s3/obj"), RequestBody.fromString("via-s3"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(own).key("s3/obj")).asUtf8String())
                    .isEqualTo("via-s3");
            assertThatThrownBy(() -> s3.putObject(b -> b.bucket(other).key("s3/obj"), RequestBody.fromString("no")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    });
        }
        // a wrong secret for a known key is refused by the signature check
        try (S3Client bad = S3Client.builder()
                .endpointOverride(URI.create(c.url(1)))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(key.getString("access_key"), "not-the-secret")))
                .build()) {
            assertThatThrownBy(() -> bad.getObjectAsBytes(b -> b.bucket(own).key("s3/obj")))
                    .isInstanceOfSatisfying(
                            S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
        // no credentials: S3's AccessDenied, not 401
        Resp anon = new AisClient(c.url(2)).send("GET", "/" + own + "/s3/obj");
        anon.expect(403);
        assertThat(anon.text()).contains("<Code>AccessDenied</Code>");
        // AIS's path: the JWT as the AWS session token
        Resp viaToken = new AisClient(c.url(2))
                .send(
                        "GET",
                        "/" + own + "/s3/obj",
                        Map.of("X-Amz-Security-Token", token),
                        null,
                        AisClient.DEFAULT_TIMEOUT);
        viaToken.expect(200);
        assertThat(viaToken.text()).isEqualTo("via-s3");
    }

    /**
     * The Java client (issue 19) with an AuthN user's credentials: it logs in when the cluster first answers 401 and
     * sends its token to each object's owner directly (smart routing: no redirect, so no redirect signature); a
     * read-only user's write is refused with AIS's 403; a fixed token works the same.
     */
    @Test
    @Order(8)
    void theJavaClientLogsInAndRoutesToOwnersWithItsToken() {
        String user = "jc" + ItEnv.randomHex(3);
        addUser(user, "pw-jc", "Admin");
        net.aisj.client.AisClient jc = net.aisj.client.AisClient.builder()
                .endpoint(c.url(2))
                .credentials(user, "pw-jc".toCharArray())
                .build();
        net.aisj.client.Bucket b = jc.bucket(own);
        for (int i = 0; i < 6; i++) {
            b.put("jc/" + i, ("v" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 6; i++) {
            try (java.io.InputStream in = b.get("jc/" + i)) {
                assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                        .isEqualTo("v" + i);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        assertThat(jc.retries())
                .as("straight to the owners, nothing refused and resent")
                .isZero();

        String roToken = addUser("jcro" + ItEnv.randomHex(3), "pw-jcro", "Guest-itc");
        net.aisj.client.AisClient ro = net.aisj.client.AisClient.builder()
                .endpoint(c.url(3))
                .token(roToken)
                .build();
        assertThat(ro.bucket(own).head("jc/1").size()).isEqualTo(2);
        assertThatThrownBy(() -> ro.bucket(own).put("jc/denied", new byte[] {1}))
                .isInstanceOfSatisfying(
                        net.aisj.client.AisClientException.class,
                        e -> assertThat(e.status()).isEqualTo(403));

        net.aisj.client.AisClient wrong = net.aisj.client.AisClient.builder()
                .endpoint(c.url(1))
                .credentials(user, "not-the-password".toCharArray())
                .build();
        assertThatThrownBy(() -> wrong.bucket(own).head("jc/1"))
                .isInstanceOfSatisfying(
                        net.aisj.client.AisClientException.class,
                        e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    @Order(9)
    void expiredTokenIsRefusedByEveryNode() {
        for (int s = 1; s <= 3; s++) {
            AisClient a = as(s, shortLived);
            Poll.until(
                    Duration.ofSeconds(150),
                    "node" + s + " refuses the expired token",
                    () -> a.listBuckets().status() == 401);
        }
        Resp r = as(1, shortLived).listBuckets();
        assertAisError(r, 401);
        assertThat(r.json().getString("message")).contains("expired");
        List.of(own, other).forEach(b -> admin.destroyQuietly(b));
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
