package net.aisj.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectTemplateTest {

    static List<String> names(String t) {
        List<String> out = new ArrayList<>();
        ObjectTemplate.parse(t, 5).forEach(out::add);
        return out;
    }

    @Test
    void bashRangesWithPaddingStepsAndNesting() {
        assertThat(names("shard-{0000..0003}.tar"))
                .containsExactly("shard-0000.tar", "shard-0001.tar", "shard-0002.tar", "shard-0003.tar");
        assertThat(names("a{0..10..5}")).containsExactly("a0", "a5", "a10");
        assertThat(names("d{1..2}/f{01..02}.jpg"))
                .containsExactly("d1/f01.jpg", "d1/f02.jpg", "d2/f01.jpg", "d2/f02.jpg");
        assertThat(ObjectTemplate.parse("x-{0000..9999}.tar", 0).count()).isEqualTo(10_000);
    }

    @Test
    void atAndFmtStyles() {
        assertThat(names("p-@02")).containsExactly("p-00", "p-01", "p-02");
        assertThat(names("p-@1-q-@1")).containsExactly("p-0-q-0", "p-0-q-1", "p-1-q-0", "p-1-q-1");
        assertThat(names("out-%06d.tar"))
                .containsExactly(
                        "out-000000.tar", "out-000001.tar", "out-000002.tar", "out-000003.tar", "out-000004.tar");
        assertThatThrownBy(() -> ObjectTemplate.parse("out-%d", 0)).isInstanceOf(AisException.class);
    }

    @Test
    void withoutARangeItIsAPrefix() {
        ObjectTemplate t = ObjectTemplate.parse("logs/2025/", 0);
        assertThat(t.isPrefixOnly()).isTrue();
        assertThat(t.prefix()).isEqualTo("logs/2025/");
    }

    @Test
    void badRangesAreRefused() {
        for (String bad : new String[] {"a{5..1}", "a{1..5..0}", "a{0..99999999999}"}) {
            assertThatThrownBy(() -> ObjectTemplate.parse(bad, 0)).as(bad).isInstanceOf(AisException.class);
        }
    }
}
