package net.aisj.service.dsort;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import net.aisj.cluster.DsortIntra;
import net.aisj.cluster.DsortJson;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.ScratchFile;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageException;
import net.aisj.core.AisException;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;
import net.aisj.core.dsort.DsortJobInfo;
import net.aisj.core.dsort.DsortRecord;
import net.aisj.core.dsort.DsortSpec;
import net.aisj.service.JobControl;
import net.aisj.service.LocalNode;
import net.aisj.service.ObjectService;
import net.aisj.service.PlannedTargets;
import net.aisj.service.StorageErrors;
import net.aisj.service.archive.ShardWriter;
import net.aisj.xact.XactKind;
import net.aisj.xact.Xaction;
import net.aisj.xact.XactionRegistry;

/**
 * This node's parts of dsort jobs, as the intra endpoints ({@code /v1/intra/dsort}) and {@link DsortService} reach
 * them: starting a part, its records, plan, "built" and end signals, serving pulls of record contents, its metrics;
 * and the node's services as a part sees them ({@link DsortNode}). Thread-safe.
 */
@ApplicationScoped
public class DsortParts {

    @Inject
    LocalNode node;

    @Inject
    ObjectService objects;

    @Inject
    ShardWriter writer;

    @Inject
    XactionRegistry registry;

    @Inject
    JobControl jobs;

    @Inject
    PlannedTargets planned;

    private volatile DsortIntra intra;

    /** Starts this target's part of job {@code id} (the coordinator's start message, parsed by the transport). */
    public void startLocal(String id, String coordinator, List<String> targets, DsortSpec spec) {
        Xaction x = registry.start(new DsortXaction(id, spec, coordinator, targets, localNode()));
        planned.watch(x, java.util.Set.copyOf(targets));
    }

    /**
     * This part's records once extracted; empty while extracting (after waiting a few seconds) and while this target
     * has not got its start yet (the parts are started one by one, and the coordinator may ask before this target's
     * start arrived; if it never arrives the job is aborted, which ends the coordinator's asking).
     */
    public Optional<List<DsortRecord>> localRecords(String id) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DsortCoordinator.RECORDS_WAIT_MILLIS);
        Optional<DsortXaction> x = localJob(id);
        while (x.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            x = localJob(id);
        }
        return x.map(p -> p.records(DsortCoordinator.RECORDS_WAIT_MILLIS));
    }

    public void writeRecords(List<DsortRecord> records, OutputStream out) {
        DsortJson.writeRecords(records, out);
    }

    public void localPlan(String id, InputStream body) {
        part(id).receivePlan(DsortJson.readPlan(body));
    }

    public void localBuilt(String id, String target) {
        part(id).markBuilt(target);
    }

    public void localFinish(String id) {
        part(id).finishNow();
    }

    /** Streams the requested ranges ({@code [[offset, size], ...]}) of this part's scratch file. */
    public void localServe(String id, List<long[]> ranges, OutputStream out) throws IOException {
        part(id).serve(ranges, out);
    }

    /** Total bytes of the ranges (the response length of a pull). */
    public static long rangesLength(List<long[]> ranges) {
        long n = 0;
        for (long[] r : ranges) {
            n += r[1];
        }
        return n;
    }

    /** This target's part of job {@code id}, as of now; empty when it has none. */
    public Optional<DsortJobInfo> localMetrics(String id) {
        return localJob(id).map(x -> x.metrics.jobInfo());
    }

    /** Every dsort part this target knows, as of now. */
    public List<DsortJobInfo> localList() {
        return registry.snapshots(null, XactKind.DSORT.wire(), false).stream()
                .flatMap(s -> localJob(s.id()).stream())
                .map(x -> x.metrics.jobInfo())
                .toList();
    }

    /** Forgets a finished part; false when there is none or it still runs. */
    public boolean localRemove(String id) {
        return localJob(id).isPresent() && registry.remove(id);
    }

    private DsortXaction part(String id) {
        return localJob(id)
                .orElseThrow(() -> AisException.notFound("dsort job \"" + id + "\" is not running on "
                        + node.self().id()));
    }

    private Optional<DsortXaction> localJob(String id) {
        return registry.get(id).filter(DsortXaction.class::isInstance).map(DsortXaction.class::cast);
    }

    static final int MAX_EKM_BYTES = 64 << 20;

    private static String fetchText(String url) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .followRedirects(java.net.http.HttpClient.Redirect.NORMAL)
                .connectTimeout(java.time.Duration.ofSeconds(10))
                .build();
        try {
            var r = http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                            .timeout(java.time.Duration.ofMinutes(2))
                            .GET()
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    throw AisException.badRequest("unexpected status code (" + r.statusCode()
                            + ") when requesting ekm file from \"" + url + "\"");
                }
                byte[] b = in.readNBytes(MAX_EKM_BYTES + 1);
                if (b.length > MAX_EKM_BYTES) {
                    throw AisException.badRequest("ekm file " + url + " is larger than " + MAX_EKM_BYTES + " bytes");
                }
                return new String(b, java.nio.charset.StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw AisException.badRequest("cannot read ekm file " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AisException.badRequest("interrupted reading ekm file " + url);
        }
    }

    DsortIntra intra() {
        DsortIntra i = intra;
        if (i == null) {
            i = new DsortIntra(node.intra());
            intra = i;
        }
        return i;
    }

    private DsortNode localNode() {
        return new DsortNode() {
            @Override
            public String selfId() {
                return node.self().id();
            }

            @Override
            public ClusterMap clusterMap() {
                return node.clusterMap();
            }

            @Override
            public NodeInfo target(String id) {
                NodeInfo t = node.clusterMap().nodes().get(id);
                if (t == null) {
                    throw new AisException(AisException.Kind.UNAVAILABLE, "target " + id + " is not in the cluster");
                }
                return t;
            }

            @Override
            public ObjectReader localOpen(ObjectId id) {
                // an input shard of a remote bucket that is not cached here is fetched from its backend
                return net.aisj.service.cache.RemoteBuckets.isRemoteName(id.bucket())
                        ? objects.open(id, false)
                        : objects.localOpen(id);
            }

            @Override
            public ScratchFile scratch(String prefix) {
                try (StorageConnection c = node.connection()) {
                    return c.createScratch(prefix);
                } catch (StorageException e) {
                    throw StorageErrors.map(e);
                }
            }

            @Override
            public ObjectStat put(ObjectId dst, ShardWriter.Producer producer) {
                return writer.put(dst, producer);
            }

            @Override
            public DsortIntra intra() {
                return DsortParts.this.intra();
            }

            @Override
            public String fetchText(String url) {
                return DsortParts.fetchText(url);
            }

            @Override
            public void abortEverywhere(String id, String reason) {
                jobs.abortEverywhere(id, XactKind.DSORT.wire(), reason);
            }
        };
    }
}
