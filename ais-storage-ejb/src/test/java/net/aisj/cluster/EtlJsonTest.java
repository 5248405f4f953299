package net.aisj.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.aisj.core.etl.EtlEntry;
import net.aisj.core.etl.EtlMetadata;
import net.aisj.core.etl.EtlNodeState;
import net.aisj.core.etl.EtlSpec;
import net.aisj.core.etl.EtlStage;
import org.junit.jupiter.api.Test;

class EtlJsonTest {

    /** What AIS's SDK sends for {@code etl.init(image=..., command=...)}. */
    static final String SDK = "{\"name\":\"md5-etl\",\"communication\":\"hpull://\",\"init_timeout\":\"5m\","
            + "\"obj_timeout\":\"45s\",\"support_direct_put\":false,\"env\":[{\"name\":\"A\",\"value\":\"2\"}],"
            + "\"runtime\":{\"image\":\"aistorage/transformer_md5:latest\",\"command\":[\"uvicorn\",\"x:app\"],"
            + "\"env\":[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"b\"}]},\"unknown\":1}";

    @Test
    void readsEtlSpecMsg() {
        EtlSpec s = EtlJson.spec(SDK);
        assertThat(s.name()).isEqualTo("md5-etl");
        assertThat(s.communication()).isEqualTo(EtlSpec.HPULL);
        assertThat(s.initTimeoutMillis()).isEqualTo(300_000);
        assertThat(s.objTimeoutMillis()).isEqualTo(45_000);
        assertThat(s.command()).containsExactly("uvicorn", "x:app");
        assertThat(s.env()).containsEntry("A", "2").containsEntry("B", "b"); // top-level env comes after runtime.env
        assertThat(s.initMsg()).contains("\"unknown\":1");
    }

    @Test
    void refusesPodSpecAndBadShapes() {
        assertThatThrownBy(() -> EtlJson.spec("{\"name\":\"md5-etl\",\"spec\":\"YWJj\"}"))
                .hasMessageContaining("InitSpecMsg");
        assertThatThrownBy(() -> EtlJson.spec("{\"name\":\"md5-etl\",\"runtime\":{\"command\":\"x\"}}"))
                .hasMessageContaining("list of strings");
        assertThatThrownBy(() -> EtlJson.spec("[1]")).hasMessageContaining("invalid ETL init message");
    }

    @Test
    void metadataAndNodeStateRoundTrip() {
        EtlEntry e = new EtlEntry(EtlJson.spec(SDK), EtlStage.RUNNING, "sec", "etl-1", "");
        EtlMetadata md = EtlMetadata.empty().with(e);
        EtlMetadata back = EtlJson.metadataOf(EtlJson.metadataText(md));
        assertThat(back.version()).isEqualTo(1);
        assertThat(back.get("md5-etl").orElseThrow()).isEqualTo(e);
        assertThat(EtlJson.entryOf(EtlJson.entryText(e))).isEqualTo(e);
        EtlNodeState s = new EtlNodeState(
                "t1",
                "Running",
                0.5,
                10,
                2,
                3,
                4,
                1,
                List.of(new EtlNodeState.ObjError("ais://b/o", "ETL error: x", 500)));
        assertThat(EtlJson.nodeStateOf(EtlJson.nodeStateText(s))).isEqualTo(s);
    }
}
