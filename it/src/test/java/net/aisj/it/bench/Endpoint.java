package net.aisj.it.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where a load goes and how objects are addressed there: our native API ({@code /v1/objects/{bucket}/{name}},
 * following 307 to the owner as AIS clients do), S3 path style signed with SigV4, or plain HTTP/WebDAV
 * ({@code /{bucket}/{name}}: nginx). Object names are plain ASCII ({@code [a-z0-9/-]}), so no escaping.
 */
record Endpoint(
        Api api, String host, int port, String bucket, String accessKey, String secretKey, List<Integer> entryPorts) {

    /** The three ways of addressing an object. */
    enum Api {
        NATIVE,
        S3,
        DAV
    }

    /**
     * Wire bytes (request and response, headers included) of every call since the start, split by hop: to the node
     * a call was first sent to, and to the nodes it was redirected to (native 307). For the cluster comparison.
     */
    static final LongAdder ENTRY_BYTES = new LongAdder();

    static final LongAdder REDIRECTED_BYTES = new LongAdder();
    private static final AtomicInteger NEXT_ENTRY = new AtomicInteger();

    Endpoint(Api api, String host, int port, String bucket, String accessKey, String secretKey) {
        this(api, host, port, bucket, accessKey, secretKey, List.of(port));
    }

    /** The same endpoint with sessions sent first to these ports in turn (one cluster node each; same host). */
    Endpoint spreadOver(List<Integer> ports) {
        return new Endpoint(api, host, ports.get(0), bucket, accessKey, secretKey, List.copyOf(ports));
    }

    Endpoint withBucket(String b) {
        return new Endpoint(api, host, port, b, accessKey, secretKey, entryPorts);
    }

    static Endpoint of(Api api, String url, String bucket, String accessKey, String secretKey) {
        URI u = URI.create(url);
        return new Endpoint(api, u.getHost(), u.getPort() < 0 ? 80 : u.getPort(), bucket, accessKey, secretKey);
    }

    String path(String name) {
        return (api == Api.NATIVE ? "/v1/objects/" : "/") + bucket + "/" + name;
    }

    /** A worker's connections (one per host it was sent to) and signer. Not thread-safe. */
    Session session() {
        return new Session(this);
    }

    /** Per-worker state: connections by host:port, a signer for S3, a random source. */
    static final class Session implements AutoCloseable {
        private final Endpoint ep;
        private final Map<String, HttpConn> conns = new HashMap<>();
        private final SigV4Signer signer;
        final SplittableRandom random = new SplittableRandom();

        private final int entryPort;

        private Session(Endpoint ep) {
            this.ep = ep;
            this.entryPort = ep.entryPorts.get(Math.floorMod(NEXT_ENTRY.getAndIncrement(), ep.entryPorts.size()));
            this.signer = ep.api == Api.S3 ? new SigV4Signer(ep.accessKey, ep.secretKey) : null;
        }

        /**
         * {@code method} on object {@code name}; follows up to 3 redirects; retries once on a fresh connection when a
         * kept-alive one turned out closed.
         */
        HttpConn.Response call(String method, String name, HttpConn.Payload body) throws IOException {
            return callPath(method, ep.path(name), body);
        }

        /** Like {@link #call} with a raw path (and query), e.g. a bucket's. */
        HttpConn.Response callPath(String method, String rawPath, HttpConn.Payload body) throws IOException {
            return callPath(method, rawPath, new String[0], body, false);
        }

        /** Like {@link #callPath(String, String, HttpConn.Payload)} with extra headers, and the body kept if asked. */
        HttpConn.Response callPath(
                String method, String rawPath, String[] extra, HttpConn.Payload body, boolean keepBody)
                throws IOException {
            String host = ep.host;
            int port = entryPort;
            String path = rawPath;
            for (int hop = 0; ; hop++) {
                HttpConn.Response r = send(host, port, method, path, extra, body, keepBody);
                (hop == 0 ? ENTRY_BYTES : REDIRECTED_BYTES).add(r.wireSent() + r.wireReceived());
                if (r.status() != 307 || r.location() == null || hop == 3) {
                    return r;
                }
                URI to = URI.create(r.location());
                host = to.getHost();
                port = to.getPort() < 0 ? 80 : to.getPort();
                path = to.getRawPath() + (to.getRawQuery() == null ? "" : "?" + to.getRawQuery());
            }
        }

        private HttpConn.Response send(
                String host,
                int port,
                String method,
                String path,
                String[] extra,
                HttpConn.Payload body,
                boolean keepBody)
                throws IOException {
            String hp = host + ":" + port;
            HttpConn c = conns.computeIfAbsent(hp, k -> new HttpConn(host, port));
            String[] headers = signer == null ? extra : concat(signer.sign(method, path, hp), extra);
            try {
                return c.exchange(method, path, headers, body, keepBody);
            } catch (IOException first) {
                // a kept-alive connection the server closed meanwhile: once more on a new one
                return c.exchange(method, path, headers, body, keepBody);
            }
        }

        private static String[] concat(String[] a, String[] b) {
            if (b.length == 0) {
                return a;
            }
            String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, r, a.length, b.length);
            return r;
        }

        @Override
        public void close() {
            conns.values().forEach(HttpConn::close);
        }
    }

    /** A small request body held in memory (JSON control messages). */
    record BytesPayload(byte[] bytes) implements HttpConn.Payload {
        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(bytes);
        }
    }

    /** {@code length} bytes of a shared random block, starting at a per-object offset so objects differ. */
    record BlockPayload(long length, int start) implements HttpConn.Payload {
        static final byte[] BLOCK = block();

        private static byte[] block() {
            byte[] b = new byte[1 << 20];
            new SplittableRandom(42).nextBytes(b);
            return b;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            long left = length;
            int at = start % BLOCK.length;
            while (left > 0) {
                int k = (int) Math.min(left, BLOCK.length - at);
                out.write(BLOCK, at, k);
                left -= k;
                at = 0;
            }
        }
    }
}
