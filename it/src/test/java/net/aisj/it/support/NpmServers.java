package net.aisj.it.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the test servers that come from npm (Azurite, firebase-tools' storage emulator) are installed: the folder
 * {@code .ci/run} installs them into ({@code npm install --prefix}), system property {@code ais.npm.prefix}
 * (default {@code /opt/aisj-npm}).
 */
public final class NpmServers {

    private NpmServers() {}

    public static Path prefix() {
        return Path.of(System.getProperty("ais.npm.prefix", "/opt/aisj-npm")).toAbsolutePath();
    }

    /** {@code node_modules} under the prefix, checked to hold {@code pkg}. */
    public static Path modules(String pkg) {
        Path m = prefix().resolve("node_modules");
        if (!Files.isDirectory(m.resolve(pkg))) {
            throw new IllegalStateException(pkg + " is not installed under " + prefix()
                    + " (install it as .ci/run does: npm install --prefix " + prefix() + " " + pkg + ")");
        }
        return m;
    }

    /** The {@code node} binary. */
    public static String node() {
        for (String p : java.util.List.of("/usr/bin/node", "/usr/local/bin/node")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return "node";
    }
}
