package net.aisj.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.hrw.Hrw;
import net.aisj.core.AisException;
import net.aisj.core.BucketMetadata;
import net.aisj.core.BucketProps;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;
import org.junit.jupiter.api.Test;

class MetaJsonTest {

    private final BucketProps defaults = BucketProps.defaults(1_700_000_000_000_000_000L, 42);

    @Test
    void propsRoundTrip() {
        var json = BucketPropsJson.props(defaults);
        assertThat(json.getJsonObject("checksum").getString("type")).isEqualTo("xxhash2");
        assertThat(json.getString("created")).isEqualTo("1700000000000000000");
        assertThat(BucketPropsJson.readProps(MetaJson.parse(json.toString()))).isEqualTo(defaults);
    }

    @Test
    void patchMergesDeeplyAndValidates() {
        BucketProps p = BucketPropsJson.applyPatch(
                defaults,
                MetaJson.parse("{\"checksum\":{\"type\":\"MD5\"},\"mirror\":{\"enabled\":true,\"copies\":2}}"));
        assertThat(p.checksum().type()).isEqualTo("md5");
        assertThat(p.checksum().validateColdGet()).isTrue();
        assertThat(p.mirror().copies()).isEqualTo(2);
        assertThat(p.versioning()).isEqualTo(defaults.versioning());
        assertThat(p.created()).isEqualTo(defaults.created());

        assertThatThrownBy(() ->
                        BucketPropsJson.applyPatch(defaults, MetaJson.parse("{\"checksum\":{\"type\":\"crc64\"}}")))
                .isInstanceOf(AisException.class)
                .hasMessageContaining("checksum.type");
        assertThatThrownBy(() -> BucketPropsJson.applyPatch(defaults, MetaJson.parse("{\"nosuch\":1}")))
                .isInstanceOf(AisException.class)
                .hasMessageContaining("nosuch");
        assertThatThrownBy(
                        () -> BucketPropsJson.applyPatch(defaults, MetaJson.parse("{\"mirror\":{\"copies\":\"x\"}}")))
                .isInstanceOf(AisException.class);
        assertThatThrownBy(() -> MetaJson.parse("{not json")).isInstanceOf(AisException.class);
    }

    @Test
    void ecCannotBeSwitchedOff() {
        BucketProps ec = BucketPropsJson.applyPatch(defaults, MetaJson.parse("{\"ec\":{\"enabled\":true}}"));
        BucketProps off = BucketPropsJson.applyPatch(ec, MetaJson.parse("{\"ec\":{\"enabled\":false}}"));
        assertThatThrownBy(() -> ec.checkTransitionTo(off)).isInstanceOf(AisException.class);
    }

    @Test
    void bmdRoundTripKeepsVersionAndBuckets() {
        BucketMetadata bmd =
                BucketMetadata.empty("u1").with(BucketId.ais("b1"), defaults).with(BucketId.ais("a0"), defaults);
        var json = MetaJson.bmd(bmd);
        assertThat(json.getString("version")).isEqualTo("2");
        assertThat(json.getJsonObject("providers")
                        .getJsonObject("ais")
                        .getJsonObject("@#")
                        .keySet())
                .containsExactly("a0", "b1");
        BucketMetadata back = MetaJson.readBmd(MetaJson.parse(json.toString()));
        assertThat(back).isEqualTo(bmd);
        assertThat(back.without(BucketId.ais("a0")).version()).isEqualTo(3);
    }

    @Test
    void smapListsDualRoleNodeInBothMaps() {
        NodeInfo n = new NodeInfo("t1", true, true, "127.0.0.1", 8080, "http://127.0.0.1:8080", 0, "m1");
        NodeInfo t2 = new NodeInfo("t2", false, true, "127.0.0.1", 8081, "http://127.0.0.1:8081", NodeInfo.MAINT, "m2");
        ClusterMap map = new ClusterMap("u", 3, Map.of("t1", n, "t2", t2), "t1", 5);
        var json = MetaJson.smap(map);
        assertThat(MetaJson.readSmap(MetaJson.parse(json.toString()))).isEqualTo(map);
        assertThat(json.getJsonObject("pmap").containsKey("t2")).isFalse();
        assertThat(json.getJsonObject("tmap").getJsonObject("t1").getString("daemon_type"))
                .isEqualTo("target");
        assertThat(json.getJsonObject("pmap").getJsonObject("t1").getString("daemon_type"))
                .isEqualTo("proxy");
        assertThat(json.getJsonObject("proxy_si").getString("daemon_id")).isEqualTo("t1");
        assertThat(json.getString("version")).isEqualTo("3");
        assertThat(json.getJsonObject("tmap")
                        .getJsonObject("t1")
                        .getJsonObject("public_net")
                        .getString("direct_url"))
                .isEqualTo("http://127.0.0.1:8080");
        assertThat(json.getJsonObject("tmap").getJsonObject("t1").getString("id_digest"))
                .isEqualTo(Long.toUnsignedString(Hrw.digest("t1")));
    }
}
