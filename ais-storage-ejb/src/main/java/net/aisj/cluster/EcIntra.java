package net.aisj.cluster;

import static net.aisj.cluster.IntraContract.*;

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
 * Metafiles travel base64url-encoded in the {@value IntraContract#EC_META_HEADER} header. Thread-safe.
 */
public final class EcIntra {

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
            throw AisException.badRequest("invalid " + EC_META_HEADER + ": " + e.getMessage());
        }
    }

    /**
     * The metafile {@code node} keeps for {@code id} (main or holder), if any; with {@code verify}, a holder first
     * checks its slice against the metafile and drops it (answering none) when it does not match.
     */
    public Optional<EcMeta> meta(NodeInfo node, ObjectId id, boolean verify) {
        HttpResponse<InputStream> r =
                call(node, "GET", objectPath(EC_ROOT, EC_META, id) + "&" + P_VERIFY + "=" + verify, null, null, 0);
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
        HttpResponse<InputStream> r = call(
                node,
                "PUT",
                objectPath(EC_ROOT, EC_SLICES, id),
                Map.of(EC_META_HEADER, encodeMeta(meta), "Content-Type", "application/octet-stream"),
                body,
                length);
        try (InputStream in = r.body()) {
            String msg = new String(in.readNBytes(2048), StandardCharsets.UTF_8);
            if (r.statusCode() == EC_REFUSED_STATUS
                    && r.headers().firstValue(EC_REFUSED_HEADER).isPresent()) {
                Optional<EcMeta> held = r.headers()
                        .firstValue(EC_META_HEADER)
                        .filter(h -> !h.isBlank())
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
        HttpResponse<InputStream> r = call(node, "GET", objectPath(EC_ROOT, EC_SLICES, id), null, null, 0);
        if (r.statusCode() == 200) {
            EcMeta m = decodeMeta(r.headers().firstValue(EC_META_HEADER).orElse(""));
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
        HttpResponse<InputStream> r = call(
                node,
                "DELETE",
                objectPath(EC_ROOT, EC_SLICES, id) + "&" + P_GENERATION + "=" + generation,
                null,
                null,
                0);
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
    public void startJob(NodeInfo node, String kind, String id, BucketId bucket, boolean verify) {
        String q = "/" + EC_ROOT + "/" + EC_JOBS + "?" + P_KIND + "=" + enc(kind) + "&" + P_ID + "=" + enc(id) + "&"
                + P_BUCKET + "=" + enc(bucket.name()) + "&" + P_PROVIDER + "=" + enc(bucket.provider())
                + (bucket.namespace().isEmpty() ? "" : "&" + P_NAMESPACE + "=" + enc(bucket.namespace()))
                + "&" + P_VERIFY + "=" + verify;
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

    private HttpResponse<InputStream> call(
            NodeInfo node,
            String method,
            String pathAndQuery,
            Map<String, String> headers,
            InputStream body,
            long length) {
        Map<String, List<String>> h = new java.util.HashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> h.put(k, List.of(v)));
        }
        return intra.forward(node, method, pathAndQuery, h, body, length);
    }
}
