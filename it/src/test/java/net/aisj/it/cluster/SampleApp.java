package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import net.aisj.client.AisClient;
import net.aisj.it.server.JcaSampleServer;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.Poll;
import net.aisj.it.support.PseudoRandomInputStream;

/**
 * The sample application ({@code net.aisj.it.sample}) on the shared Payara Server, seen from the tests: its HTTP
 * calls, started on first use against the shared cluster (one server for every test class that uses it).
 * Careful: the connector's endpoint is the first running node when the server starts; tests that stop nodes stop
 * another one (see {@link LocalCluster#nonPrimarySlot}).
 */
final class SampleApp {

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    final LocalCluster cluster;
    /** The node URL the connector was configured with. */
    final String endpoint;

    final JcaSampleServer server;
    /** A Java client of the cluster (the connector's endpoint), for the tests' own calls. */
    final AisClient ais;

    private SampleApp(LocalCluster cluster, String endpoint, JcaSampleServer server, AisClient ais) {
        this.cluster = cluster;
        this.endpoint = endpoint;
        this.server = server;
        this.ais = ais;
    }

    /**
     * The sample on the shared server whose connector talks to the shared cluster (through its first running node);
     * {@code bucket} exists when this returns.
     */
    static SampleApp shared(String bucket) {
        LocalCluster c = SharedCluster.get();
        c.awaitSettled();
        String endpoint = c.url(c.runningSlots().get(0));
        SampleApp app = new SampleApp(
                c,
                endpoint,
                JcaSampleServer.get(endpoint),
                AisClient.builder().endpoint(endpoint).build());
        int[] last = {0};
        Poll.until(
                NodeProcess.START_TIMEOUT,
                "the sample creates its bucket through the connector",
                () -> (last[0] = app.send("POST", "/objects/" + bucket, null, 0).statusCode()) == 201,
                () -> "last status " + last[0] + "\nserver log:\n" + app.server.logTail(40));
        return app;
    }

    void put(String bucket, String name, long size) {
        HttpResponse<InputStream> r = send(
                "PUT", "/objects/" + bucket + "/" + name, new PseudoRandomInputStream(name.hashCode(), size), size);
        assertThat(r.statusCode())
                .as("PUT %s through the sample: %s", name, text(r))
                .isEqualTo(201);
    }

    /** The bean's counts of the objects whose names contain {@code /in/<run>/}. */
    Map<String, Integer> counted(String run) {
        Map<String, Integer> out = new HashMap<>();
        for (String line : text(send("GET", "/events", null, 0)).split("\n")) {
            int tab = line.lastIndexOf('\t');
            if (tab > 0 && line.contains("/in/" + run + "/")) {
                out.put(line.substring(0, tab), Integer.parseInt(line.substring(tab + 1)));
            }
        }
        return new TreeMap<>(out);
    }

    HttpResponse<InputStream> send(String method, String path, InputStream body, long length) {
        // the JDK refuses a stream publisher of length 0: an empty body is sent as no body (Content-Length: 0)
        HttpRequest.BodyPublisher pub = body == null || length == 0
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> body), length);
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(server.appUrl() + path))
                            .timeout(Duration.ofMinutes(5))
                            .method(method, pub)
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String text(HttpResponse<InputStream> r) {
        try (InputStream in = r.body()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
