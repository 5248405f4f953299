package net.aisj.it.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * The listing benchmark: fills a bucket with {@code n} small objects (parallel PUTs), then lists the whole bucket
 * over and over the way AIS clients do: {@code GET /v1/buckets/{b}} with {@code {"action":"list"}}, {@code Accept:
 * application/msgpack}, pages of {@code pageSize} names, the continuation token and UUID of each answer sent with the
 * next request. Each page's msgpack is decoded (every entry's name read, the rest skipped, as a client unpacking
 * into its structs would touch it); every listing must return exactly {@code n} names in strictly ascending order,
 * else the run fails. The figure is names per second over whole listings.
 */
final class ListBench {

    /** What one listing variant measured. */
    record Result(
            String props,
            int pageSize,
            int listings,
            long names,
            double seconds,
            double p50PageMs,
            double maxPageMs,
            double load1) {
        double namesPerSec() {
            return names / seconds;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "props %s, pages of %d: %.0f names/s (%d listings of %d names in "
                            + "%.1f s; page p50 %.0f ms, max %.0f ms; load %.1f)",
                    props,
                    pageSize,
                    namesPerSec(),
                    listings,
                    listings == 0 ? 0 : names / listings,
                    seconds,
                    p50PageMs,
                    maxPageMs,
                    load1);
        }
    }

    private ListBench() {}

    /** The i-th object's name: flat (no directories, as aisloader writes them) and in no particular order. */
    static String name(long i) {
        return String.format(Locale.ROOT, "ls-%08x", (i * 2654435761L) & 0xffffffffL); // a bijection on 32 bits
    }

    /** PUTs {@code n} objects of {@code size} bytes with {@code workers} parallel keep-alive workers. */
    static void populate(Endpoint ep, long n, long size, int workers) throws IOException {
        AtomicLong next = new AtomicLong();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        LoadGen.parallel(workers, w -> {
            try (Endpoint.Session s = ep.session()) {
                for (long i = next.getAndIncrement(); i < n && failures.isEmpty(); i = next.getAndIncrement()) {
                    HttpConn.Response r = s.call("PUT", name(i), new Endpoint.BlockPayload(size, (int) i));
                    if (r.status() / 100 != 2) {
                        failures.add("PUT " + name(i) + ": " + r.status() + " " + r.errorText());
                    }
                }
            } catch (IOException e) {
                failures.add(e.toString());
            }
        });
        if (!failures.isEmpty()) {
            throw new IOException("populating " + ep.bucket() + " failed: " + failures.get(0));
        }
    }

    /**
     * Lists the bucket again and again for at least {@code seconds} (at least once); {@code props} as in AIS's
     * LsoMsg ({@code ""}: the default, name and size), {@code nameOnly} sets the name-only flag.
     */
    static Result run(Endpoint ep, long expected, String props, boolean nameOnly, int pageSize, double seconds)
            throws IOException {
        double load = Report.load1();
        List<Double> pageMs = new ArrayList<>();
        long names = 0;
        int listings = 0;
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        try (Endpoint.Session s = ep.session()) {
            do {
                names += listOnce(s, ep.bucket(), expected, props, nameOnly, pageSize, pageMs);
                listings++;
            } while (System.nanoTime() < end);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        Collections.sort(pageMs);
        return new Result(
                nameOnly ? "name only" : props.isEmpty() ? "name,size (default)" : props,
                pageSize,
                listings,
                names,
                secs,
                pageMs.get(pageMs.size() / 2),
                pageMs.get(pageMs.size() - 1),
                load);
    }

    private static long listOnce(
            Endpoint.Session s,
            String bucket,
            long expected,
            String props,
            boolean nameOnly,
            int pageSize,
            List<Double> pageMs)
            throws IOException {
        String uuid = "";
        String token = "";
        String last = null;
        long count = 0;
        String[] headers = {"Content-Type: application/json", "Accept: application/msgpack"};
        do {
            String msg = "{\"action\":\"list\",\"value\":{\"uuid\":\"" + uuid + "\",\"props\":\"" + props
                    + "\",\"pagesize\":" + pageSize + ",\"continuation_token\":\"" + token + "\",\"flags\":\""
                    + (nameOnly ? 16 : 0) + "\"}}";
            long t = System.nanoTime();
            HttpConn.Response r = s.callPath(
                    "GET",
                    "/v1/buckets/" + bucket,
                    headers,
                    new Endpoint.BytesPayload(msg.getBytes(StandardCharsets.UTF_8)),
                    true);
            if (r.status() != 200) {
                throw new IOException("list " + bucket + ": HTTP " + r.status() + " " + r.errorText());
            }
            Page p = decode(r.body(), last);
            pageMs.add((System.nanoTime() - t) / 1e6);
            count += p.names;
            last = p.lastName == null ? last : p.lastName;
            uuid = p.uuid == null ? "" : p.uuid;
            token = p.token == null ? "" : p.token;
        } while (!token.isEmpty());
        if (count != expected) {
            throw new IOException("listing " + bucket + " returned " + count + " names, expected " + expected);
        }
        return count;
    }

    private record Page(String uuid, String token, long names, String lastName) {}

    /** Reads an LsoRes (keys UUID, ContinuationToken, Entries, Flags); checks names ascend after {@code prev}. */
    private static Page decode(byte[] body, String prev) throws IOException {
        String uuid = null;
        String token = null;
        long names = 0;
        String last = prev;
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(body)) {
            int keys = u.unpackMapHeader();
            for (int k = 0; k < keys; k++) {
                String key = u.unpackString();
                switch (key) {
                    case "UUID" -> uuid = u.tryUnpackNil() ? null : u.unpackString();
                    case "ContinuationToken" -> token = u.tryUnpackNil() ? null : u.unpackString();
                    case "Entries" -> {
                        if (u.tryUnpackNil()) {
                            break;
                        }
                        int n = u.unpackArrayHeader();
                        for (int i = 0; i < n; i++) {
                            int fields = u.unpackMapHeader();
                            String name = null;
                            for (int f = 0; f < fields; f++) {
                                if (u.unpackString().equals("n")) {
                                    name = u.unpackString();
                                } else {
                                    u.skipValue();
                                }
                            }
                            if (name == null || (last != null && name.compareTo(last) <= 0)) {
                                throw new IOException("listing out of order or nameless: " + name + " after " + last);
                            }
                            last = name;
                            names++;
                        }
                    }
                    default -> u.skipValue();
                }
            }
        }
        return new Page(uuid, token, names, last);
    }
}
