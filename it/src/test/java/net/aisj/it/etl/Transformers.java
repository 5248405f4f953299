package net.aisj.it.etl;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import net.aisj.it.support.ItEnv;

/**
 * The tests' transformer ({@code etl/transformer.py}: Python's standard library only, AIS's transformer protocol)
 * and ETLSpecMsg bodies that run it. It is started the way AIS's images start theirs, {@code --port 8000}: the
 * node rewrites the port.
 */
public final class Transformers {

    private Transformers() {}

    public static Path script() {
        try {
            return Path.of(Transformers.class.getResource("/etl/transformer.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tests' WebSocket transformer ({@code etl/ws_transformer.py}, on Debian's python3-websockets). */
    public static Path wsScript() {
        try {
            return Path.of(
                    Transformers.class.getResource("/etl/ws_transformer.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An ETLSpecMsg running the WebSocket transformer with {@code env}: {@code ws://}, which AIS allows only with
     * {@code support_direct_put}; Debian's {@code /usr/bin/python3}, where python3-websockets is installed.
     */
    public static String wsSpec(String name, Map<String, String> env) {
        JsonArrayBuilder e = Json.createArrayBuilder();
        env.forEach((k, v) -> e.add(Json.createObjectBuilder().add("name", k).add("value", v)));
        return Json.createObjectBuilder()
                .add("name", name)
                .add("communication", "ws://")
                .add("support_direct_put", true)
                .add("init_timeout", "1m")
                .add("obj_timeout", "30s")
                .add(
                        "runtime",
                        Json.createObjectBuilder()
                                .add(
                                        "command",
                                        Json.createArrayBuilder()
                                                .add("/usr/bin/python3")
                                                .add(wsScript().toString())
                                                .add("--port")
                                                .add("8000"))
                                .add("env", e))
                .build()
                .toString();
    }

    /** {@code PUT /v1/etl} with {@code spec} (the init may take as long as the transformer needs to start). */
    public static net.aisj.it.support.Resp init(net.aisj.it.support.AisClient ais, String spec) {
        return ais.send(
                "PUT",
                "/v1/etl",
                Map.of("Content-Type", "application/json"),
                java.net.http.HttpRequest.BodyPublishers.ofString(spec),
                java.time.Duration.ofMinutes(2));
    }

    /** {@code spec} with the number field {@code key} added (our extensions such as {@code restart_max}). */
    public static String with(String spec, String key, int value) {
        return Json.createObjectBuilder(net.aisj.it.support.JsonUtil.parseObject(spec))
                .add(key, value)
                .build()
                .toString();
    }

    /** A fresh valid ETL name. */
    public static String name(String tag) {
        return tag + "-" + ItEnv.randomHex(4);
    }

    /** An ETLSpecMsg running the test transformer with {@code env}. */
    public static String spec(String name, String comm, String initTimeout, Map<String, String> env) {
        JsonArrayBuilder e = Json.createArrayBuilder();
        env.forEach((k, v) -> e.add(Json.createObjectBuilder().add("name", k).add("value", v)));
        return Json.createObjectBuilder()
                .add("name", name)
                .add("communication", comm)
                .add("init_timeout", initTimeout)
                .add("obj_timeout", "30s")
                .add(
                        "runtime",
                        Json.createObjectBuilder()
                                .add("image", "aistorage/transformer_test:latest")
                                .add(
                                        "command",
                                        Json.createArrayBuilder()
                                                .add("python3")
                                                .add(script().toString())
                                                .add("--port")
                                                .add("8000"))
                                .add("env", e))
                .build()
                .toString();
    }
}
