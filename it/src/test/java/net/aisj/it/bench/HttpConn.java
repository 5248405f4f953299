package net.aisj.it.bench;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One persistent HTTP/1.1 connection (keep-alive) with blocking sockets: the leanest client we can write, so that
 * the load generator costs the shared CPUs as little as possible. Request bodies are streamed from a
 * {@link Payload} (nothing is buffered per request), response bodies are discarded through one reusable buffer
 * (only the first bytes of an error body are kept). Handles {@code Content-Length} and chunked responses.
 * Not thread-safe: one per worker and host.
 */
final class HttpConn implements Closeable {

    /** What a request sends after its headers. */
    interface Payload {
        long length();

        /** Writes exactly {@link #length()} bytes. */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * The answer: status, the headers we act on, body bytes received, the start of an error body, the whole body when
     * the call asked to keep it (else null), and the bytes this exchange put on the wire each way (request line,
     * headers and body; status line, headers and body as received, chunk framing included).
     */
    record Response(
            int status,
            String location,
            long bodyBytes,
            String errorText,
            byte[] body,
            long wireSent,
            long wireReceived) {}

    private static final int RECV = 256 * 1024;

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] buf = new byte[RECV];
    private int pos;
    private int lim;
    private final StringBuilder head = new StringBuilder(512);
    private java.io.ByteArrayOutputStream capture;
    private long received;

    HttpConn(String host, int port) {
        this.host = host;
        this.port = port;
    }

    String hostPort() {
        return host + ":" + port;
    }

    /**
     * Sends one request ({@code headers}: "Name: value" lines without CRLF) and reads the whole answer. On an I/O
     * error the connection is closed (the next call reconnects) and the error is thrown.
     */
    Response exchange(String method, String pathAndQuery, String[] headers, Payload body) throws IOException {
        return exchange(method, pathAndQuery, headers, body, false);
    }

    /** Like {@link #exchange(String, String, String[], Payload)}; {@code keepBody} returns the body in memory. */
    Response exchange(String method, String pathAndQuery, String[] headers, Payload body, boolean keepBody)
            throws IOException {
        capture = keepBody ? new java.io.ByteArrayOutputStream(64 * 1024) : null;
        try {
            if (socket == null) {
                connect();
            }
            head.setLength(0);
            head.append(method)
                    .append(' ')
                    .append(pathAndQuery)
                    .append(" HTTP/1.1\r\nHost: ")
                    .append(host)
                    .append(':')
                    .append(port)
                    .append("\r\n");
            for (String h : headers) {
                head.append(h).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Length: ").append(body.length()).append("\r\n");
            } else if (method.equals("PUT") || method.equals("POST")) {
                head.append("Content-Length: 0\r\n");
            }
            head.append("\r\n");
            byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            out.write(h);
            if (body != null) {
                body.writeTo(out);
            }
            out.flush();
            long sent = h.length + (body == null ? 0 : body.length());
            received = lim - pos; // consumed = already buffered + read from the socket - left in the buffer
            Response r = readResponse(method.equals("HEAD"));
            return new Response(
                    r.status(),
                    r.location(),
                    r.bodyBytes(),
                    r.errorText(),
                    capture == null ? null : capture.toByteArray(),
                    sent,
                    received - (lim - pos));
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setReceiveBufferSize(RECV);
        s.setSendBufferSize(RECV);
        s.connect(new InetSocketAddress(host, port), 5000);
        s.setSoTimeout(120_000);
        socket = s;
        in = s.getInputStream();
        out = new java.io.BufferedOutputStream(s.getOutputStream(), 64 * 1024);
        pos = 0;
        lim = 0;
    }

    private Response readResponse(boolean headOnly) throws IOException {
        String status = readLine();
        while (status.isEmpty()) {
            status = readLine();
        }
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = status.startsWith("HTTP/1.0");
        String location = null;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int c = line.indexOf(':');
            if (c <= 0) {
                continue;
            }
            String name = line.substring(0, c).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(c + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" ->
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                case "location" -> location = value;
                default -> {}
            }
        }
        boolean keep = code >= 400;
        StringBuilder err = keep ? new StringBuilder() : null;
        long got;
        if (headOnly || code == 204 || code == 304 || code / 100 == 1) {
            got = 0;
        } else if (chunked) {
            got = 0;
            while (true) {
                String sz = readLine();
                int semi = sz.indexOf(';');
                long n = Long.parseLong((semi < 0 ? sz : sz.substring(0, semi)).trim(), 16);
                if (n == 0) {
                    for (String t = readLine(); !t.isEmpty(); t = readLine()) {
                        // trailers: ignored
                    }
                    break;
                }
                got += discard(n, err);
                readLine();
            }
        } else if (length >= 0) {
            got = discard(length, err);
        } else {
            got = discard(Long.MAX_VALUE, err); // until EOF
            closeAfter = true;
        }
        if (closeAfter) {
            close();
        }
        return new Response(code, location, got, err == null ? null : err.toString(), null, 0, 0);
    }

    /** Reads and drops {@code n} bytes (to EOF when {@code n == MAX_VALUE}); keeps up to 300 chars in {@code err}. */
    private long discard(long n, StringBuilder err) throws IOException {
        long left = n;
        while (left > 0) {
            if (pos == lim) {
                if (!fill(n == Long.MAX_VALUE)) {
                    return n - left;
                }
            }
            int k = (int) Math.min(left, lim - pos);
            if (capture != null) {
                capture.write(buf, pos, k);
            }
            if (err != null && err.length() < 300) {
                err.append(new String(buf, pos, Math.min(k, 300 - err.length()), StandardCharsets.ISO_8859_1));
            }
            pos += k;
            left -= k;
        }
        return n;
    }

    /** Refills the buffer; false at EOF when {@code eofOk}, else an exception. */
    private boolean fill(boolean eofOk) throws IOException {
        int r = in.read(buf, 0, buf.length);
        if (r < 0) {
            if (eofOk) {
                return false;
            }
            throw new IOException("connection closed by " + hostPort() + " mid-response");
        }
        pos = 0;
        lim = r;
        received += r;
        return true;
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        while (true) {
            if (pos == lim) {
                fill(false);
            }
            byte b = buf[pos++];
            if (b == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            sb.append((char) (b & 0xFF));
            if (sb.length() > 16 * 1024) {
                throw new IOException("header line too long from " + hostPort());
            }
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
        pos = 0;
        lim = 0;
    }
}
