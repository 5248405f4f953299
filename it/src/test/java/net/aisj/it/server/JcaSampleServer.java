package net.aisj.it.server;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.SharedFixture;

/**
 * A Payara Server that is not a node, as an enterprise application's server is: a domain of its own with the JCA
 * connector ({@code ais-jca.rar}) deployed standalone and configured with asadmin as an operator would (adapter
 * endpoints, a connection pool with validation and a default principal for container-managed sign-on, the
 * {@code jca/ais} resource), and the sample application ({@code net.aisj.it.sample}, packed into a WAR from the test
 * classes) deployed next to it. One per test JVM and cluster URL, shared by the test classes; stopped by a shutdown
 * hook.
 */
public final class JcaSampleServer implements AutoCloseable {

    /** The pool's default principal: what container-managed sign-on must hand the connector. */
    public static final String POOL_USER = "app-user";

    private static final Map<String, SharedFixture<JcaSampleServer>> SHARED = new ConcurrentHashMap<>();
    private static final Duration DEPLOY = NodeProcess.START_TIMEOUT;

    private final PayaraServerDomain domain;
    private final String endpoint;

    private JcaSampleServer(String endpoint) {
        this.endpoint = endpoint;
        this.domain = PayaraServerDomain.create(PayaraServerDomain.serverHome());
    }

    /** The shared server whose connector talks to the cluster at {@code endpoint}, started on first use. */
    public static JcaSampleServer get(String endpoint) {
        return SHARED.computeIfAbsent(
                        endpoint,
                        e -> new SharedFixture<>(
                                "jca sample server",
                                () -> SharedFixture.startOrClose(new JcaSampleServer(e), s -> s.start())))
                .get();
    }

    /** The sample application's base URL ({@code http://127.0.0.1:<port>/jca-sample}). */
    public String appUrl() {
        return "http://127.0.0.1:" + domain.httpPort() + "/jca-sample";
    }

    /** The last lines of the server's log, for failure messages. */
    public String logTail(int lines) {
        return domain.logTail(domain.serverLog(), lines);
    }

    /** Whether the server's log holds a line containing {@code text}. */
    public boolean logContains(String text) {
        try (Stream<String> lines = Files.lines(domain.serverLog(), java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return lines.anyMatch(l -> l.contains(text));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new AssertionError("cannot read " + domain.serverLog(), e);
        }
    }

    /** Undeploys and deploys the sample again: its beans start afresh, the connector keeps its durable positions. */
    public void redeployApp() {
        domain.undeploy("jca-sample");
        deployApp();
    }

    private void start() {
        long t0 = System.nanoTime();
        domain.start(DEPLOY);
        System.out.printf("[it] Payara Server (JCA sample) up after %.1f s%n", (System.nanoTime() - t0) / 1e9);
        String ep = endpoint.replace(":", "\\:");
        domain.admin(DEPLOY, "create-resource-adapter-config", "--property", "endpoints=" + ep, "ais-jca");
        domain.admin(DEPLOY, "deploy", "--name", "ais-jca", rar().toString());
        domain.admin(
                DEPLOY,
                "create-connector-connection-pool",
                "--raname",
                "ais-jca",
                "--connectiondefinition",
                "net.aisj.jca.AisConnectionFactory",
                "--isconnectvalidatereq",
                "true",
                "--steadypoolsize",
                "0",
                "--maxpoolsize",
                "8",
                "--property",
                "UserName=" + POOL_USER + ":Password=app-secret",
                "ais-pool");
        domain.admin(DEPLOY, "create-connector-resource", "--poolname", "ais-pool", "jca/ais");
        deployApp();
        System.out.printf("[it] ais-jca and the sample deployed after %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private void deployApp() {
        domain.admin(DEPLOY, "deploy", "--name", "jca-sample", "--contextroot", "jca-sample", war().toString());
    }

    /** The connector under test (system property {@code ais.jca.rar}). */
    static Path rar() {
        Path p = Path.of(System.getProperty("ais.jca.rar", "../ais-connector/ais-jca/target/ais-jca.rar"))
                .toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(
                    "connector not found: " + p + " (build it first: mvn -q install -DskipTests)");
        }
        return p;
    }

    /** The sample WAR: the compiled classes of net.aisj.it.sample and its deployment descriptor. */
    static Path war() {
        Path classes = Path.of("target/test-classes").toAbsolutePath();
        Path pkg = classes.resolve("net/aisj/it/sample");
        Path war = ItEnv.workDir().resolve("jca-sample-" + ItEnv.randomHex(3) + ".war");
        try {
            Files.createDirectories(war.getParent());
            try (OutputStream f = Files.newOutputStream(war);
                    ZipOutputStream zip = new ZipOutputStream(f);
                    Stream<Path> files = Files.list(pkg)) {
                for (Path c : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                    zip.putNextEntry(new ZipEntry("WEB-INF/classes/"
                            + classes.relativize(c).toString().replace('\\', '/')));
                    Files.copy(c, zip);
                    zip.closeEntry();
                }
                for (String r : List.of("glassfish-ejb-jar.xml")) {
                    zip.putNextEntry(new ZipEntry("WEB-INF/" + r));
                    Files.copy(classes.resolve("jca-sample").resolve(r), zip);
                    zip.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack " + war, e);
        }
        return war;
    }

    @Override
    public void close() {
        domain.stop();
        domain.delete();
    }
}
