package net.aisj.service.etl;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;
import net.aisj.connector.api.ObjectId;
import net.aisj.core.AisException;
import net.aisj.core.etl.EtlEntry;
import net.aisj.core.etl.EtlNodeState;
import net.aisj.service.LocalNode;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's transformers (the {@code process} runtime): one local process per running ETL, what a Kubernetes pod
 * is to an AIS target. Starting one waits until it answers {@code GET /health} (or fails, with the tail of its log,
 * when it exits or the init timeout passes); stopping one ends its process group. One that exits is restarted with
 * a backoff up to a limit (AIS aborts at once; {@code restart_max: 0} in the spec or {@code ais.etl.restart.max=0}
 * gives that), then its ETL is aborted. Settings: {@code ais.etl.workdir} (default
 * {@code <tmp>/aisj-etl/<node id>}: a directory per ETL holding its captured output), {@code ais.etl.restart.max}
 * (default 3). Thread-safe.
 */
@ApplicationScoped
public class TransformerSupervisor {

    private static final Logger LOG = Logger.getLogger(TransformerSupervisor.class.getName());
    /** How long a stopped transformer has between SIGTERM and SIGKILL. */
    static final long STOP_GRACE_MILLIS = 5_000;

    @Inject
    LocalNode node;

    @Inject
    @ConfigProperty(name = "ais.etl.workdir")
    Optional<String> workdir;

    /**
     * AIS's default: a transformer gets an object's local file path ({@code etl_fqn}) instead of its bytes when the
     * object is one plain local file whose reads are not verified; false is AIS's {@code DontAllowPassingFQNtoETL}.
     */
    @Inject
    @ConfigProperty(name = "ais.etl.pass_fqn", defaultValue = "true")
    boolean passFqn;

    /** How often a transformer that exits is restarted before its ETL is aborted (0: at once, as AIS). */
    @Inject
    @ConfigProperty(name = "ais.etl.restart.max", defaultValue = "3")
    int restartMax;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** The operator's image table file ({@link ImageTable}); read once, on first use. */
    @Inject
    @ConfigProperty(name = "ais.etl.images")
    Optional<String> images;

    private volatile ImageTable table;

    private volatile boolean reaped;

    private final Map<String, Transformer> running = new ConcurrentHashMap<>();

    /**
     * Starts {@code entry}'s transformer here and waits until it is healthy; a transformer of the same name already
     * running (an older init) is stopped first.
     *
     * @throws AisException BAD_REQUEST when nothing can be run, UNAVAILABLE when it exits or is not healthy in time
     *                      (the message carries the tail of its output); nothing keeps running then
     */
    public void start(EtlEntry entry) {
        reapOrphansOnce();
        stop(entry.name());
        checkRunnable(entry.spec());
        int port = freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AIS_TARGET_URL", node.self().publicUrl() + "/v1/etl/_object/" + entry.name() + "/" + entry.secret());
        env.put("DIRECT_PUT", Boolean.toString(entry.spec().directPut()));
        env.put("AIS_ETL_PORT", Integer.toString(port));
        env.putAll(entry.spec().env());
        Transformer t =
                new Transformer(entry, command(entry.spec()), node.self().id(), port, env, dir(entry.name()));
        awaitHealthy(t, t.spawn());
        running.put(entry.name(), t);
        LOG.info(() ->
                "etl job " + entry.name() + ": transformer pid " + t.process().pid() + " healthy at " + t.base());
    }

