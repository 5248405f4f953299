package net.aisj.service.etl;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.aisj.core.AisException;

/**
 * One transformer's operating-system process, as AIS's pod would be: started with a cleared environment (AIS's
 * variables, the spec's, and only {@code PATH}, {@code HOME}, {@code LANG} of the node), in its own session and
 * process group (through {@code setsid}), its output appended to a log file that is kept below a size cap; stopped
 * with SIGTERM to the whole group and SIGKILL after a grace period; CPU and memory read from {@code /proc}.
 *
 * <p>The port: the transformer gets a free loopback port in {@code AIS_ETL_PORT}; {@code $(VAR)} in the command is
 * expanded as Kubernetes does, and the fixed forms AIS's images use ({@code --port 8000}, {@code 0.0.0.0:8000},
 * {@code --host 0.0.0.0}) are rewritten to that port on loopback. Thread-safe.
 */
final class TransformerProcess {

    private static final Logger LOG = Logger.getLogger(TransformerProcess.class.getName());
    /** The port AIS's pods listen on (named {@code default} in the pod spec). */
    static final String AIS_PORT = "8000";

    static final long LOG_CAP = 1 << 20;
    private static final int LOG_KEEP = 256 << 10;
    private static final Pattern VAR = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    private static final long CLK_TCK = 100;

    /** The file in a transformer's directory that names its process while it runs. */
    static final String PID_FILE = "transformer.pid";

    /** util-linux {@code setsid}: starts the transformer as the leader of a new session and process group. */
    private static final java.util.Optional<Path> SETSID = onPath("setsid");

    private final Process process;
    private final Path log;
    private final Path pidFile;
    private long lastTicks = -1;
    private long lastSampleNanos;

    private TransformerProcess(Process process, Path log, Path pidFile) {
        this.process = process;
        this.log = log;
        this.pidFile = pidFile;
    }

    /**
     * A transformer this node did not start (the {@code url} runtime: already running elsewhere): nothing to stop,
     * no output or resource use to read; it counts as alive (its health probe tells the rest).
     */
    static TransformerProcess attached() {
        return new TransformerProcess(null, null, null);
    }

    private boolean isAttached() {
        return process == null;
    }

