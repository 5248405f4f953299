package net.aisj.service.etl;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.aisj.cluster.IntraContract;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;
import net.aisj.core.AisException;
import net.aisj.core.NodeInfo;
import net.aisj.core.etl.EtlEntry;
import net.aisj.core.etl.EtlSpec;
import net.aisj.core.etl.TransformException;
import net.aisj.service.LocalNode;
import net.aisj.service.ObjectService;

/**
 * The ETL data plane on the object's owning target: an inline transform (AIS {@code GET /v1/objects/..?etl_name=})
 * streams the transformer's answer to the client; an offline one (the {@code etl-bck} / {@code etl-listrange}
 * jobs, a single object's {@code object_to} copy) stores it as another object, on whichever target owns that name.
 * Nothing is buffered whole. Thread-safe.
 */
@ApplicationScoped
public class EtlTransforms {

    /** A transformed object: read the stream to its end (or close it) once. */
    /**
     * A transform's outcome: the output to stream ({@code body}, {@code length} -1 when unknown), or, when
     * {@code delivered}, nothing: the transformer stored its output itself by direct put ({@code length} its size as
     * it reported it, 0 when it did not).
     */
    public record Transformed(InputStream body, long length, String contentType, long inputBytes, boolean delivered) {}

    @Inject
    EtlService etls;

    @Inject
    TransformerSupervisor supervisor;

    @Inject
    ObjectService objects;

    @Inject
    LocalNode node;

    /**
     * The object {@code id} (owned by this target) transformed by the running ETL {@code name}, with
     * {@code etl_args} {@code args} (may be null).
     *
     * @throws AisException NOT_FOUND for an unknown or stopped ETL and for a missing object;
     *                      {@link TransformException} with the transformer's status when it fails
     */
    public Transformed inline(ObjectId id, String name, String args) {
        return inline(id, name, args, List.of());
    }

    /**
     * Like {@link #inline(ObjectId, String, String)} through a pipeline: the output of {@code name} goes through
     * the ETLs {@code pipeline} in order (AIS's {@code etl_pipeline}; each stage hands its output to the next).
     *
     * @throws AisException BAD_REQUEST for a pipeline after an {@code hpull://} ETL (as AIS), NOT_FOUND for a stage
     *                      that does not run
     */
    public Transformed inline(ObjectId id, String name, String args, List<String> pipeline) {
        EtlEntry e = etls.running(name);
        pipeline.forEach(etls::running);
        if (!pipeline.isEmpty() && e.spec().communication().equals(EtlSpec.HPULL)) {
            throw AisException.badRequest(
                    "etl job " + name + ": inline transform pipeline not supported for " + EtlSpec.HPULL);
        }
        long t0 = System.nanoTime();
        Transformed t = transform(e, id, args, "", pipeline, null);
        inline.add(System.nanoTime() - t0, t.inputBytes());
        return t;
    }

    /**
     * AIS's {@code etl.inline.*} / {@code etl.offline.*} target counters: transforms, their total latency until the
     * transformer answered (ns), and the object bytes handed to the transformers.
     */
    public record Stats(long count, long nsTotal, long bytes) {}

    public Stats inlineStats() {
        return inline.stats();
    }

    public Stats offlineStats() {
        return offline.stats();
    }

    /** Three counters updated together. */
    private static final class Counters {
        private final java.util.concurrent.atomic.AtomicLong n = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong ns = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong size = new java.util.concurrent.atomic.AtomicLong();

        void add(long nanos, long bytes) {
            n.incrementAndGet();
            ns.addAndGet(nanos);
            size.addAndGet(Math.max(0, bytes));
        }

        Stats stats() {
            return new Stats(n.get(), ns.get(), size.get());
        }
    }

    private final Counters inline = new Counters();
    private final Counters offline = new Counters();

    /**
     * Transforms {@code from} (owned here) with ETL {@code name} and stores the result as {@code to}, wherever it
     * belongs; object errors are recorded under job {@code job}.
     *
     * @return the stored object's size (0 when the transformer did not tell it); -1 when the source does not exist
     */
    public long copy(String name, String args, ObjectId from, ObjectId to, String job) {
        EtlEntry e = etls.running(name);
        Optional<NodeInfo> owner = objects.redirect(to);
        // AIS's direct put: a transformer that supports it stores an output owned by another target there itself
        String direct = e.spec().directPut() && owner.isPresent()
                ? owner.get().publicUrl() + "/" + Transformer.enc(to.uname()) + "?uuid=" + Transformer.enc(job)
                : null;
        Transformed t;
        try {
            long t0 = System.nanoTime();
            t = transform(e, from, args, job, List.of(), direct);
            offline.add(System.nanoTime() - t0, t.inputBytes());
        } catch (AisException ex) {
            if (ex.reason() == AisException.Reason.NO_SUCH_OBJECT) {
                return -1;
            }
            throw ex;
        }
        if (t.delivered()) {
            return Math.max(0, t.length());
        }
        try (InputStream in = t.body()) {
            if (owner.isEmpty()) {
                return objects.put(to, in, t.length(), null, Map.of()).size();
            }
            HttpResponse<InputStream> r = node.intra()
                    .forward(
                            owner.get(),
                            "PUT",
                            IntraContract.objectPath("v1", "objects", to),
                            Map.of("Content-Type", List.of("application/octet-stream")),
                            in,
                            t.length());
            try (InputStream rb = r.body()) {
                if (r.statusCode() != 200) {
                    throw IntraContract.failure(owner.get(), "PUT " + to.cname(), r.statusCode(), rb);
                }
            }
            return Math.max(0, t.length());
        } catch (IOException ex) {
            throw new AisException(
                    AisException.Kind.UNAVAILABLE,
                    "etl job " + name + ": " + from.cname() + ": " + ex.getMessage(),
                    ex);
        } catch (AisException ex) {
            supervisor.get(name).ifPresent(tr -> tr.recordError(job, from.cname(), ex.getMessage(), 500));
            throw ex;
        }
    }

    /** {@code direct}: the direct-put destination URL for the transformer, or null. */
    private Transformed transform(
            EtlEntry e, ObjectId id, String args, String job, List<String> pipeline, String direct) {
        if (e.spec().communication().equals(EtlSpec.HPULL)) {
            ObjectStat st = objects.head(id); // a missing object is AIS's 404, not the transformer's
            Transformer.Answer a =
                    supervisor.transform(e.name(), id, null, st.size(), null, args, job, pipeline, direct);
            return new Transformed(a.body(), a.length(), a.contentType(), st.size(), a.deliveredDirectly());
        }
        ObjectReader r = objects.open(id, false);
        try {
            Transformer.Answer a = supervisor.transform(
                    e.name(), id, r.stream(), r.stat().size(), r.localFile().orElse(null), args, job, pipeline, direct);
            return new Transformed(
                    closing(a.body(), r), a.length(), a.contentType(), r.stat().size(), a.deliveredDirectly());
        } catch (IOException ex) {
            r.close();
            throw new AisException(AisException.Kind.INTERNAL, "reading " + id.cname() + ": " + ex.getMessage(), ex);
        } catch (RuntimeException ex) {
            r.close();
            throw ex;
        }
    }

    /** {@code in} that also closes {@code r} when closed (the transformer may still read the request body). */
    private static InputStream closing(InputStream in, ObjectReader r) {
        return new FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    r.close();
                }
            }
        };
    }
}
