package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.AwsCli;
import net.aisj.it.support.Browser;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Poll;
import net.aisj.it.support.Ports;
import net.aisj.it.support.Resp;
import net.aisj.it.support.SharedNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
    /**
     * AIS's {@code auth.signature.key}: HS256 tokens of another AuthN with this secret are valid too; it is the
     * secret the shared node's AuthN issues its tokens with (the remote AuthN of the registration tests).
     */
    static final String HS_SECRET = SharedNode.AUTHN_SECRET;

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
                    .withEnv(Map.of(
                            "AUTH_ENABLED",
                            "true",
                            "AIS_AUTHN_SU_NAME",
                            ADMIN,
                            "AIS_AUTHN_SU_PASS",
                            PASS,
                            "AUTH_SIGNATURE_KEY",
                            HS_SECRET));
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
        return at(c.url(slot), method, path, token, json);
    }

    /** A JSON call to any node ({@code token} null: none). */
    static Resp at(String baseUrl, String method, String path, String token, String json) {
        Map<String, String> h = token == null
                ? Map.of("Content-Type", "application/json")
                : Map.of("Content-Type", "application/json", "Authorization", "Bearer " + token);
        return new AisClient(baseUrl)
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

    /**
     * HS256 (AIS's AuthN with a secret): a token signed with the configured {@code auth.signature.key} is checked
     * offline by every node with its ACLs; one signed with another secret is 401. The embedded AuthN keeps issuing
     * RS256 (no {@code AIS_AUTHN_SECRET_KEY} here).
     */
    @Test
    @Order(6)
    void hs256TokensOfTheConfiguredSecretAreCheckedByEveryNode() throws Exception {
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String claims = b64("{\"sub\":\"hs-user\",\"exp\":" + (System.currentTimeMillis() / 1000 + 600)
                + ",\"admin\":false,\"clusters\":[{\"id\":\"" + clusterId + "\",\"perm\":\"" + (771 | 4096) + "\"}]}");
        String good = hmacSigned(header + "." + claims, HS_SECRET);
        String wrong = hmacSigned(header + "." + claims, HS_SECRET + "-other");
        for (int s = 1; s <= 3; s++) {
            as(s, good).listBuckets().expect(200);
            assertThat(getFollowing(as(s, good), own, "seed").expect(200).text())
                    .isEqualTo("seed");
            assertAisError(as(s, good).put(own, "hs-denied", new byte[] {1}), 403);
            assertAisError(as(s, wrong).listBuckets(), 401);
        }
        String issued = login(1, ADMIN, PASS, null);
        assertThat(new String(
                        Base64.getUrlDecoder().decode(issued.substring(0, issued.indexOf('.'))),
                        StandardCharsets.UTF_8))
                .contains("\"RS256\"");
    }

    static String hmacSigned(String signingInput, String secret) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signingInput + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
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

    /**
     * AIS's registration handshake with another AuthN (the shared node's: HS256 with the secret this cluster trusts):
     * it reads the cluster's id at the given URL and refuses a wrong one, refuses a URL that does not answer and a
     * cluster that does not accept its tokens (this cluster's AuthN registering the shared node, which does not know
     * its key); its users' HS256 tokens work on every node of this cluster; a token it revokes is sent to this
     * cluster and refused by every node; one revoked while this cluster was not registered is sent on registration.
     */
    @Test
    @Order(8)
    void aRemoteAuthnChecksTheClusterItRegistersAndSendsItsRevocations() {
        String remote = SharedNode.get().baseUrl();
        String rAdmin = loginAt(remote, SharedNode.AUTHN_ADMIN, SharedNode.AUTHN_PASS, null);
        assertThat(jwtHeader(rAdmin)).as("AIS_AUTHN_SECRET_KEY: issued HS256").contains("\"HS256\"");
        String alias = "remote" + ItEnv.randomHex(3);
        String reg = "{\"id\":\"%s\",\"alias\":\"" + alias + "\",\"urls\":[%s]}";
        try {
            Resp wrongId = at(
                    remote,
                    "POST",
                    "/authn/v1/clusters",
                    rAdmin,
                    reg.formatted("not-" + clusterId, "\"" + c.url(2) + "\""));
            assertAisError(wrongId, 400);
            assertThat(wrongId.json().getString("message")).contains(clusterId);
            Resp dead = at(
                    remote,
                    "POST",
                    "/authn/v1/clusters",
                    rAdmin,
                    reg.formatted(clusterId, "\"http://127.0.0.1:" + Ports.freePort() + "\""));
            assertAisError(dead, 400);
            String sharedId = new AisClient(remote)
                    .send("GET", "/v1/daemon?what=smap")
                    .expect(200)
                    .json()
                    .getString("uuid");
            Resp untrusting = authn(
                    1,
                    "POST",
                    "/authn/v1/clusters",
                    adminToken(),
                    "{\"id\":\"" + sharedId + "\",\"alias\":\"shared" + ItEnv.randomHex(3) + "\",\"urls\":[\"" + remote
                            + "\"]}");
            assertAisError(untrusting, 400);
            assertThat(untrusting.json().getString("message")).contains("401");
            assertAisError(at(remote, "GET", "/authn/v1/clusters/" + alias, null, null), 404);

            // a dead URL first, then a live one: the first that answers is used
            at(
                            remote,
                            "POST",
                            "/authn/v1/clusters",
                            rAdmin,
                            reg.formatted(
                                    clusterId, "\"http://127.0.0.1:" + Ports.freePort() + "\",\"" + c.url(3) + "\""))
                    .expect(200);
            String user = "remote" + ItEnv.randomHex(3);
            at(
                            remote,
                            "POST",
                            "/authn/v1/users",
                            rAdmin,
                            "{\"id\":\"" + user + "\",\"pass\":\"pw-remote\",\"roles\":[{\"name\":\"Guest-" + alias
                                    + "\"}]}")
                    .expect(200);
            String t0 = loginAt(remote, user, "pw-remote", null);
            String t1 = loginAt(remote, user, "pw-remote", null);
            for (int s = 1; s <= 3; s++) {
                assertThat(getFollowing(as(s, t0), own, "seed").expect(200).text())
                        .isEqualTo("seed");
                assertAisError(as(s, t0).put(own, "remote-denied", new byte[] {1}), 403);
            }
            at(remote, "DELETE", "/authn/v1/tokens", null, "{\"token\":\"" + t0 + "\"}")
                    .expect(200);
            for (int s = 1; s <= 3; s++) {
                AisClient a = as(s, t0);
                Poll.until(
                        SPREAD,
                        "node" + s + " refuses the token the remote AuthN revoked",
                        () -> a.get(own, "seed").status() == 401);
            }
            getFollowing(as(1, t1), own, "seed").expect(200);

            // revoked while this cluster is not registered: nothing is sent, until it registers again
            at(remote, "DELETE", "/authn/v1/clusters/" + alias, rAdmin, null).expect(200);
            at(remote, "DELETE", "/authn/v1/tokens", null, "{\"token\":\"" + t1 + "\"}")
                    .expect(200);
            getFollowing(as(2, t1), own, "seed").expect(200);
            at(remote, "POST", "/authn/v1/clusters", rAdmin, reg.formatted(clusterId, "\"" + c.url(1) + "\""))
                    .expect(200);
            for (int s = 1; s <= 3; s++) {
                AisClient a = as(s, t1);
                Poll.until(
                        SPREAD,
                        "node" + s + " refuses the token revoked before registration",
                        () -> a.get(own, "seed").status() == 401);
            }
        } finally {
            at(remote, "DELETE", "/authn/v1/clusters/" + alias, rAdmin, null);
        }
    }

    /**
     * Rules that need a bucket from the body or the query: {@code POST /v1/download} needs read-write on the
     * destination bucket (the download runs and lands there; a reader and a user of another bucket get 403);
     * {@code GET /v1/events} needs LIST-OBJECTS on {@code bucket=} or on every bucket without it.
     */
    @Test
    @Order(8)
    void downloadNeedsReadWriteOnItsBucketAndEventsNeedList() {
        AisClient shared = SharedNode.client();
        String src = ItEnv.bucketName("auth-dl-src");
        shared.createBucket(src).expect(200);
        try {
            shared.put(src, "f.txt", "downloaded".getBytes(StandardCharsets.UTF_8))
                    .expect(200);
            String link = SharedNode.get().baseUrl() + "/v1/objects/" + src + "/f.txt";
            String role = "dl-rw-" + ItEnv.randomHex(3);
            authn(
                            1,
                            "POST",
                            "/authn/v1/roles",
                            adminToken(),
                            "{\"name\":\"" + role + "\",\"buckets\":[{\"bck\":{\"name\":\"" + own
                                    + "\",\"provider\":\"ais\",\"namespace\":{\"uuid\":\"\",\"name\":\"\"}},"
                                    + "\"perm\":\"831\"}]}")
                    .expect(200);
            String writer = addUser("dlw" + ItEnv.randomHex(3), "pw-dlw", role);
            String reader = addUser("dlr" + ItEnv.randomHex(3), "pw-dlr", "Guest-itc");
            String job = "{\"type\":\"single\",\"bucket\":{\"name\":\"%s\"},\"object_name\":\"dl/f.txt\",\"link\":\""
                    + link + "\"}";
            authn(2, "POST", "/v1/download", writer, job.formatted(own)).expect(200);
            Poll.until(
                    SPREAD,
                    "the download lands in " + own,
                    () -> getFollowing(admin, own, "dl/f.txt").status() == 200);
            assertThat(getFollowing(admin, own, "dl/f.txt").text()).isEqualTo("downloaded");
            assertAisError(authn(2, "POST", "/v1/download", writer, job.formatted(other)), 403);
            assertAisError(authn(3, "POST", "/v1/download", reader, job.formatted(own)), 403);

            authn(1, "GET", "/v1/events?bucket=" + own, reader, null).expect(200);
            authn(1, "GET", "/v1/events?bucket=" + own, writer, null).expect(200);
            assertAisError(authn(1, "GET", "/v1/events?bucket=" + other, writer, null), 403);
            assertAisError(authn(1, "GET", "/v1/events", writer, null), 403);
            authn(1, "GET", "/v1/events", reader, null).expect(200);
        } finally {
            shared.destroyQuietly(src);
        }
    }

    /**
     * ETL with auth on: initializing one needs ADMIN (a reader gets 403); the transformer reads the object back
     * through its node's per-ETL secret path ({@code AIS_TARGET_URL}, hpull) without any token, so a reader's inline
     * GET through it works on every node; that path with a wrong secret stays refused (403, it never takes a token).
     */
    @Test
    @Order(8)
    void etlTransformersReachTheirNodeThroughTheSecretPathWithAuthOn() throws Exception {
        String reader = addUser("etlr" + ItEnv.randomHex(3), "pw-etlr", "Guest-itc");
        String etl = net.aisj.it.etl.Transformers.name("auth-md5");
        String spec = net.aisj.it.etl.Transformers.spec(etl, "hpull://", "1m", Map.of("TRANSFORM", "md5"));
        assertAisError(net.aisj.it.etl.Transformers.init(as(1, reader), spec), 403);
        net.aisj.it.etl.Transformers.init(admin, spec).expect(200);
        try {
            String md5 = java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("MD5")
                            .digest("seed".getBytes(StandardCharsets.UTF_8)));
            for (int s = 1; s <= 3; s++) {
                Resp r = as(s, reader).send("GET", AisClient.objPath(own, "seed") + "?etl_name=" + etl);
                Resp got = r.status() == 307 ? send(r.header("Location"), "GET", null) : r;
                assertThat(got.status()).as("node %d: %s", s, got.text()).isEqualTo(200);
                assertThat(got.text()).isEqualTo(md5);
            }
            assertAisError(
                    new AisClient(c.url(1)).send("GET", AisClient.objPath(own, "seed") + "?etl_name=" + etl), 401);
            assertThat(new AisClient(c.url(2))
                            .send("GET", "/v1/etl/_object/" + etl + "/wrong/ais%2F%40%23%2F" + own + "%2Fseed")
                            .status())
                    .isEqualTo(403);
        } finally {
            admin.send("DELETE", "/v1/etl/" + etl).expect(200);
        }
    }

    static String jwtHeader(String token) {
        return new String(
                Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
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

    /**
     * awscli with AuthN users' S3 keys: a bucket-scoped writer lists (and sees only its bucket), uploads and
     * downloads, and may not copy from a bucket it cannot read; a reader gets AccessDenied on upload; the reader's
     * presigned GET works and a tampered one is refused. Get-Batch is checked on every item's bucket.
     */
    @Test
    @Order(8)
    void awscliWithAuthnKeysPresignedUrlsAndPerBucketBatches(@TempDir Path dir) throws Exception {
        assumeTrue("true".equals(System.getenv("CI")) || AwsCli.installed(), "aws CLI not installed");
        String bucketRw = "{\"bck\":{\"name\":\"" + own
                + "\",\"provider\":\"ais\",\"namespace\":{\"uuid\":\"\",\"name\":\"\"}},\"perm\":\"";
        String writerRole = "cli-w-" + ItEnv.randomHex(3);
        String readerRole = "cli-r-" + ItEnv.randomHex(3);
        for (String[] r : List.of(new String[] {writerRole, "831"}, new String[] {readerRole, "771"})) {
            authn(
                            1,
                            "POST",
                            "/authn/v1/roles",
                            adminToken(),
                            "{\"name\":\"" + r[0] + "\",\"clusters\":[{\"id\":\"" + clusterId
                                    + "\",\"perm\":\"4096\"}],\"buckets\":[" + bucketRw + r[1] + "\"}]}")
                    .expect(200);
        }
        String writer = "cliw" + ItEnv.randomHex(3);
        String reader = "clir" + ItEnv.randomHex(3);
        String writerToken = addUser(writer, "pw-w", writerRole);
        String readerToken = addUser(reader, "pw-r", readerRole);
        JsonObject wk = authn(2, "POST", "/authn/v1/users/" + writer + "/s3-keys", writerToken, null)
                .expect(200)
                .json();
        JsonObject rk = authn(2, "POST", "/authn/v1/users/" + reader + "/s3-keys", readerToken, null)
                .expect(200)
                .json();
        // SigV4 also for presigned URLs (awscli v1 presigns SigV2 by default, which the node refuses)
        Files.writeString(
                dir.resolve("config"),
                "[default]\nregion = us-east-1\ns3 =\n    addressing_style = path\n    signature_version = s3v4\n");
        Files.writeString(dir.resolve("up.txt"), "from awscli\n");
        AwsCli writerCli = new AwsCli(dir, c.url(2), wk.getString("access_key"), wk.getString("secret_key"));
        AwsCli readerCli = new AwsCli(dir, c.url(2), rk.getString("access_key"), rk.getString("secret_key"));

        AwsCli.Run w = writerCli.run("s3", "ls");
        assertThat(w.exit()).as(w.out()).isZero();
        assertThat(w.out()).as("the writer sees only its bucket").contains(own).doesNotContain(other);
        AwsCli.Run up = writerCli.run("s3", "cp", "up.txt", "s3://" + own + "/cli/up.txt");
        assertThat(up.exit()).as(up.out()).isZero();
        assertThat(writerCli.run("s3", "ls", "s3://" + own + "/cli/").out()).contains("up.txt");
        AwsCli.Run down = writerCli.run("s3", "cp", "s3://" + own + "/cli/up.txt", "down.txt");
        assertThat(down.exit()).as(down.out()).isZero();
        assertThat(Files.readString(dir.resolve("down.txt"))).isEqualTo("from awscli\n");
        AwsCli.Run copy = writerCli.run(
                "s3api", "copy-object", "--bucket", own, "--key", "cli/stolen", "--copy-source", other + "/seed");
        assertThat(copy.exit()).as(copy.out()).isNotZero();
        assertThat(copy.out()).contains("AccessDenied");

        AwsCli.Run denied = readerCli.run("s3", "cp", "up.txt", "s3://" + own + "/cli/by-reader.txt");
        assertThat(denied.exit()).as(denied.out()).isNotZero();
        assertThat(denied.out()).contains("AccessDenied");
        AwsCli.Run presign = readerCli.run("s3", "presign", "s3://" + own + "/cli/up.txt", "--expires-in", "300");
        assertThat(presign.exit()).as(presign.out()).isZero();
        String url = presign.out().strip();
        Resp ok = send(url, "GET", null);
        ok.expect(200);
        assertThat(ok.text()).isEqualTo("from awscli\n");
        int sig = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        String tampered = url.substring(0, sig) + (url.charAt(sig) == '0' ? '1' : '0') + url.substring(sig + 1);
        Resp bad = send(tampered, "GET", null);
        bad.expect(403);
        assertThat(bad.text()).contains("<Code>SignatureDoesNotMatch</Code>");
        Resp otherKey = send(url.replace("cli/up.txt", "seed"), "GET", null);
        otherKey.expect(403);

        // Get-Batch: GET on every item's bucket (the reader may read `own`, not `other`)
        String item = "{\"objname\":\"seed\",\"bucket\":\"%s\"}";
        Resp batchOk =
                authn(3, "POST", "/v1/ml/moss", readerToken, "{\"in\":[" + item.formatted(own) + "],\"strm\":true}");
        assertThat(batchOk.status()).as(batchOk.text()).isEqualTo(200);
        assertAisError(
                authn(
                        3,
                        "POST",
                        "/v1/ml/moss",
                        readerToken,
                        "{\"in\":[" + item.formatted(own) + "," + item.formatted(other) + "],\"strm\":true}"),
                403);
    }

    /**
     * The console in a real Chromium with auth on: the login page first; the administrator sees the destroy button;
     * logout revokes the token (the node then refuses it); a read-only user sees no destroy/edit/create, and a
     * DELETE forced from the page with its token is refused (403).
     */
    @Test
    @Order(8)
    void consoleLogsInShowsOnlyWhatTheUserMayDoAndLogsOut() {
        String role = "console-ro-" + ItEnv.randomHex(3);
        long roPerms = 771 | 4096 | 8192; // AccessRO + LIST-BUCKETS + SHOW-CLUSTER
        authn(
                        1,
                        "POST",
                        "/authn/v1/roles",
                        adminToken(),
                        "{\"name\":\"" + role + "\",\"clusters\":[{\"id\":\"" + clusterId + "\",\"perm\":\"" + roPerms
                                + "\"}]}")
                .expect(200);
        String user = "cro" + ItEnv.randomHex(3);
        addUser(user, "pw-cro", role);
        try (Browser b = new Browser(ItEnv.workDir())) {
            JavascriptExecutor js = (JavascriptExecutor) b.driver();
            b.open(c.url(2) + "/console/#/buckets");
            consoleLogin(b, ADMIN, PASS);
            By ownRow = By.cssSelector("tr[data-bucket='" + own + "']");
            b.await(By.cssSelector("tr[data-bucket='" + own + "'] button.danger"));
            b.await(By.id("create-h"));
            b.screenshot("auth-1-admin-buckets");
            String adminToken = (String) js.executeScript("return sessionStorage.getItem('ais.console.token')");
            assertThat(adminToken).isNotBlank();
            as(3, adminToken).listBuckets().expect(200);

            b.click(By.id("logout"));
            b.await(By.id("login-form"));
            assertThat(js.executeScript("return sessionStorage.getItem('ais.console.token')"))
                    .isNull();
            for (int s = 1; s <= 3; s++) {
                AisClient a = as(s, adminToken);
                Poll.until(
                        SPREAD,
                        "node" + s + " refuses the logged-out token",
                        () -> a.listBuckets().status() == 401);
            }

            consoleLogin(b, user, "pw-cro");
            b.await(ownRow);
            b.await(
                    "no destroy or edit button, no create form for a read-only user",
                    d -> d.findElement(ownRow)
                                    .findElements(By.tagName("button"))
                                    .isEmpty()
                            && !d.findElement(By.id("create-h")).isDisplayed());
            b.screenshot("auth-2-readonly-buckets");
            Object status = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "fetch('/v1/buckets/" + own + "', {method: 'DELETE', headers: {'Content-Type':"
                    + " 'application/json', Authorization: 'Bearer ' +"
                    + " sessionStorage.getItem('ais.console.token')}, body: JSON.stringify({action:"
                    + " 'destroy-bck'})}).then(r => done(r.status), e => done(String(e)));");
            assertThat(status).isEqualTo(403L);
            admin.headBucket(own).expect(200);

            b.click(By.id("logout"));
            b.await(By.id("login-form"));
        }
    }

    static void consoleLogin(Browser b, String user, String pass) {
        b.await(By.id("login-user")).sendKeys(user);
        b.await(By.id("login-pass")).sendKeys(pass);
        b.click(By.id("login-submit"));
        b.await(
                "signed in as " + user,
                d -> d.findElements(By.id("signed-in-as")).stream()
                        .anyMatch(e -> e.getText().contains(user)));
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
