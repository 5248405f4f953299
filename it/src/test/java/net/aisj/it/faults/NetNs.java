package net.aisj.it.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import net.aisj.it.support.ItEnv;

/**
 * Network namespaces for a partition test, made with iproute2 (needs root): one namespace per node, each with a
 * veth pair into a bridge, all in a private {@code 10.X.Y.0/24} the test picks (unused on this machine). The bridge
 * side holds {@code 10.X.Y.254}, so the test JVM reaches every node while the nodes can be cut from one another
 * ({@link #cut}: blackhole routes inside the namespaces, so a node still answers the client). {@link #close()}
 * removes every namespace, link and address it made.
 */
final class NetNs implements AutoCloseable {

    private final String tag = ItEnv.randomHex(3);
    private final String subnet;
    private final int nodes;
    private final List<String> made = new ArrayList<>();
    private boolean bridge;

    /** Whether this machine can make namespaces: root and iproute2. */
    static String unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "not root";
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/ip"))
                && !Files.isExecutable(Path.of("/sbin/ip"))
                && !Files.isExecutable(Path.of("/usr/bin/ip"))) {
            return "no iproute2 (ip)";
        }
        return null;
    }

    NetNs(int nodes) {
        this.nodes = nodes;
        String routes = run(List.of("ip", "-4", "route", "show", "table", "all"), true)
                + run(List.of("ip", "-4", "addr"), true);
        String s;
        do {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            s = "10." + (100 + r.nextInt(150)) + "." + (1 + r.nextInt(250));
        } while (routes.contains(s + "."));
        this.subnet = s;
        try {
            String br = "aisbr" + tag;
            run(List.of("ip", "link", "add", br, "type", "bridge"), false);
            bridge = true;
            run(List.of("ip", "addr", "add", subnet + ".254/24", "dev", br), false);
            run(List.of("ip", "link", "set", br, "up"), false);
            for (int i = 1; i <= nodes; i++) {
                String ns = ns(i);
                String host = "ais" + tag + "h" + i;
                run(List.of("ip", "netns", "add", ns), false);
                made.add(ns);
                run(List.of("ip", "link", "add", host, "type", "veth", "peer", "name", "eth0", "netns", ns), false);
                run(List.of("ip", "link", "set", host, "master", br), false);
                run(List.of("ip", "link", "set", host, "up"), false);
                run(List.of("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up"), false);
                run(List.of("ip", "netns", "exec", ns, "ip", "addr", "add", address(i) + "/24", "dev", "eth0"), false);
                run(List.of("ip", "netns", "exec", ns, "ip", "link", "set", "eth0", "up"), false);
            }
        } catch (RuntimeException | AssertionError e) {
            close();
            throw e;
        }
        System.out.println("[faults netns] " + nodes + " namespaces " + made + " on " + subnet + ".0/24 (bridge "
                + subnet + ".254)");
    }

    String ns(int i) {
        return "ais-" + tag + "-" + i;
    }

    String address(int i) {
        return subnet + "." + i;
    }

    List<String> addresses() {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            out.add(address(i));
        }
        return out;
    }

    /** The launch prefix that runs a command in node {@code i}'s namespace. */
    List<String> prefix(int i) {
        return List.of("ip", "netns", "exec", ns(i));
    }

    /** Cuts node {@code i} off from every other node (both ways); the bridge (the client) still reaches it. */
    void cut(int i) {
        routes(i, "add", false);
    }

    /** Undoes {@link #cut}. */
    void heal(int i) {
        routes(i, "del", false);
    }

    /** Undoes a {@link #cut} that may or may not be in place (a test that failed half-way). */
    void healQuietly(int i) {
        routes(i, "del", true);
    }

    private void routes(int i, String verb, boolean quiet) {
        for (int j = 1; j <= nodes; j++) {
            if (j != i) {
                run(List.of("ip", "netns", "exec", ns(i), "ip", "route", verb, "blackhole", address(j) + "/32"), quiet);
                run(List.of("ip", "netns", "exec", ns(j), "ip", "route", verb, "blackhole", address(i) + "/32"), quiet);
            }
        }
    }

    @Override
    public void close() {
        for (String ns : made) {
            run(List.of("ip", "netns", "del", ns), true);
        }
        made.clear();
        if (bridge) {
            run(List.of("ip", "link", "del", "aisbr" + tag), true);
            bridge = false;
        }
    }

    private static String run(List<String> cmd, boolean quiet) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(cmd + " did not finish within 30 s");
            }
            if (p.exitValue() != 0 && !quiet) {
                throw new AssertionError(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
