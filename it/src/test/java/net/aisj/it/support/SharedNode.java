package net.aisj.it.support;

import java.util.Map;

/**
 * The one node most test classes share (one per test JVM): {@code -Xmx256m} and two mountpaths,
 * started lazily by the first caller and stopped by a JVM shutdown hook. Auth is off; its embedded AuthN has an
 * administrator ({@link #AUTHN_ADMIN}) and issues HS256 tokens with {@link #AUTHN_SECRET}, so a cluster that trusts
 * that secret can be registered with it (AuthIT's remote-AuthN tests).
 */
public final class SharedNode {

    /** The AuthN administrator of the shared node. */
    public static final String AUTHN_ADMIN = "admin";

    /** Its password ({@code AIS_AUTHN_SU_PASS}). */
    public static final String AUTHN_PASS = "shared-" + ItEnv.randomHex(6);

    /** The HMAC secret its AuthN signs tokens with ({@code AIS_AUTHN_SECRET_KEY}). */
    public static final String AUTHN_SECRET = "shared-hs256-" + ItEnv.randomHex(16);

    private static final SharedFixture<NodeProcess> NODE = new SharedFixture<>("shared node", () -> {
        NodeProcess n = NodeProcess.prepare("shared", 2, null, "-Xmx256m")
                .withEnv(Map.of(
                        "AIS_AUTHN_SU_NAME", AUTHN_ADMIN,
                        "AIS_AUTHN_SU_PASS", AUTHN_PASS,
                        "AIS_AUTHN_SECRET_KEY", AUTHN_SECRET));
        return SharedFixture.startOrClose(n, p -> {
            p.spawn();
            p.awaitReady();
        });
    });

    private SharedNode() {}

    public static NodeProcess get() {
        return NODE.get();
    }

    /** A client for the shared node. */
    public static AisClient client() {
        return new AisClient(get().baseUrl());
    }
}
