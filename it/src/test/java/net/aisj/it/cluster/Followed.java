package net.aisj.it.cluster;

import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.Resp;

/** A response plus the URLs it was sent to (the first one and each redirect target). */
record Followed(Resp resp, List<String> trail) {

    private static final int MAX_HOPS = 4;

    int status() {
        return resp.status();
    }

    int hops() {
        return trail.size() - 1;
    }

    @Override
    public String toString() {
        return resp + "\n  via " + trail;
    }

    /**
     * Sends a request and follows 301/302/307/308 redirects itself, resending method and body (java.net.http does
     * not resend a PUT body on 307).
     */
    static Followed send(
            Function<String, AisClient> clients,
            String baseUrl,
            String method,
            String pathAndQuery,
            Map<String, String> headers,
            byte[] body,
            Duration timeout) {
        List<String> trail = new ArrayList<>();
        String base = baseUrl;
        String pq = pathAndQuery;
        while (true) {
            trail.add(base + pq);
            Resp r = clients.apply(base)
                    .send(method, pq, headers, body == null ? null : BodyPublishers.ofByteArray(body), timeout);
            int st = r.status();
            if (st != 301 && st != 302 && st != 307 && st != 308) {
                return new Followed(r, trail);
            }
            if (trail.size() > MAX_HOPS) {
                throw new AssertionError("more than " + MAX_HOPS + " redirects: " + trail + "\nlast: " + r);
            }
            String loc = r.header("Location");
            if (loc == null || loc.isBlank()) {
                throw new AssertionError("redirect without Location: " + r);
            }
            URI u = URI.create(base + pq).resolve(loc);
            base = u.getScheme() + "://" + u.getRawAuthority();
            pq = u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        }
    }
}
