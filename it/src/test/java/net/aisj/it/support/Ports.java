package net.aisj.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback TCP ports (bind to port 0, remember, close). */
public final class Ports {

    private Ports() {}

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port {@code p} such that {@code p .. p+count-1} are all free right now. */
    public static int freePortRange(int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int p = freePort();
            if (p + count > 65535) {
                continue;
            }
            boolean ok = true;
            for (int i = 1; i < count && ok; i++) {
                ok = isFree(p + i);
            }
            if (ok) {
                return p;
            }
        }
        throw new IllegalStateException("no range of " + count + " free ports found");
    }

    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
