package net.aisj.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The uber-jar's {@code Main-Class}: gives each node one URL. By default the data-plane listener takes the public
 * port ({@code --port}, 8080 when not given) and Payara Micro's own HTTP listener moves to a free port on
 * {@code 127.0.0.1}, reached only by the data plane's hand-off of the calls it does not serve itself. Then Payara
 * Micro starts in this JVM with the rewritten arguments.
 *
 * <p>Payara keeps the port given with {@code --port} (two listeners, as before this launcher existed) when
 * {@code ais.dataplane.port} is set explicitly (the data plane then listens there), when the data plane is off
 * ({@code ais.dataplane.enabled=false}), or with {@code --autobindhttp}. Settings are read from {@code -D} options,
 * the environment ({@code AIS_DATAPLANE_ENABLED}, {@code AIS_DATAPLANE_PORT}) and a {@code --systemproperties} file,
 * as the node reads them. The launcher sets {@code ais.servlet.address}, the address the pre-boot command binds
 * Payara's listener to, and {@code ais.servlet.internal=true} when that listener is the internal one (with TLS on it
 * then stays plain: only the node's own hand-off reaches it, on loopback). Plain Java, no dependency: it runs before any of the runtime exists.
 */
public final class NodeLauncher {

    /** Payara Micro's default HTTP port, baked into the uber-jar. */
    static final int DEFAULT_PORT = 8080;

    private NodeLauncher() {}

    public static void main(String[] args) throws Exception {
        Plan plan = plan(List.of(args), System.getenv(), NodeLauncher::freeLoopbackPort);
        plan.properties().forEach(System::setProperty);
        try {
            Class.forName("fish.payara.micro.PayaraMicro")
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) plan.args().toArray(String[]::new));
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    /** What to start Payara with: its arguments and the system properties to set first. */
    record Plan(List<String> args, Map<String, String> properties, boolean front) {}

    /** A source of a free port (the real one binds port 0 on loopback). */
    interface PortSource {
        int freePort() throws IOException;
    }

    static Plan plan(List<String> args, Map<String, String> env, PortSource ports) throws IOException {
        Properties file = systemPropertiesFile(args);
        Optional<String> explicitDataPort = setting("ais.dataplane.port", env, file);
        boolean dataPlane = !setting("ais.dataplane.enabled", env, file)
                .map(v -> v.trim().equalsIgnoreCase("false"))
                .orElse(false);
        // the address Payara's listener binds to in the two-listener modes: the uber-jar's baked 127.0.0.1 unless a
        // --systemproperties file says otherwise (the baked value wins over -D, as for every baked setting)
        String httpAddress = Optional.ofNullable(file.getProperty("ais.http.address"))
                .map(String::trim)
                .orElse("127.0.0.1");
        if (!dataPlane || explicitDataPort.isPresent() || args.contains("--autobindhttp")) {
            return new Plan(List.copyOf(args), Map.of("ais.servlet.address", httpAddress), false);
        }
        int publicPort = portArgument(args).orElse(DEFAULT_PORT);
        int internal = ports.freePort();
        List<String> rewritten = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--port") && i + 1 < args.size()) {
                i++; // replaced below
            } else if (!a.startsWith("--port=")) {
                rewritten.add(a);
            }
        }
        rewritten.add("--port");
        rewritten.add(Integer.toString(internal));
        return new Plan(
                List.copyOf(rewritten),
                Map.of(
                        "ais.dataplane.port",
                        Integer.toString(publicPort),
                        "ais.servlet.address",
                        "127.0.0.1",
                        "ais.servlet.internal",
                        "true"),
                true);
    }

    /** {@code --port N} or {@code --port=N}, the last one given (as Payara reads it). */
    static Optional<Integer> portArgument(List<String> args) {
        Integer port = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = a.equals("--port") && i + 1 < args.size()
                    ? args.get(i + 1)
                    : a.startsWith("--port=") ? a.substring("--port=".length()) : null;
            if (value != null) {
                try {
                    port = Integer.parseInt(value.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--port needs a number, got \"" + value + "\"", e);
                }
            }
        }
        return Optional.ofNullable(port);
    }

    /** A setting as the node reads it: {@code -D}, then the environment ({@code AIS_X_Y}), then the file. */
    private static Optional<String> setting(String key, Map<String, String> env, Properties file) {
        String v = System.getProperty(key);
        if (v == null) {
            v = env.get(key.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
        if (v == null) {
            v = file.getProperty(key);
        }
        return Optional.ofNullable(v).filter(s -> !s.isBlank());
    }

    private static Properties systemPropertiesFile(List<String> args) throws IOException {
        Properties p = new Properties();
        int i = args.indexOf("--systemproperties");
        if (i >= 0 && i + 1 < args.size()) {
            try (InputStream in = Files.newInputStream(Path.of(args.get(i + 1)))) {
                p.load(in);
            }
        }
        return p;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
