package net.aisj.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ec.EcMeta;
import net.aisj.connector.api.ec.EcSlice;
import net.aisj.core.AisException;
import net.aisj.core.NodeInfo;

/**
 * Erasure-coding calls between targets on {@code /v1/intra/ec/...} (through {@link IntraClient#forward}, which adds
 * the cluster secret): metafiles, slice and replica transfer, removal, and starting a node's part of an EC job.
 * Metafiles travel base64url-encoded in the {@value #META_HEADER} header. Thread-safe.
 */
public final class EcIntra {

    /** Header with the base64url JSON metafile of a slice sent or served. */
    public static final String META_HEADER = "Ais-Ec-Meta";

    /**
     * Header of a {@value #REFUSED_STATUS} answer to a slice or replica: the holder did not store it because it keeps
     * a newer generation of the object, whose number this header carries (0 when it is gone by the time the holder
     * answers); its metafile comes in {@value #META_HEADER} when known.
     */
    public static final String REFUSED_HEADER = "Ais-Ec-Refused";

    /** HTTP status of a refused slice or replica (409 Conflict), told apart from other 409s by {@value #REFUSED_HEADER}. */
    public static final int REFUSED_STATUS = 409;

    /**
     * A holder's refusal of a replica or slice: it keeps a newer generation of the object.
     *
     * @param held    the holder's metafile of that newer generation, empty when it was gone by the time it answered
     * @param message why, for logs
     */
    public record Refusal(Optional<EcMeta> held, String message) {

        public Refusal {
            held = held == null ? Optional.empty() : held;
            message = message == null ? "" : message;
        }

        /** The generation the holder keeps, 0 when unknown. */
        public long generation() {
            return held.map(EcMeta::generation).orElse(0L);
        }
    }

    private final IntraClient intra;

    public EcIntra(IntraClient intra) {
        this.intra = intra;
    }

