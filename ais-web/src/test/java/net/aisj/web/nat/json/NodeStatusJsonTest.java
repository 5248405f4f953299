package net.aisj.web.nat.json;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import net.aisj.connector.api.MountpathInfo;
import net.aisj.connector.api.NodeVolume;
import net.aisj.core.NodeInfo;
import org.junit.jupiter.api.Test;

class NodeStatusJsonTest {

    static final NodeInfo NODE = new NodeInfo("n1", true, true, "127.0.0.1", 8080, "http://127.0.0.1:8080", 0, "m");

    @Test
    void capacityIsPerMountpathWithPercentUsed() {
        NodeVolume v = new NodeVolume(
                "n1",
                List.of(
                        new MountpathInfo("/d1", true, "ext4", 25, 100, true),
                        new MountpathInfo("/d2", false, "xfs", 0, 0, false)));
        JsonObject o = NodeStatusJson.of(NODE, "online", "1.0", 42, 5_000_000_000L, 7, v, Map.of("get.n", 3L));
        JsonObject d1 = o.getJsonObject("capacity").getJsonObject("/d1");
        assertThat(d1.getString("used")).isEqualTo("25");
        assertThat(d1.getString("avail")).isEqualTo("75");
        assertThat(d1.getString("total")).isEqualTo("100");
        assertThat(d1.getInt("pct_used")).isEqualTo(25);
        assertThat(d1.getBoolean("enabled")).isTrue();
        JsonObject d2 = o.getJsonObject("capacity").getJsonObject("/d2");
        assertThat(d2.getInt("pct_used")).isZero();
        assertThat(d2.getBoolean("enabled")).isFalse();
        assertThat(o.getJsonObject("tracker").getJsonObject("get.n").getString("v"))
                .isEqualTo("3");
        assertThat(o.getString("uptime")).isEqualTo("5000000000");
        assertThat(o.getJsonObject("snode").getString("daemon_id")).isEqualTo("n1");
    }

    @Test
    void stateFollowsTheNodeFlags() {
        assertThat(NodeStatusJson.state(NODE)).isEqualTo("online");
        assertThat(NodeStatusJson.state(NODE.withFlags(NodeInfo.MAINT))).isEqualTo("maintenance");
        assertThat(NodeStatusJson.state(NODE.withFlags(NodeInfo.MAINT | NodeInfo.DECOMM)))
                .isEqualTo("decommissioning");
    }
}
