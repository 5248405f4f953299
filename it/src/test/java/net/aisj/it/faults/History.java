package net.aisj.it.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A thread-safe log of operations against a cluster, in the client's view: what was asked, what came back, and
 * when (monotonic nanoseconds since the history began, so times of different client threads compare).
 */
public final class History {

    /** What an operation did. */
    public enum Kind {
        PUT,
        GET,
        DELETE
    }

    /** The value "no object" (a GET answered 404, a DELETE's effect). */
    public static final String ABSENT = "absent";

    /**
     * One operation.
     *
     * @param id     order of recording
     * @param client the client thread (or -1 for the final reads)
     * @param kind   PUT, GET or DELETE
     * @param name   {@code bucket/object}
     * @param value  PUT: the content hash written; GET: the content hash read, {@link #ABSENT} on 404, null when
     *               it failed; DELETE: {@link #ABSENT}
     * @param acked  PUT/DELETE: the cluster acknowledged it (2xx; a DELETE's 404 counts: the object is absent);
     *               GET: it answered 200 or 404
     * @param status the HTTP status, or 0 when there was none (connection refused, timeout)
     * @param start  when the request was sent
     * @param end    when the answer (or the failure) arrived
     * @param node   the node the request was sent to (redirects followed from there)
     * @param detail a note (error text, bytes read that hash to nothing known)
     * @param fin    one of the reads after the heal
     */
    public record Op(
            long id,
            int client,
            Kind kind,
            String name,
            String value,
            boolean acked,
            int status,
            long start,
            long end,
            String node,
            String detail,
            boolean fin) {

        /** A DELETE answered 404 also read the object as absent. */
        boolean isRead() {
            return kind == Kind.GET ? acked : kind == Kind.DELETE && status == 404;
        }

        boolean isWrite() {
            return kind != Kind.GET;
        }

        @Override
        public String toString() {
            return String.format(
                    "#%d c%d %-6s %s %s%s [%d] %.3f-%.3f s via %s%s%s",
                    id,
                    client,
                    kind,
                    name,
                    value == null ? "-" : value,
                    acked ? " ok" : " FAILED",
                    status,
                    start / 1e9,
                    end / 1e9,
                    node,
                    detail == null || detail.isEmpty() ? "" : " (" + detail + ")",
                    fin ? " FINAL" : "");
        }
    }

    private final long t0;
    private final AtomicLong ids = new AtomicLong();
    private final List<Op> ops = Collections.synchronizedList(new ArrayList<>());

    public History() {
        this.t0 = System.nanoTime();
    }

    /** Nanoseconds since the history began. */
    public long now() {
        return System.nanoTime() - t0;
    }

    /** Records an operation; returns it. */
    public Op add(
            int client,
            Kind kind,
            String name,
            String value,
            boolean acked,
            int status,
            long start,
            long end,
            String node,
            String detail,
            boolean fin) {
        Op op = new Op(ids.incrementAndGet(), client, kind, name, value, acked, status, start, end, node, detail, fin);
        ops.add(op);
        return op;
    }

    /** A copy of every operation, ordered by start time. */
    public List<Op> ops() {
        List<Op> out;
        synchronized (ops) {
            out = new ArrayList<>(ops);
        }
        out.sort(Comparator.comparingLong(Op::start).thenComparingLong(Op::id));
        return out;
    }
}
