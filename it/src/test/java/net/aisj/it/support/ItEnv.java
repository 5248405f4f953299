package net.aisj.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/** Where the node jar is and where tests may write; both come from system properties set by failsafe. */
public final class ItEnv {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ItEnv() {}

    /** The uber-jar under test (system property {@code ais.node.jar}). */
    public static Path nodeJar() {
        String p = System.getProperty("ais.node.jar", "../payara/target/ais-node.jar");
        Path jar = Path.of(p).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("node jar not found: " + jar
                    + " (build it first: mvn -q install -DskipTests from the repository root)");
        }
        return jar;
    }

    /**
     * JVM options every launched node gets before its own (system property {@code ais.it.node.jvm}, blank-separated;
     * failsafe sets C1-only compilation to halve start-up CPU; empty outside failsafe, e.g. for the benchmark).
     */
    public static List<String> nodeJvmOptions() {
        String p = System.getProperty("ais.it.node.jvm", "").trim();
        return p.isEmpty() ? List.of() : List.of(p.split("\\s+"));
    }

    /** Root of everything the tests write (system property {@code ais.it.workdir}). */
    public static Path workDir() {
        Path dir = Path.of(System.getProperty("ais.it.workdir", "target/it-work"))
                .toAbsolutePath()
                .normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** {@code n} random bytes as lower-case hex. */
    public static String randomHex(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A fresh, valid AIS bucket name: {@code it-<tag>-<8 hex>}. */
    public static String bucketName(String tag) {
        return "it-" + tag + "-" + randomHex(4);
    }
}