    /** Waits until {@code p} answers {@code GET /health}; stops it and fails when it exits or init_timeout passes. */
    private void awaitHealthy(Transformer t, TransformerProcess p) {
        EtlEntry entry = t.entry();
        long deadline = System.nanoTime() + entry.spec().initTimeoutMillis() * 1_000_000;
        long pause = Math.max(20, Math.min(1000, entry.spec().initTimeoutMillis() / 20));
        while (!t.probe(Duration.ofSeconds(5))) {
            if (!p.alive() || System.nanoTime() > deadline) {
                String why = p.alive()
                        ? "not healthy (GET /health) within init_timeout "
                                + entry.spec().initTimeoutMillis() + "ms"
                        : "exited with code " + p.exitCode() + " before it was healthy";
                p.stop(STOP_GRACE_MILLIS);
                throw new AisException(
                        AisException.Kind.UNAVAILABLE,
                        "etl job " + entry.name() + ": transformer on node "
                                + node.self().id() + " " + why + "; its output: " + p.logText(2048));
            }
            LockSupport.parkNanos(pause * 1_000_000);
        }
    }

    /**
     * Whether this node can run {@code spec}: the {@code process} runtime needs {@code runtime.command}, the
     * {@code url} runtime {@code runtime.url} (an image alone needs a container runtime, which this node does not
     * use).
     *
     * @throws AisException BAD_REQUEST otherwise
     */
    void checkRunnable(net.aisj.core.etl.EtlSpec spec) {
        String nodeId = node.self().id();
        if (command(spec).isEmpty() && spec.url().isEmpty()) {
            throw AisException.badRequest("etl job " + spec.name() + ": runtime.image \"" + spec.image()
                    + "\" has no command on node " + nodeId
                    + " (give runtime.command, or map the image in the table ais.etl.images; no container runtime"
                    + " is used)");
        }
    }

    /**
     * What runs for {@code spec}: its {@code runtime.command}, else the image table's command for its image, else
     * (pod-spec form) the pod's container command.
     */
    List<String> command(net.aisj.core.etl.EtlSpec spec) {
        if (!spec.command().isEmpty()) {
            return spec.command();
        }
        ImageTable t = table;
        if (t == null) {
            t = ImageTable.read(images);
            table = t;
        }
        return spec.image().isEmpty()
                ? spec.podCommand()
                : t.command(spec.image()).orElse(spec.podCommand());
    }

    /** Stops this node's transformer of {@code name}; false when none runs. */
    public boolean stop(String name) {
        Transformer t = running.remove(name);
        if (t == null) {
            return false;
        }
        t.process().stop(STOP_GRACE_MILLIS);
        LOG.info(() -> "etl job " + name + ": transformer pid " + t.process().pid() + " stopped");
        return true;
    }

    /** Whether {@code name}'s transformer runs here (started by {@code xid}'s init). */
    public boolean runs(String name, String xid) {
        Transformer t = running.get(name);
        return t != null && t.entry().xid().equals(xid);
    }

    public boolean runs(String name) {
        return running.containsKey(name);
    }

    /** The ETLs with a transformer here. */
    java.util.Set<String> runningNames() {
        return java.util.Set.copyOf(running.keySet());
    }

    /** This node's state of {@code name} (errors of offline job {@code job}, or inline ones for ""). */
    public Optional<EtlNodeState> state(String name, String job) {
        return Optional.ofNullable(running.get(name)).map(t -> t.state(job));
    }

    /** The captured output of {@code name}'s transformer here (at most the last MiB); empty when none runs. */
    public Optional<byte[]> logs(String name) {
        return Optional.ofNullable(running.get(name)).map(t -> t.process().logTail((int) TransformerProcess.LOG_CAP));
    }

    /**
     * Transforms one object with {@code name}'s transformer here.
     *
     * @throws AisException NOT_FOUND when it does not run here; see {@link Transformer#transform}
     */
    Transformer.Answer transform(
            String name,
            ObjectId id,
            InputStream body,
            long length,
            java.nio.file.Path file,
            String args,
            String job,
            List<String> pipeline,
            String directPut) {
        List<String> hops = new ArrayList<>();
        for (String next : pipeline) {
            hops.add(local(next).base().toString());
        }
        if (directPut != null) {
            hops.add(directPut); // AIS: the destination goes last in Ais-Node-Url
        }
        return local(name).transform(id, body, length, passFqn ? file : null, args, job, String.join(",", hops));
    }

