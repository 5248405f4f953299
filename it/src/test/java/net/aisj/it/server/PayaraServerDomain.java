package net.aisj.it.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.Ports;

/**
 * A Payara Server domain of its own: a copy of the distribution's {@code domain1} under the test's work directory,
 * every listener moved to a free port on 127.0.0.1 before the first start (HTTP, admin, IIOP, JMX, the OSGi shell and
 * the data grid), phone-home off, JMS off, and the settings the node needs (mountpath, HTTP port, bodies on GET and
 * DELETE) written into the domain. Driven with the distribution's own {@code asadmin}.
 */
final class PayaraServerDomain {

    private static final String DOMAIN = "domain1";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

    private final Path home;
    private final Path domainDir;
    private final Path mountpath;
    private final Path log;
    private final int adminPort;
    private final int httpPort;

    private PayaraServerDomain(Path home, Path dir) {
        this.home = home;
        this.domainDir = dir.resolve("domains");
        this.mountpath = dir.resolve("mp1");
        this.log = dir.resolve("asadmin.log");
        this.adminPort = Ports.freePort();
        this.httpPort = Ports.freePort();
    }

    /** The unpacked distribution (system property {@code ais.payara.server.home}, the folder holding bin/asadmin). */
    static Path serverHome() {
        Path p = Path.of(System.getProperty("ais.payara.server.home", "target/payara-server/payara6"))
                .toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(p.resolve("bin/asadmin"))) {
            throw new IllegalStateException("Payara Server not found at " + p + " (the it module's build unpacks it)");
        }
        return p;
    }

    /** Copies {@code domain1} of {@code home} into a fresh folder of the work directory and rewrites its config. */
    static PayaraServerDomain create(Path home) {
        Path dir = ItEnv.workDir().resolve("payara-server-" + ItEnv.randomHex(3));
        PayaraServerDomain d = new PayaraServerDomain(home, dir);
        copyTree(home.resolve("glassfish/domains").resolve(DOMAIN), d.domainDir.resolve(DOMAIN));
        try {
            Files.createDirectories(d.mountpath);
            Path xml = d.domainDir.resolve(DOMAIN).resolve("config/domain.xml");
            Files.writeString(xml, d.rewrite(Files.readString(xml, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return d;
    }

    int httpPort() {
        return httpPort;
    }

    int adminPort() {
        return adminPort;
    }

    Path serverLog() {
        return domainDir.resolve(DOMAIN).resolve("logs/server.log");
    }

    Path asadminLog() {
        return log;
    }

    void start(Duration timeout) {
        asadmin(timeout, "start-domain", "--domaindir", domainDir.toString(), DOMAIN);
    }

    void deploy(Path ear, Duration timeout) {
        asadmin(timeout, "--host", "127.0.0.1", "--port", Integer.toString(adminPort), "deploy", ear.toString());
    }

    /** Runs {@code asadmin <args>} against the running domain's admin port. */
    void admin(Duration timeout, String... args) {
        List<String> all = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", Integer.toString(adminPort)));
        all.addAll(List.of(args));
        asadmin(timeout, all.toArray(String[]::new));
    }

    void undeploy(String name) {
        asadmin(COMMAND_TIMEOUT, "--host", "127.0.0.1", "--port", Integer.toString(adminPort), "undeploy", name);
    }

    /** Stops the domain; if asadmin cannot, kills the server process named in the domain's pid file. */
    void stop() {
        try {
            asadmin(COMMAND_TIMEOUT, "stop-domain", "--domaindir", domainDir.toString(), DOMAIN);
        } catch (RuntimeException | AssertionError e) {
            System.out.println("[it] stop-domain failed (" + e.getMessage() + "); killing the server");
            killFromPidFile();
        }
    }

    /** Deletes the domain's copy and the mountpath (not the logs' folder when -Dais.it.keep=true). */
    void delete() {
        if (!Boolean.getBoolean("ais.it.keep")) {
            NodeProcess.deleteTree(mountpath);
            NodeProcess.deleteTree(domainDir.resolve(DOMAIN).resolve("applications"));
            NodeProcess.deleteTree(domainDir.resolve(DOMAIN).resolve("generated"));
            NodeProcess.deleteTree(domainDir.resolve(DOMAIN).resolve("osgi-cache"));
        }
    }

    String logTail(Path file, int n) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    /** Runs {@code asadmin args} and fails with its output unless it exits 0 within {@code timeout}. */
    private void asadmin(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>();
        // through sh: an unpacked zip need not keep the script's executable bit
        cmd.add("sh");
        cmd.add(home.resolve("bin/asadmin").toString());
        cmd.add("--interactive=false");
        cmd.addAll(List.of(args));
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(
                    log,
                    "==== " + String.join(" ", cmd) + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // the server runs on the JDK that runs the tests
            pb.environment().put("AS_JAVA", System.getProperty("java.home"));
            Process p = pb.start();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("asadmin " + String.join(" ", args) + " did not finish within "
                        + timeout.toSeconds() + " s; asadmin log:\n" + logTail(log, 30));
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("asadmin " + String.join(" ", args) + " exited with " + p.exitValue()
                        + "; asadmin log:\n" + logTail(log, 30) + "\nserver log:\n" + logTail(serverLog(), 60));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void killFromPidFile() {
        Path pid = domainDir.resolve(DOMAIN).resolve("config/pid");
        try {
            if (Files.isRegularFile(pid)) {
                long id = Long.parseLong(Files.readString(pid).trim());
                ProcessHandle.of(id).ifPresent(h -> {
                    h.destroyForcibly();
                    h.onExit().orTimeout(60, TimeUnit.SECONDS).join();
                });
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("[it] cannot kill the server from " + pid + ": " + e);
        }
    }

    /**
     * The distribution's domain.xml with its server configuration (the first {@code <config>}) moved to loopback and
     * free ports, and the data grid bound to loopback with a member list of itself.
     */
    String rewrite(String xml) {
        int from = xml.indexOf("<config name=\"server-config\">");
        int to = xml.indexOf("</config>", from);
        if (from < 0 || to < 0) {
            throw new IllegalStateException("no server-config in domain.xml");
        }
        String c = xml.substring(from, to);
        c = replace(c, "address=\"0.0.0.0\"", "address=\"127.0.0.1\"");
        c = replace(c, "port=\"8080\"", "port=\"" + httpPort + "\" address=\"127.0.0.1\"");
        c = replace(c, "port=\"8181\"", "port=\"" + Ports.freePort() + "\" address=\"127.0.0.1\" enabled=\"false\"");
        c = replace(c, "port=\"4848\"", "port=\"" + adminPort + "\" address=\"127.0.0.1\"");
        for (String p : List.of("3700", "3820", "3920", "8686")) {
            c = replace(c, "port=\"" + p + "\"", "port=\"" + Ports.freePort() + "\"");
        }
        c = replace(
                c,
                "name=\"JMS_PROVIDER_PORT\" value=\"7676\"",
                "name=\"JMS_PROVIDER_PORT\" value=\"" + Ports.freePort() + "\"");
        c = replace(c, "-Dosgi.shell.telnet.port=6666", "-Dosgi.shell.telnet.port=" + Ports.freePort());
        // AIS clients send a body with GET and DELETE (the uber-jar's pre-boot commands set the same)
        c = replace(
                c,
                "<protocol name=\"http-listener-1\">\n                        <http ",
                "<protocol name=\"http-listener-1\">\n                        <http allow-payload-for-undefined-http-methods=\"true\" ");
        StringBuilder opts = new StringBuilder();
        for (String o : List.of(
                "-Dhazelcast.phone.home.enabled=false",
                "-Dhazelcast.socket.bind.any=false",
                "-Dais.mountpaths=" + mountpath,
                "-Dais.http.port=" + httpPort)) {
            opts.append("<jvm-options>").append(o).append("</jvm-options>\n                ");
        }
        c = replace(
                c,
                "<jvm-options>-Djava.awt.headless=true</jvm-options>",
                opts + "<jvm-options>-Djava.awt.headless=true</jvm-options>");
        c = replace(
                c,
                "<hazelcast-config-specific-configuration>",
                "<phone-home-runtime-configuration enabled=\"false\"></phone-home-runtime-configuration>\n"
                        + "            <jms-service type=\"DISABLED\"></jms-service>\n"
                        + "            <hazelcast-config-specific-configuration>");
        int hz = Ports.freePort();
        String grid = "<hazelcast-runtime-configuration start-port=\"" + hz + "\" das-port=\"" + hz
                + "\" auto-increment-port=\"false\" discovery-mode=\"tcpip\" tcpip-members=\"127.0.0.1:" + hz
                + "\" interface=\"127.0.0.1\" das-bind-address=\"127.0.0.1\" das-public-address=\"127.0.0.1\""
                + " cluster-group-name=\"it-" + ItEnv.randomHex(6) + "\">";
        String head = replace(
                xml.substring(0, from),
                "<hazelcast-runtime-configuration start-port=\"5900\" das-port=\"4900\" auto-increment-port=\"true\">",
                grid);
        return head + c + xml.substring(to);
    }

    private static String replace(String s, String what, String with) {
        if (!s.contains(what)) {
            throw new IllegalStateException("domain.xml of this Payara Server has no " + what
                    + " (the distribution changed: adapt PayaraServerDomain)");
        }
        return s.replace(what, with);
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }
}
