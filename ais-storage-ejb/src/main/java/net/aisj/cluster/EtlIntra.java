package net.aisj.cluster;

import static net.aisj.cluster.IntraContract.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import net.aisj.core.AisException;
import net.aisj.core.NodeInfo;
import net.aisj.core.etl.EtlEntry;
import net.aisj.core.etl.EtlNodeState;

/**
 * The ETL control calls a node makes to the targets on {@code /v1/intra/etl/...} (cluster secret added by
 * {@link IntraClient}): start a transformer (answers once it is healthy, or with why not), stop it, read its
 * state and its logs. A target that answers 404 has no such transformer. Thread-safe.
 */
public final class EtlIntra {

    public static final String ROOT_PATH = ROOT + "/etl";
    public static final String START = "start";
    public static final String STOP = "stop";
    public static final String STATE = "state";
    public static final String LOGS = "logs";
    public static final String P_NAME = "name";
    public static final String P_JOB = "job";

    private static final String BASE = "/" + ROOT_PATH + "/";

    private final IntraClient intra;

    public EtlIntra(IntraClient intra) {
        this.intra = intra;
    }

    /**
     * Starts {@code entry}'s transformer on {@code t} and waits until it is healthy there.
     *
     * @throws AisException the target's own failure (its message says why), or UNAVAILABLE when it is unreachable
     */
    public void start(NodeInfo t, EtlEntry entry) {
        byte[] body = EtlJson.entryText(entry).getBytes(StandardCharsets.UTF_8);
        HttpResponse<InputStream> r = intra.forward(
                t,
                "POST",
                BASE + START,
                Map.of("Content-Type", java.util.List.of("application/json")),
                new ByteArrayInputStream(body),
                body.length);
        try (InputStream in = r.body()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (r.statusCode() != 200) {
                AisException.Kind kind = r.statusCode() == 400
                        ? AisException.Kind.BAD_REQUEST
                        : r.statusCode() == 404 ? AisException.Kind.NOT_FOUND : AisException.Kind.UNAVAILABLE;
                throw new AisException(kind, errorMessage(text));
            }
        } catch (IOException e) {
            throw unreachable(t, e);
        }
    }

    /** Stops {@code name}'s transformer on {@code t}; false when it ran none. */
    public boolean stop(NodeInfo t, String name) {
        HttpResponse<InputStream> r =
                intra.forward(t, "POST", BASE + STOP + "?" + P_NAME + "=" + enc(name), Map.of(), null, 0);
        try (InputStream in = r.body()) {
            if (r.statusCode() == 404) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
                return false;
            }
            if (r.statusCode() != 200) {
                throw failure(t, "etl stop " + name, r.statusCode(), in);
            }
            return true;
        } catch (IOException e) {
            throw unreachable(t, e);
        }
    }

    /** {@code t}'s state of {@code name} (with offline job {@code job}'s errors, or the inline ones); empty: none. */
    public Optional<EtlNodeState> state(NodeInfo t, String name, String job) {
        Optional<byte[]> b = get(t, STATE + "?" + P_NAME + "=" + enc(name) + "&" + P_JOB + "=" + enc(job));
        return b.map(x -> EtlJson.nodeStateOf(new String(x, StandardCharsets.UTF_8)));
    }

    /** The captured output of {@code name}'s transformer on {@code t}; empty when it runs none. */
    public Optional<byte[]> logs(NodeInfo t, String name) {
        return get(t, LOGS + "?" + P_NAME + "=" + enc(name));
    }

    private Optional<byte[]> get(NodeInfo t, String pathAndQuery) {
        HttpResponse<InputStream> r = intra.forward(t, "GET", BASE + pathAndQuery, Map.of(), null, 0);
        try (InputStream in = r.body()) {
            if (r.statusCode() == 404) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
                return Optional.empty();
            }
            if (r.statusCode() != 200) {
                throw failure(t, "etl " + pathAndQuery, r.statusCode(), in);
            }
            return Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw unreachable(t, e);
        }
    }
}
