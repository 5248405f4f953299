package net.aisj.it.support;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A fully read HTTP response plus the request that produced it (for failure messages). */
public final class Resp {

    private final String request;
    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    Resp(String request, HttpResponse<byte[]> r) {
        this.request = request;
        this.status = r.statusCode();
        this.headers = r.headers().map();
        this.body = r.body() == null ? new byte[0] : r.body();
    }

    public int status() {
        return status;
    }

    public byte[] body() {
        return body;
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public JsonObject json() {
        return JsonUtil.parseObject(text());
    }

    /** First value of a header (case-insensitive), or null. */
    public String header(String name) {
        return headers(name).stream().findFirst().orElse(null);
    }

    /** All values of a header (case-insensitive). */
    public List<String> headers(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return List.of();
    }

    public Optional<String> optHeader(String name) {
        return Optional.ofNullable(header(name));
    }

    public Map<String, List<String>> allHeaders() {
        return headers;
    }

    /** Fails with the whole exchange when the status differs. */
    public Resp expect(int expected) {
        if (status != expected) {
            throw new AssertionError("expected HTTP " + expected + " but got " + this);
        }
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("HTTP ").append(status).append(" for ").append(request);
        Map<String, List<String>> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> {
            if (k != null) {
                sorted.put(k, v);
            }
        });
        sb.append("\n  response headers: ").append(sorted);
        if (body.length > 0) {
            String t = new String(body, 0, Math.min(body.length, 2000), StandardCharsets.UTF_8);
            boolean binary = t.chars().anyMatch(c -> c < 9 || c == 0xFFFD);
            sb.append("\n  response body (")
                    .append(body.length)
                    .append(" bytes): ")
                    .append(binary ? "<binary>" : t)
                    .append(body.length > 2000 ? "..." : "");
        }
        return sb.toString();
    }
}
