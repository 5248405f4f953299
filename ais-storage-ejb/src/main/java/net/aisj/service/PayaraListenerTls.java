package net.aisj.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.logging.Logger;
import net.aisj.core.tls.PemFiles;

/**
 * Puts Payara Micro's HTTP listener on TLS when {@code net.http.use_https} is on and that listener is public (the
 * node runs two listeners: {@code ais.dataplane.port} given, or the data plane off; see
 * {@link NodeConfig#servletTls()}), with the node's PEM certificate and key. Payara's listener takes only a key
 * store, and its settings are fixed before any application code runs, so at the application's start this writes the
 * key and chain into a PKCS#12 file (owner-only, random password, in the node's temporary directory, deleted at exit)
 * and changes the running configuration with Payara's own {@code set} command: the {@code https-listener} protocol gets the key store, and {@code http-listener}
 * switches to it. Payara restarts the listener in place: from then on it speaks TLS only, and plain HTTP on that port
 * gets no answer. Before that moment (the seconds while the node boots and deploys) the port answers plain HTTP, but
 * with nothing of the node's: its application is not deployed yet.
 *
 * <p>On Payara Server (the EAR) the server's own listener configuration decides; the node only publishes https URLs.
 */
@ApplicationScoped
public class PayaraListenerTls {

    private static final Logger LOG = Logger.getLogger(PayaraListenerTls.class.getName());
    private static final String PROTOCOLS = "configs.config.server-config.network-config.protocols.protocol.";
    private static final String LISTENERS =
            "configs.config.server-config.network-config.network-listeners.network-listener.";

    @Inject
    TlsSettings tls;

    @Inject
    NodeConfig config;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!tls.enabled()) {
            return;
        }
        TlsSettings.Material m = tls.material(); // fails the deployment when the files are unusable
        if (!config.servletTls()) {
            LOG.info("TLS on the data plane, the node's one URL; Payara's listener is its internal loopback one and"
                    + " stays plain");
            return;
        }
        if (!PayaraRuntime.isMicro()) {
            LOG.info("TLS on: publishing https URLs; this server's HTTP listener must be configured for TLS by its"
                    + " administrator");
            return;
        }
        char[] password = HexFormat.of().formatHex(random()).toCharArray();
        Path store = writeStore(m, password);
        run(PROTOCOLS + "https-listener.ssl.key-store=" + store);
        run(PROTOCOLS + "https-listener.ssl.key-store-password=" + new String(password));
        run(PROTOCOLS + "https-listener.ssl.cert-nickname=" + PemFiles.KEY_ALIAS);
        run(LISTENERS + "http-listener.protocol=https-listener");
        LOG.info(() -> "TLS on: the HTTP listener on port "
                + PayaraRuntime.httpPort().orElse(-1) + " now speaks TLS only, with the certificate of "
                + m.chain().get(0).getSubjectX500Principal());
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private static byte[] random() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return b;
    }

    private static Path writeStore(TlsSettings.Material m, char[] password) {
        try {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"));
            Path f = Files.createTempFile(
                    dir,
                    "ais-tls-",
                    ".p12",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            f.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(f)) {
                PemFiles.keyStore(m.key(), m.chain(), password).store(out, password);
            }
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the HTTP listener's key store", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the HTTP listener's key store: " + e.getMessage(), e);
        }
    }

    /**
     * Runs Payara's {@code set} on this instance, reached reflectively as the runtime's other internals are
     * ({@link PayaraRuntime}): through the server's command runner ({@code org.glassfish.embeddable.CommandRunner},
     * a service of its HK2 locator, loaded by the loader of Payara Micro's runtime object: the application's own
     * loader does not see the server's internals), else through Payara Micro's public {@code run} on the local
     * instance. Fails when the command does not succeed.
     */
    private static void run(String assignment) {
        String shown =
                assignment.contains("password=") ? assignment.replaceAll("password=.*", "password=****") : assignment;
        Object runtime;
        try {
            Object micro = Class.forName("fish.payara.micro.PayaraMicro")
                    .getMethod("getInstance")
                    .invoke(null);
            runtime = micro.getClass().getMethod("getRuntime").invoke(micro);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException(
                    "cannot reach Payara Micro's runtime to run \"set " + shown + "\": "
                            + (e.getCause() != null ? e.getCause() : e),
                    e);
        }
        String outcome;
        try {
            outcome = viaCommandRunner(runtime.getClass().getClassLoader(), assignment);
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.fine(() -> "Payara's command runner is out of reach (" + e + "); using the runtime's run");
            try {
                outcome = viaRuntime(runtime, assignment);
            } catch (ReflectiveOperationException
                    | LinkageError
                    | java.util.concurrent.ExecutionException
                    | java.util.concurrent.TimeoutException f) {
                throw new IllegalStateException(
                        "cannot run \"set " + shown + "\" in Payara: " + (f.getCause() != null ? f.getCause() : f), f);
            } catch (InterruptedException f) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running \"set " + shown + "\"", f);
            }
        }
        if (outcome != null) {
            throw new IllegalStateException("Payara refused \"set " + shown + "\": " + outcome);
        }
    }

    /** Null when the command succeeded, else its output. */
    private static String viaCommandRunner(ClassLoader cl, String assignment) throws ReflectiveOperationException {
        Class<?> globals = Class.forName("org.glassfish.internal.api.Globals", true, cl);
        Object locator = globals.getMethod("getDefaultHabitat").invoke(null);
        Class<?> runnerType = Class.forName("org.glassfish.embeddable.CommandRunner", true, cl);
        Object runner = Class.forName("org.glassfish.hk2.api.ServiceLocator", true, cl)
                .getMethod("getService", Class.class, Annotation[].class)
                .invoke(locator, runnerType, new Annotation[0]);
        Object result = runnerType
                .getMethod("run", String.class, String[].class)
                .invoke(runner, "set", new String[] {assignment});
        Object status = result.getClass().getMethod("getExitStatus").invoke(result);
        return "SUCCESS".equals(String.valueOf(status))
                ? null
                : String.valueOf(result.getClass().getMethod("getOutput").invoke(result));
    }

    /** Null when the command succeeded, else what it said. */
    private static String viaRuntime(Object runtime, String assignment)
            throws ReflectiveOperationException, InterruptedException, java.util.concurrent.ExecutionException,
                    java.util.concurrent.TimeoutException {
        Class<?> api = Class.forName(
                "fish.payara.micro.PayaraMicroRuntime", true, runtime.getClass().getClassLoader());
        Object local = api.getMethod("getLocalDescriptor").invoke(runtime);
        java.util.Map<?, ?> futures =
                (java.util.Map<?, ?>) api.getMethod("run", java.util.Collection.class, String.class, String[].class)
                        .invoke(runtime, java.util.List.of(local), "set", new String[] {assignment});
        for (Object f : futures.values()) {
            Object result = ((java.util.concurrent.Future<?>) f).get(60, java.util.concurrent.TimeUnit.SECONDS);
            Object status = result.getClass().getMethod("getExitStatus").invoke(result);
            if (!"SUCCESS".equals(String.valueOf(status))) {
                return String.valueOf(result.getClass().getMethod("getOutput").invoke(result));
            }
        }
        return null;
    }
}
