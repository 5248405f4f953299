package net.aisj.connector.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Engine tuning.
 *
 * @param cleanupInterval how often each mountpath's {@link CleanupJogger} removes stale work files (system property
 *                        {@code ais.workfile.cleanup.seconds}, default 600)
 * @param workfileMaxAge  a PUT temp file or pending append untouched this long is removed (system property
 *                        {@code ais.workfile.maxage.seconds}, default 3600)
 * @param bufferSize      I/O buffer per stream (256 KiB)
 * @param xattrProbe      tells whether a mountpath root supports user xattrs (probed once at open; injectable so
 *                        tests can force side files)
 */
public record EngineConfig(
        Duration cleanupInterval,
        Duration workfileMaxAge,
        int bufferSize,
        Predicate<Path> xattrProbe,
        Duration uploadMaxAge,
        int outOfSpacePercent) {

    public static final int DEFAULT_BUFFER = 256 * 1024;

    public EngineConfig {
        Objects.requireNonNull(cleanupInterval, "cleanupInterval");
        Objects.requireNonNull(workfileMaxAge, "workfileMaxAge");
        Objects.requireNonNull(xattrProbe, "xattrProbe");
        Objects.requireNonNull(uploadMaxAge, "uploadMaxAge");
        if (outOfSpacePercent < 1 || outOfSpacePercent > 100) {
            outOfSpacePercent = 95;
        }
        if (bufferSize < 4096) {
            bufferSize = DEFAULT_BUFFER;
        }
    }

    /** Defaults, with the cleanup timings taken from system properties when set. */
    public static EngineConfig fromSystemProperties() {
        return new EngineConfig(
                Duration.ofSeconds(positive("ais.workfile.cleanup.seconds", 600)),
                Duration.ofSeconds(positive("ais.workfile.maxage.seconds", 3600)),
                DEFAULT_BUFFER,
                EngineConfig::probeXattrs,
                Duration.ofSeconds(positive("ais.multipart.maxage.seconds", 7 * 86_400)),
                (int) positive("ais.space.out_of_space", 95));
    }

    public EngineConfig withXattrProbe(Predicate<Path> probe) {
        return new EngineConfig(cleanupInterval, workfileMaxAge, bufferSize, probe, uploadMaxAge, outOfSpacePercent);
    }

    public EngineConfig withCleanup(Duration interval, Duration maxAge) {
        return new EngineConfig(interval, maxAge, bufferSize, xattrProbe, uploadMaxAge, outOfSpacePercent);
    }

    /** New writes are refused on a mountpath whose file system is this full (percent used). */
    public EngineConfig withOutOfSpace(int percent) {
        return new EngineConfig(cleanupInterval, workfileMaxAge, bufferSize, xattrProbe, uploadMaxAge, percent);
    }

    /** Multipart uploads without a new part for this long are aborted by the cleanup round. */
    public EngineConfig withUploadMaxAge(Duration maxAge) {
        return new EngineConfig(cleanupInterval, workfileMaxAge, bufferSize, xattrProbe, maxAge, outOfSpacePercent);
    }

    private static long positive(String prop, long dflt) {
        String v = System.getProperty(prop);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            long s = Long.parseLong(v.trim());
            return s > 0 ? s : dflt;
        } catch (NumberFormatException e) {
            FileOps.LOG.warning("ignoring " + prop + "=" + v + ": not a positive number");
            return dflt;
        }
    }

    /** Writes, reads back and removes a user xattr on a scratch file in {@code root}. */
    public static boolean probeXattrs(Path root) {
        Path p = null;
        try {
            p = Files.createFile(root.resolve(".ais.xattr-probe-" + FileOps.randomHex()));
            byte[] v = {1, 2, 3};
            MetaStore.writeXattr(p, v);
            byte[] back = MetaStore.readXattr(p);
            return back != null && back.length == 3 && back[2] == 3;
        } catch (IOException | RuntimeException e) {
            return false;
        } finally {
            if (p != null) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best-effort
                }
            }
        }
    }
}
