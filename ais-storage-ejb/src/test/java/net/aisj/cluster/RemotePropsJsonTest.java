package net.aisj.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import java.util.List;
import net.aisj.core.AisException;
import net.aisj.core.BucketProps;
import org.junit.jupiter.api.Test;

class RemotePropsJsonTest {

    private final BucketProps ais = BucketProps.defaults(1_700_000_000_000_000_000L, 42);

    @Test
    void backendBckAndExtraAwsRoundTrip() {
        BucketProps p = BucketPropsJson.applyPatch(
                ais,
                MetaJson.parse(
                        "{\"backend_bck\":{\"name\":\"cloud\","
                                + "\"provider\":\"s3\"},\"extra\":{\"aws\":{\"endpoint\":\"http://127.0.0.1:9\",\"profile\":\"p1\"}}}"));
        assertThat(p.remote().backendProvider()).isEqualTo("aws");
        assertThat(p.remote().backendName()).isEqualTo("cloud");
        assertThat(p.remote().awsEndpoint()).isEqualTo("http://127.0.0.1:9");
        assertThat(p.remote().awsProfile()).isEqualTo("p1");
        assertThat(p.isRemote()).isTrue();
        JsonObject json = BucketPropsJson.props(p);
        assertThat(json.getJsonObject("backend_bck").getString("provider")).isEqualTo("aws");
        assertThat(json.getJsonObject("extra").getJsonObject("aws").getString("profile"))
                .isEqualTo("p1");
        assertThat(BucketPropsJson.readProps(MetaJson.parse(json.toString()))).isEqualTo(p);
    }

    @Test
    void azureGcpAndHdfsExtrasRoundTripThroughTheBmdAndAreChecked() {
        BucketProps az = BucketPropsJson.applyPatch(
                BucketProps.remoteDefaults("azure", 1, 2),
                MetaJson.parse("{\"extra\":{\"azure\":{\"endpoint\":\"http://127.0.0.1:9/a\",\"account\":\"second\"},"
                        + "\"gcp\":{\"application_creds\":\"/etc/g.json\"},\"hdfs\":{\"root\":\"/data\"}}}"));
        assertThat(az.remote().cloud().azureEndpoint()).isEqualTo("http://127.0.0.1:9/a");
        assertThat(az.remote().cloud().azureAccount()).isEqualTo("second");
        assertThat(az.remote().cloud().gcpCreds()).isEqualTo("/etc/g.json");
        assertThat(az.remote().cloud().hdfsRoot()).isEqualTo("/data");
        assertThat(BucketPropsJson.props(az)
                        .getJsonObject("extra")
                        .getJsonObject("azure")
                        .getString("account"))
                .isEqualTo("second");
        assertThat(BucketPropsJson.readStored(
                        MetaJson.parse(BucketPropsJson.stored(az).toString())))
                .isEqualTo(az);
        // a later patch of one key keeps the others
        BucketProps again =
                BucketPropsJson.applyPatch(az, MetaJson.parse("{\"extra\":{\"azure\":{\"account\":\"\"}}}"));
        assertThat(again.remote().cloud().azureAccount()).isEmpty();
        assertThat(again.remote().cloud().azureEndpoint()).isEqualTo("http://127.0.0.1:9/a");
        for (String bad : List.of(
                "{\"azure\":{\"endpoint\":\"ftp://h/\"}}",
                "{\"gcp\":{\"application_creds\":\"rel/g.json\"}}",
                "{\"gcp\":{\"endpoint\":\"http://\"}}",
                "{\"hdfs\":{\"root\":\"/a/../b\"}}",
                "{\"azure\":{\"account\":\"Bad_Name\"}}")) {
            assertThatThrownBy(() -> BucketPropsJson.applyPatch(ais, MetaJson.parse("{\"extra\":" + bad + "}")))
                    .as(bad)
                    .isInstanceOf(AisException.class)
                    .hasMessageContaining("invalid extra.");
        }
    }

    @Test
    void propsWrittenBeforeRemoteBucketsReadAsNone() {
        JsonObject old = MetaJson.parse(BucketPropsJson.props(ais).toString());
        JsonObject withoutExtra =
                jakarta.json.Json.createObjectBuilder(old).remove("extra").build();
        assertThat(BucketPropsJson.readProps(withoutExtra).remote()).isEqualTo(BucketProps.Remote.NONE);
        assertThat(ais.isRemote()).isFalse();
    }

    @Test
    void backendBckMustNameARemoteBucket() {
        assertThatThrownBy(() -> BucketPropsJson.applyPatch(
                        ais, MetaJson.parse("{\"backend_bck\":{\"name\":\"x\",\"provider\":\"ais\"}}")))
                .isInstanceOf(AisException.class)
                .hasMessageContaining("backend_bck");
        BucketProps remote = BucketProps.remoteDefaults("aws", 1, 2);
        assertThatThrownBy(() -> BucketPropsJson.applyPatch(
                        remote, MetaJson.parse("{\"backend_bck\":{\"name\":\"x\",\"provider\":\"aws\"}}")))
                .isInstanceOf(AisException.class)
                .hasMessageContaining("only be set on an ais://");
    }

    @Test
    void corsRulesAreStoredInTheBmdButNotShownAmongAisProps() {
        net.aisj.core.BucketCors cors =
                new net.aisj.core.BucketCors(java.util.List.of(new net.aisj.core.BucketCors.Rule(
                        "r1",
                        java.util.List.of("https://a.example"),
                        java.util.List.of("GET", "PUT"),
                        java.util.List.of("*"),
                        java.util.List.of("ETag"),
                        60)));
        BucketProps p = ais.withCors(cors);
        assertThat(BucketPropsJson.props(p).containsKey(BucketPropsJson.CORS)).isFalse();
        JsonObject stored = MetaJson.parse(BucketPropsJson.stored(p).toString());
        assertThat(BucketPropsJson.readStored(stored)).isEqualTo(p);
        assertThat(BucketPropsJson.readStored(
                        MetaJson.parse(BucketPropsJson.stored(ais).toString())))
                .isEqualTo(ais);
        // a set-bprops patch keeps the rules, and clients cannot set them through AIS's props
        BucketProps patched = BucketPropsJson.applyPatch(p, MetaJson.parse("{\"access\":\"7\"}"));
        assertThat(patched.cors()).isEqualTo(cors);
        assertThatThrownBy(() -> BucketPropsJson.applyPatch(ais, MetaJson.parse("{\"s3_cors\":[]}")))
                .isInstanceOf(AisException.class);
        net.aisj.core.BucketMetadata bmd =
                net.aisj.core.BucketMetadata.empty("u").with(new net.aisj.connector.api.BucketId("ais", "", "b"), p);
        assertThat(MetaJson.bmdOf(MetaJson.bmdText(bmd))).isEqualTo(bmd);
    }
}