    /**
     * Starts {@code command} in {@code dir} with exactly {@code env} (plus the node's PATH, HOME, LANG unless set).
     *
     * @throws AisException BAD_REQUEST when the command cannot be run (not found, not executable)
     */
    static TransformerProcess start(String etl, List<String> command, Map<String, String> env, int port, Path dir) {
        List<String> cmd = command(command, env, port);
        Path log = dir.resolve("transformer.log");
        List<String> argv = new ArrayList<>();
        SETSID.ifPresent(p -> argv.add(p.toString()));
        argv.addAll(cmd);
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
        Map<String, String> e = pb.environment();
        Map<String, String> node = System.getenv();
        e.clear();
        for (String k : List.of("PATH", "HOME", "LANG")) {
            if (node.get(k) != null) {
                e.put(k, node.get(k));
            }
        }
        e.putAll(env);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(log); // a new run, a new log (as a new pod's)
            Process p = pb.start();
            LOG.info(() -> "etl job " + etl + ": started transformer pid " + p.pid() + ": " + cmd);
            recordPid(dir, p.toHandle());
            return new TransformerProcess(p, log, dir.resolve(PID_FILE));
        } catch (IOException ex) {
            throw AisException.badRequest("etl job " + etl + ": cannot run " + cmd + ": " + ex.getMessage());
        }
    }

    /** The command with {@code $(VAR)} expanded from {@code env} and AIS's fixed port forms rewritten. */
    static List<String> command(List<String> command, Map<String, String> env, int port) {
        List<String> out = new ArrayList<>(command.size());
        String prev = "";
        for (String a : command) {
            Matcher m = VAR.matcher(a);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String v = env.get(m.group(1));
                m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? m.group() : v));
            }
            m.appendTail(sb);
            String s = sb.toString();
            if ((prev.equals("--port") || prev.equals("-p")) && s.equals(AIS_PORT)) {
                s = Integer.toString(port);
            } else if (prev.equals("--host") && s.equals("0.0.0.0")) {
                s = "127.0.0.1";
            } else if (s.equals("--port=" + AIS_PORT)) {
                s = "--port=" + port;
            } else if (s.endsWith("0.0.0.0:" + AIS_PORT)) {
                s = s.substring(0, s.length() - ("0.0.0.0:" + AIS_PORT).length()) + "127.0.0.1:" + port;
            }
            out.add(s);
            prev = s;
        }
        return out;
    }

    private static java.util.Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return java.util.Optional.empty();
        }
        return java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    boolean alive() {
        return isAttached() || process.isAlive();
    }

    /** The exit code, or -1 while it runs. */
    int exitCode() {
        return alive() ? -1 : process.exitValue();
    }

    /** The process id; -1 when attached. */
    long pid() {
        return isAttached() ? -1 : process.pid();
    }

    /** SIGTERM to the process group (and every descendant), SIGKILL what is left after {@code graceMillis}. */
    void stop(long graceMillis) {
        if (isAttached()) {
            return;
        }
        List<ProcessHandle> all = tree();
        signalGroup("-TERM");
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + graceMillis * 1_000_000;
        while (all.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
        if (all.stream().anyMatch(ProcessHandle::isAlive)) {
            signalGroup("-KILL");
            all.forEach(ProcessHandle::destroyForcibly);
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            LOG.fine(() -> "cannot remove " + pidFile + ": " + e.getMessage());
        }
    }

    /**
     * Records who the transformer is ({@value #PID_FILE}: its pid and start time), so that a node killed without a
     * chance to stop it finds and stops it when it starts again ({@link #reapOrphans}).
     */
    private static void recordPid(Path dir, ProcessHandle h) {
        try {
            Files.writeString(dir.resolve(PID_FILE), h.pid() + " " + startMillis(h));
        } catch (IOException e) {
            LOG.warning(() -> "cannot record transformer pid in " + dir + ": " + e.getMessage());
        }
    }

    private static long startMillis(ProcessHandle h) {
        return h.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(-1L);
    }

    /**
     * Stops the transformers that a previous run of this node left behind (it was killed, so it never stopped
     * them): every {@value #PID_FILE} under {@code root}'s ETL directories whose process is still the one recorded
     * (same pid and start time: a reused pid is left alone) gets its process group and descendants killed.
     *
     * @return how many were stopped
     */
    static int reapOrphans(Path root) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int n = 0;
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path f : dirs.map(d -> d.resolve(PID_FILE))
                    .filter(Files::isRegularFile)
                    .toList()) {
                if (reap(f)) {
                    n++;
                }
            }
        } catch (IOException e) {
            LOG.warning(() -> "cannot look for orphaned transformers in " + root + ": " + e.getMessage());
        }
        return n;
    }

    private static boolean reap(Path pidFile) throws IOException {
        String[] f = Files.readString(pidFile).trim().split(" ");
        Files.deleteIfExists(pidFile);
        if (f.length != 2) {
            return false;
        }
        long pid;
        long start;
        try {
            pid = Long.parseLong(f[0]);
            start = Long.parseLong(f[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        java.util.Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive() || startMillis(h.get()) != start || start < 0) {
            return false;
        }
        List<ProcessHandle> all = new ArrayList<>();
        all.add(h.get());
        try (Stream<ProcessHandle> d = h.get().descendants()) {
            d.forEach(all::add);
        }
        if (SETSID.isPresent()) {
            kill("-KILL", pid);
        }
        all.forEach(ProcessHandle::destroyForcibly);
        LOG.info(() -> "stopped transformer pid " + pid + " left behind by a previous run (" + pidFile + ")");
        return true;
    }

    private void signalGroup(String signal) {
        if (SETSID.isEmpty()) {
            return; // no group of its own
        }
        kill(signal, process.pid());
    }

    /** {@code kill signal -- -pgid}: the whole process group led by {@code pgid}. */
    private static void kill(String signal, long pgid) {
        try {
            Process k = new ProcessBuilder("kill", signal, "--", "-" + pgid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            k.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.fine(() -> "kill " + signal + " -" + pgid + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<ProcessHandle> tree() {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process.toHandle());
        try (Stream<ProcessHandle> d = process.descendants()) {
            d.forEach(all::add);
        }
        return all;
    }

    /** The captured output, at most the last {@code max} bytes. */
    byte[] logTail(int max) {
        if (isAttached()) {
            return new byte[0];
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long len = f.length();
            int n = (int) Math.min(len, max);
            byte[] b = new byte[n];
            f.seek(len - n);
            f.readFully(b);
            return b;
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** The tail of the log as text (for error messages). */
    String logText(int max) {
        return new String(logTail(max), StandardCharsets.UTF_8).strip();
    }

    /** Keeps the log below {@link #LOG_CAP}: past it, only the last {@code LOG_KEEP} bytes stay. */
    void capLog() {
        if (isAttached()) {
            return;
        }
        try {
            if (Files.size(log) <= LOG_CAP) {
                return;
            }
            byte[] tail = logTail(LOG_KEEP);
            try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
                f.setLength(0);
                f.write(tail);
            }
        } catch (IOException e) {
            LOG.fine(() -> "cannot cap " + log + ": " + e.getMessage());
        }
    }

    /** CPU cores used by the process tree since the previous call (since the start on the first). */
    synchronized double cpu() {
        if (isAttached()) {
            return 0;
        }
        long ticks = 0;
        for (ProcessHandle h : tree()) {
            ticks += ticks(h.pid());
        }
        long now = System.nanoTime();
        long prevTicks = lastTicks < 0 ? 0 : lastTicks;
        long since = lastTicks < 0
                ? process.info()
                        .startInstant()
                        .map(i -> java.time.Duration.between(i, java.time.Instant.now())
                                .toNanos())
                        .orElse(1L)
                : now - lastSampleNanos;
        lastTicks = ticks;
        lastSampleNanos = now;
        return since <= 0 ? 0 : (ticks - prevTicks) / (double) CLK_TCK / (since / 1e9);
    }

    /** Resident memory of the process tree, bytes. */
    long memBytes() {
        if (isAttached()) {
            return 0;
        }
        long kb = 0;
        for (ProcessHandle h : tree()) {
            try (Stream<String> lines = Files.lines(Path.of("/proc/" + h.pid() + "/status"))) {
                kb += lines.filter(l -> l.startsWith("VmRSS:"))
                        .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                        .sum();
            } catch (IOException | RuntimeException e) {
                // gone meanwhile, or no /proc
            }
        }
        return kb * 1024;
    }

    /** utime + stime of one process, in clock ticks (fields 14 and 15 of /proc/pid/stat). */
    private static long ticks(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
