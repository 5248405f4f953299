package net.aisj.jca.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.resource.spi.InvalidPropertyException;
import org.junit.jupiter.api.Test;

class ObjectEventActivationSpecTest {

    @Test
    void aBucketIsRequiredAndKindsAreChecked() throws Exception {
        ObjectEventActivationSpec s = new ObjectEventActivationSpec();
        assertThatThrownBy(s::validate)
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("bucket");
        s.setBucket("b");
        s.validate();
        assertThat(s.kindSet()).containsExactly("created", "deleted");
        s.setKinds(" Created ");
        assertThat(s.kindSet()).containsExactly("created");
        s.setKinds("created,renamed");
        assertThatThrownBy(s::validate).hasMessageContaining("renamed");
        s.setKinds("deleted");
        s.setPollMillis(1);
        assertThatThrownBy(s::validate).hasMessageContaining("pollMillis");
    }

    @Test
    void endpointsFallBackToTheAdapters() {
        ObjectEventActivationSpec s = new ObjectEventActivationSpec();
        assertThat(s.endpointsOr("http://a")).isEqualTo("http://a");
        s.setEndpoints("http://b");
        assertThat(s.endpointsOr("http://a")).isEqualTo("http://b");
    }
}
