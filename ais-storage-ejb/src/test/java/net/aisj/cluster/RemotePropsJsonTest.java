package net.aisj.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import net.aisj.core.AisException;
import net.aisj.core.BucketProps;
import org.junit.jupiter.api.Test;

class RemotePropsJsonTest {

    private final BucketProps ais = BucketProps.defaults(1_700_000_000_000_000_000L, 42);

    @Test
    void backendBckAndExtraAwsRoundTrip() {
        BucketProps p = MetaJson.applyPatch(
                ais,
                MetaJson.parse(
                        "{\"backend_bck\":{\"name\":\"cloud\","
                                + "\"provider\":\"s3\"},\"extra\":{\"aws\":{\"endpoint\":\"http://127.0.0.1:9\",\"profile\":\"p1\"}}}"));
        assertThat(p.remote().backendProvider()).isEqualTo("aws");
        assertThat(p.remote().backendName()).isEqualTo("cloud");
        assertThat(p.remote().awsEndpoint()).isEqualTo("http://127.0.0.1:9");
        assertThat(p.remote().awsProfile()).isEqualTo("p1");
        assertThat(p.isRemote()).isTrue();
        JsonObject json = MetaJson.props(p);
        assertThat(json.getJsonObject("backend_bck").getString("provider")).isEqualTo("aws");
        assertThat(json.getJsonObject("extra").getJsonObject("aws").getString("profile"))
                .isEqualTo("p1");
        assertThat(MetaJson.readProps(MetaJson.parse(json.toString()))).isEqualTo(p);
    }

    @Test
    void propsWrittenBeforeRemoteBucketsReadAsNone() {
        JsonObject old = MetaJson.parse(MetaJson.props(ais).toString());
        JsonObject withoutExtra =
                jakarta.json.Json.createObjectBuilder(old).remove("extra").build();
        assertThat(MetaJson.readProps(withoutExtra).remote()).isEqualTo(BucketProps.Remote.NONE);
        assertThat(ais.isRemote()).isFalse();
    }

    @Test
    void backendBckMustNameARemoteBucket() {
        assertThatThrownBy(() -> MetaJson.applyPatch(
                        ais, MetaJson.parse("{\"backend_bck\":{\"name\":\"x\",\"provider\":\"ais\"}}")))
                .isInstanceOf(AisException.class)
                .hasMessageContaining("backend_bck");
        BucketProps remote = BucketProps.remoteDefaults("aws", 1, 2);
        assertThatThrownBy(() -> MetaJson.applyPatch(
                        remote, MetaJson.parse("{\"backend_bck\":{\"name\":\"x\",\"provider\":\"aws\"}}")))
                .isInstanceOf(AisException.class)
                .hasMessageContaining("only be set on an ais://");
    }
}
