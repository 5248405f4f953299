package net.aisj.service;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.OptionalInt;
import java.util.logging.Logger;

/**
 * What only the Payara Micro runtime knows. Payara Micro's public API ({@code fish.payara.micro.PayaraMicro}) is
 * not published as a separate artifact, so it is reached reflectively; outside Payara Micro the answers are empty.
 */
final class PayaraRuntime {

    private static final Logger LOG = Logger.getLogger(PayaraRuntime.class.getName());

    /** Settings baked into the uber-jar: Payara applies them after the JVM's -D options, which they override. */
    private static final List<String> BAKED = List.of(
            "ais.http.address",
            "hazelcast.max.no.heartbeat.seconds",
            "hazelcast.heartbeat.interval.seconds",
            "hazelcast.phone.home.enabled",
            "hazelcast.socket.bind.any");

    private PayaraRuntime() {}

    /** The HTTP port the instance listens on ({@code --port} / {@code --autobindhttp}), if known. */
    static OptionalInt httpPort() {
        if (!isMicro()) {
            return OptionalInt.empty();
        }
        try {
            Class<?> c = Class.forName("fish.payara.micro.PayaraMicro");
            Object micro = c.getMethod("getInstance").invoke(null);
            int port = (Integer) c.getMethod("getHttpPort").invoke(micro);
            return port > 0 ? OptionalInt.of(port) : OptionalInt.empty();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return OptionalInt.empty();
        }
    }

    /**
     * False on Payara Server, which ships the Payara Micro API too but cannot serve it (asking it for the instance
     * logs a SEVERE class-not-found): the server runs on OSGi and says so in {@code GlassFish_Platform}.
     */
    static boolean isMicro() {
        String platform = System.getProperty("GlassFish_Platform");
        return platform == null || platform.equals("PayaraMicro");
    }

    /** Warns about {@code -D} options that the uber-jar's baked settings silently override. */
    static void warnAboutOverriddenOptions() {
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            for (String key : BAKED) {
                if (arg.startsWith("-D" + key + "=")
                        && !arg.substring(key.length() + 3).equals(System.getProperty(key))) {
                    LOG.warning(arg + " is overridden by the value baked into ais-node.jar (" + key + "="
                            + System.getProperty(key) + "); pass it in a file with --systemproperties instead");
                }
            }
        }
    }
}