    private Transformer local(String name) {
        Transformer t = running.get(name);
        if (t == null) {
            throw AisException.notFound(
                    "etl job " + name + " does not exist on node " + node.self().id() + " - try starting it");
        }
        return t;
    }

    Optional<Transformer> get(String name) {
        return Optional.ofNullable(running.get(name));
    }

    /**
     * One supervision round: caps the logs; a transformer that exited is restarted after a backoff (1 s, 2 s, 4 s,
     * ...) while it has restarts left ({@code restart_max} of its spec, else {@code ais.etl.restart.max}); those
     * past the limit are removed and returned with why, for the caller to abort as AIS does.
     */
    List<Map.Entry<String, String>> checkAll() {
        List<Map.Entry<String, String>> dead = new ArrayList<>();
        for (Transformer t : running.values()) {
            t.process().capLog();
            if (t.restarting() || t.process().alive()) {
                continue;
            }
            int limit = t.entry().spec().restartMax() >= 0 ? t.entry().spec().restartMax() : restartMax;
            String exit = "transformer on node " + node.self().id() + " exited with code "
                    + t.process().exitCode();
            if (t.restarts() < limit) {
                t.restarting(true);
                long backoff = 1000L << Math.min(t.restarts(), 6);
                LOG.warning("etl job " + t.name() + ": " + exit + "; restart " + (t.restarts() + 1) + " of " + limit
                        + " in " + backoff + " ms");
                scheduler.schedule(() -> restart(t), backoff, TimeUnit.MILLISECONDS);
                continue;
            }
            if (running.remove(t.name(), t)) {
                dead.add(Map.entry(
                        t.name(),
                        exit + (limit > 0 ? " (restarted " + t.restarts() + " times, the limit)" : "")
                                + "; its output: " + t.process().logText(1024)));
            }
        }
        return dead;
    }

    private void restart(Transformer t) {
        try {
            if (running.get(t.name()) != t) {
                return; // stopped meanwhile
            }
            t.restarted();
            TransformerProcess p = t.spawn();
            awaitHealthy(t, p);
            if (running.get(t.name()) != t) {
                p.stop(STOP_GRACE_MILLIS); // stopped while it restarted
                return;
            }
            LOG.info(() -> "etl job " + t.name() + ": transformer restarted, pid "
                    + t.process().pid());
        } catch (AisException e) {
            LOG.warning("etl job " + t.name() + ": restart failed: " + e.getMessage());
        } finally {
            t.restarting(false);
        }
    }

    @PreDestroy
    void stopAll() {
        for (String name : List.copyOf(running.keySet())) {
            stop(name);
        }
    }

    /** This node's ETL directories' parent ({@code ais.etl.workdir}, else one per node id under the temp dir). */
    private Path base() {
        return workdir.filter(s -> !s.isBlank())
                .map(Path::of)
                .orElseGet(() -> Path.of(
                        System.getProperty("java.io.tmpdir"),
                        "aisj-etl",
                        node.self().id()));
    }

    /** Once per run, before this node starts its first transformer: stops those a killed previous run left. */
    private void reapOrphansOnce() {
        if (!reaped) {
            synchronized (this) {
                if (!reaped) {
                    int n = TransformerProcess.reapOrphans(base());
                    if (n > 0) {
                        LOG.info("stopped " + n + " transformer(s) left running by this node's previous run");
                    }
                    reaped = true;
                }
            }
        }
    }

    private Path dir(String name) {
        Path d = base().resolve(name).toAbsolutePath();
        try {
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new AisException(AisException.Kind.INTERNAL, "etl job " + name + ": cannot create " + d, e);
        }
        return d;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new AisException(AisException.Kind.UNAVAILABLE, "no free loopback port for a transformer", e);
        }
    }
}