    public static String encodeMeta(EcMeta m) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(m.toBytes());
    }

    /** @throws AisException BAD_REQUEST when the header is not a metafile */
    public static EcMeta decodeMeta(String header) {
        try {
            return EcMeta.parse(Base64.getUrlDecoder().decode(header == null ? "" : header.trim()));
        } catch (IllegalArgumentException e) {
            throw AisException.badRequest("invalid " + META_HEADER + ": " + e.getMessage());
        }
    }

    /**
     * The metafile {@code node} keeps for {@code id} (main or holder), if any; with {@code verify}, a holder first
     * checks its slice against the metafile and drops it (answering none) when it does not match.
     */
    public Optional<EcMeta> meta(NodeInfo node, ObjectId id, boolean verify) {
        HttpResponse<InputStream> r = call(node, "GET", path("meta", id) + "&verify=" + verify, null, null, 0);
        try (InputStream in = r.body()) {
            if (r.statusCode() == 404) {
                return Optional.empty();
            }
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (r.statusCode() != 200) {
                throw failure(node, "EC metafile of " + id.cname(), r.statusCode(), body);
            }
            return Optional.of(EcMeta.parse(body));
        } catch (IOException | IllegalArgumentException e) {
            throw unreachable(node, e);
        }
    }

    /**
     * Sends a slice or replica ({@code length} bytes) to {@code node}. Returns empty once it is stored there, or the
     * holder's refusal when it keeps a newer generation of the object (nothing stored; the caller decides).
     *
     * @throws AisException when the holder could not store it (unreachable, bad checksum, out of space...)
     */
    public Optional<Refusal> putSlice(NodeInfo node, ObjectId id, EcMeta meta, InputStream body, long length) {
        HttpResponse<InputStream> r = call(node, "PUT", path("slices", id), Map.of(META_HEADER, encodeMeta(meta),
                "Content-Type", "application/octet-stream"), body, length);
        try (InputStream in = r.body()) {
            String msg = new String(in.readNBytes(2048), StandardCharsets.UTF_8);
            if (r.statusCode() == REFUSED_STATUS && r.headers().firstValue(REFUSED_HEADER).isPresent()) {
                Optional<EcMeta> held = r.headers().firstValue(META_HEADER).filter(h -> !h.isBlank())
                        .map(EcIntra::decodeMeta);
                return Optional.of(new Refusal(held, node.displayName() + ": " + msg));
            }
            if (r.statusCode() != 200) {
                throw failure(node, "store slice " + meta.sliceId() + " of " + id.cname(), r.statusCode(), msg);
            }
            return Optional.empty();
        } catch (IOException e) {
            throw unreachable(node, e);
        }
    }

    /** Opens the slice or replica {@code node} holds; NOT_FOUND when none. The caller closes it. */
    public EcSlice openSlice(NodeInfo node, ObjectId id) {
        HttpResponse<InputStream> r = call(node, "GET", path("slices", id), null, null, 0);
        if (r.statusCode() == 200) {
            EcMeta m = decodeMeta(r.headers().firstValue(META_HEADER).orElse(""));
            return new EcSlice(m, r.body());
        }
        try (InputStream in = r.body()) {
            String msg = new String(in.readNBytes(2048), StandardCharsets.UTF_8);
            if (r.statusCode() == 404) {
                throw AisException.notFound("no slice of " + id.cname() + " on " + node.displayName());
            }
            throw failure(node, "read slice of " + id.cname(), r.statusCode(), msg);
        } catch (IOException e) {
            throw unreachable(node, e);
        }
    }

    /** Removes {@code node}'s slice/replica and metafile of {@code id} ({@code generation} > 0: only that one). */
    public void delete(NodeInfo node, ObjectId id, long generation) {
        HttpResponse<InputStream> r = call(node, "DELETE", path("slices", id) + "&gen=" + generation, null, null, 0);
        try (InputStream in = r.body()) {
            String msg = new String(in.readNBytes(2048), StandardCharsets.UTF_8);
            if (r.statusCode() != 200 && r.statusCode() != 404) {
                throw failure(node, "delete slice of " + id.cname(), r.statusCode(), msg);
            }
        } catch (IOException e) {
            throw unreachable(node, e);
        }
    }

    /** Starts {@code node}'s part of EC job {@code id} of {@code kind} on {@code bucket}. */
    public void startJob(NodeInfo node, String kind, String id, BucketId bucket,
                         boolean verify) {
        String q = "/v1/intra/ec/jobs?kind=" + IntraClient.enc(kind) + "&id=" + IntraClient.enc(id) + "&bucket="
                + IntraClient.enc(bucket.name()) + "&provider=" + IntraClient.enc(bucket.provider())
                + (bucket.namespace().isEmpty() ? "" : "&namespace=" + IntraClient.enc(bucket.namespace()))
                + "&verify=" + verify;
        HttpResponse<InputStream> r = call(node, "POST", q, null, null, 0);
        try (InputStream in = r.body()) {
            String msg = new String(in.readNBytes(2048), StandardCharsets.UTF_8);
            if (r.statusCode() != 200) {
                throw failure(node, "start " + kind, r.statusCode(), msg);
            }
        } catch (IOException e) {
            throw unreachable(node, e);
        }
    }

    private HttpResponse<InputStream> call(NodeInfo node, String method, String pathAndQuery,
                                           Map<String, String> headers, InputStream body, long length) {
        Map<String, List<String>> h = new java.util.HashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> h.put(k, List.of(v)));
        }
        return intra.forward(node, method, pathAndQuery, h, body, length);
    }

    private static String path(String kind, ObjectId id) {
        StringBuilder p = new StringBuilder("/v1/intra/ec/").append(kind).append('/')
                .append(IntraClient.enc(id.bucket().name()));
        for (String seg : id.name().split("/", -1)) {
            p.append('/').append(IntraClient.enc(seg));
        }
        return p.append("?provider=").append(IntraClient.enc(id.bucket().provider()))
                .append(id.bucket().namespace().isEmpty() ? "" : "&namespace=" + IntraClient.enc(
                        id.bucket().namespace())).toString();
    }

    private static AisException unreachable(NodeInfo node, Exception e) {
        return new AisException(AisException.Kind.UNAVAILABLE, "target " + node.displayName() + " at "
                + node.publicUrl() + ": " + e.getMessage(), e);
    }

    private static AisException failure(NodeInfo node, String what, int status, String msg) {
        AisException.Kind kind = status == 404 ? AisException.Kind.NOT_FOUND : status == 400
                ? AisException.Kind.BAD_REQUEST : AisException.Kind.UNAVAILABLE;
        return new AisException(kind, node.displayName() + ": " + what + " failed (" + status + "): " + msg);
    }
}
