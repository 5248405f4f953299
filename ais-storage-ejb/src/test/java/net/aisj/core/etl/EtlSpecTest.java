package net.aisj.core.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import net.aisj.core.AisException;
import org.junit.jupiter.api.Test;

class EtlSpecTest {

    static EtlSpec spec(String name, String comm, boolean directPut, List<String> cmd) {
        return new EtlSpec(name, comm, 0, 0, directPut, "", cmd, List.of(), Map.of(), "", -1, "{}");
    }

    @Test
    void namesFollowAisRule() {
        EtlSpec.validateName("md5-etl");
        EtlSpec.validateName("a".repeat(32));
        assertThatThrownBy(() -> EtlSpec.validateName("")).hasMessageContaining("is empty");
        assertThatThrownBy(() -> EtlSpec.validateName("abcde")).hasMessageContaining("is too short");
        assertThatThrownBy(() -> EtlSpec.validateName("a".repeat(33))).hasMessageContaining("is too long");
        assertThatThrownBy(() -> EtlSpec.validateName("Md5-etl"))
                .isInstanceOf(AisException.class)
                .hasMessageContaining("can only contain [a-z0-9-]");
    }

    @Test
    void commTypeDefaultsAndSuffix() {
        assertThat(spec("md5-etl", "", false, List.of("x")).communication()).isEqualTo(EtlSpec.HPUSH);
        assertThat(spec("md5-etl", "hpull", false, List.of("x")).communication())
                .isEqualTo(EtlSpec.HPULL);
        assertThatThrownBy(() -> spec("md5-etl", "io://", false, List.of("x")))
                .hasMessageContaining("unknown communication type");
    }

    @Test
    void defaultsAndValidation() {
        EtlSpec s = spec("md5-etl", "hpush://", false, List.of("x"));
        assertThat(s.initTimeoutMillis()).isEqualTo(EtlSpec.DEFAULT_INIT_TIMEOUT_MILLIS);
        assertThat(s.objTimeoutMillis()).isEqualTo(EtlSpec.DEFAULT_OBJ_TIMEOUT_MILLIS);
        assertThatThrownBy(() -> spec("md5-etl", "ws://", false, List.of("x")).validate())
                .hasMessageContaining("support_direct_put");
        assertThatThrownBy(() -> spec("md5-etl", "hpush://", false, List.of()).validate())
                .hasMessageContaining("runtime.command or runtime.image");
    }

    @Test
    void metadataVersionsGrow() {
        EtlEntry e = new EtlEntry(spec("md5-etl", "", false, List.of("x")), EtlStage.RUNNING, "s", "etl-1", "");
        EtlMetadata m = EtlMetadata.empty().with(e);
        assertThat(m.version()).isEqualTo(1);
        assertThat(m.change("md5-etl", x -> x.withStage(EtlStage.ABORTED, "why"))
                        .get("md5-etl"))
                .hasValueSatisfying(x -> assertThat(x.stage()).isEqualTo(EtlStage.ABORTED));
        assertThat(m.without("other")).isSameAs(m);
        assertThat(m.without("md5-etl").version()).isEqualTo(2);
        assertThat(EtlStage.of("Running")).isEqualTo(EtlStage.RUNNING);
    }
}
