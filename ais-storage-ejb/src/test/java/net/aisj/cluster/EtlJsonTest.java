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

    /** AIS's SDK {@code init_spec} with its MD5 template (hpull), as the SDK sends it. */
    static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: transformer-md5
              annotations:
                communication_type: "hpull://"
                wait_timeout: 2m
                support_direct_put: "true"
            spec:
              containers:
                - name: server
                  image: aistorage/transformer_md5:latest
                  imagePullPolicy: Always
                  ports:
                    - name: default
                      containerPort: 8000
                  command: ["uvicorn", "fastapi_server:fastapi_app", "--host", "0.0.0.0"]
                  args: ["--port", "8000"]
                  env:
                    - name: ARG_TYPE
                      value: "bytes"
                  readinessProbe:
                    httpGet:
                      path: /health
                      port: default
            """;

    static String initSpec(String yaml, String extra) {
        return "{\"name\":\"md5-pod\"," + extra + "\"spec\":\""
                + java.util.Base64.getEncoder().encodeToString(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "\"}";
    }

    @Test
    void readsThePodSpecFormAsFarAsItMapsToAProcess() {
        EtlSpec s = EtlJson.spec(initSpec(POD, ""));
        assertThat(s.image()).isEqualTo("aistorage/transformer_md5:latest");
        assertThat(s.command()).isEmpty();
        assertThat(s.podCommand())
                .containsExactly("uvicorn", "fastapi_server:fastapi_app", "--host", "0.0.0.0", "--port", "8000");
        assertThat(s.env()).containsEntry("ARG_TYPE", "bytes");
        assertThat(s.communication()).isEqualTo(EtlSpec.HPULL);
        assertThat(s.initTimeoutMillis()).isEqualTo(120_000);
        assertThat(s.directPut()).isTrue();
        // the message's own fields win over the annotations; it round-trips through the metadata
        EtlSpec own = EtlJson.spec(initSpec(POD, "\"communication\":\"hpush://\",\"init_timeout\":\"30s\","));
        assertThat(own.communication()).isEqualTo(EtlSpec.HPUSH);
        assertThat(own.initTimeoutMillis()).isEqualTo(30_000);
        EtlEntry e = new EtlEntry(own, EtlStage.RUNNING, "sec", "etl-1", "");
        assertThat(EtlJson.entryOf(EtlJson.entryText(e))).isEqualTo(e);
    }

    @Test
    void refusesPodsAisWouldRefuse() {
        assertThatThrownBy(() -> EtlJson.spec("{\"name\":\"md5-etl\",\"spec\":\"%%%\"}"))
                .hasMessageContaining("not base64");
        assertThatThrownBy(() -> EtlJson.spec(initSpec("a: [unclosed", ""))).hasMessageContaining("invalid YAML");
        assertThatThrownBy(() -> EtlJson.spec(initSpec(POD.replace("- name: default", "- name: http"), "")))
                .hasMessageContaining("port named \"default\"");
        String two = POD.replace("  containers:\n", "  containers:\n    - name: side\n      image: x\n");
        assertThatThrownBy(() -> EtlJson.spec(initSpec(two, ""))).hasMessageContaining("exactly one container");
        assertThatThrownBy(() -> EtlJson.spec(initSpec("!!java.io.File [\"/etc/passwd\"]", "")))
                .hasMessageContaining("invalid YAML");
    }

    @Test
    void refusesBadShapes() {
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
