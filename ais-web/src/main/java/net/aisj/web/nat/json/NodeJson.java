package net.aisj.web.nat.json;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import net.aisj.connector.api.MountpathInfo;
import net.aisj.connector.api.NodeVolume;
import net.aisj.service.NodeConfig;

/** Node-level documents: AIS's {@code MountpathList} and the (subset of the) node config we have. */
public final class NodeJson {

    private NodeJson() {}

    /** {@code {"available":[...], "waiting":[], "disabled":[...]}} */
    public static JsonObject mountpaths(NodeVolume v) {
        JsonArrayBuilder avail = Json.createArrayBuilder();
        JsonArrayBuilder disabled = Json.createArrayBuilder();
        for (MountpathInfo m : v.mountpaths()) {
            (m.enabled() ? avail : disabled).add(m.path());
        }
        return Json.createObjectBuilder()
                .add("available", avail)
                .add("waiting", Json.createArrayBuilder())
                .add("disabled", disabled)
                .build();
    }

    /** The node's effective configuration, AIS section names where they exist. */
    public static JsonObject config(NodeConfig c, NodeVolume v) {
        JsonArrayBuilder paths = Json.createArrayBuilder();
        v.mountpaths().forEach(m -> paths.add(m.path()));
        return Json.createObjectBuilder()
                .add("confdir", "")
                .add("fspaths", paths)
                .add(
                        "net",
                        Json.createObjectBuilder()
                                .add(
                                        "http",
                                        Json.createObjectBuilder()
                                                .add("use_https", c.publicUrl().startsWith("https:")))
                                .add(
                                        "l4",
                                        Json.createObjectBuilder()
                                                .add("proto", "tcp")
                                                .add("port", Integer.toString(c.publicPort()))))
                .add(
                        "host_net",
                        Json.createObjectBuilder()
                                .add("hostname", c.httpAddress())
                                .add("port", Integer.toString(c.publicPort())))
                .add(
                        "checksum",
                        Json.createObjectBuilder()
                                .add("type", "xxhash2")
                                .add("validate_cold_get", true)
                                .add("validate_warm_get", true))
                .add("versioning", Json.createObjectBuilder().add("enabled", true))
                .add(
                        "ais",
                        Json.createObjectBuilder()
                                .add("node_id", v.nodeId())
                                .add(
                                        "roles",
                                        (c.isProxy() ? "proxy" : "")
                                                + (c.isProxy() && c.isTarget() ? "," : "")
                                                + (c.isTarget() ? "target" : ""))
                                .add("public_url", c.publicUrl()))
                .build();
    }
}
