package net.aisj.it.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback TCP ports for the servers the tests launch.
 *
 * <p>Ports come from below the kernel's ephemeral range ({@code net.ipv4.ip_local_port_range}), never from it: a port
 * handed out now is bound by a node seconds later, and in between any outgoing connection of the busy test machine may
 * take an ephemeral port as its local end (a full CI run once lost five fixtures to {@code Address already in use}
 * that way). A port is handed out once per test JVM, so two launched servers never race for the same one.
 */
public final class Ports {

    private static final int LOWEST = 10_000;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();
    private static final int EPHEMERAL_LOW = ephemeralLow();

    private Ports() {}

    /** A free port, not handed out before by this JVM. */
    public static int freePort() {
        return freePortRange(1);
    }

    /** A port {@code p} such that {@code p .. p+count-1} are all free right now and none was handed out before. */
    public static synchronized int freePortRange(int count) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 1000; attempt++) {
            int p = LOWEST + random.nextInt(EPHEMERAL_LOW - LOWEST - count);
            boolean ok = true;
            for (int i = 0; i < count && ok; i++) {
                ok = !HANDED_OUT.contains(p + i) && isFree(p + i);
            }
            if (ok) {
                for (int i = 0; i < count; i++) {
                    HANDED_OUT.add(p + i);
                }
                return p;
            }
        }
        throw new IllegalStateException("no range of " + count + " free ports found below " + EPHEMERAL_LOW);
    }

    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The low end of the kernel's ephemeral port range (Linux's default 32768 where it cannot be read). */
    private static int ephemeralLow() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .trim();
            int low = Integer.parseInt(range.split("\\s+")[0]);
            return low > LOWEST + 2_000 ? low : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
