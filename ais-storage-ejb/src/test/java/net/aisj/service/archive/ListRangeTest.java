package net.aisj.service.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListRangeTest {

    static List<String> all(ListRange r) {
        List<String> out = new ArrayList<>();
        r.expand().forEachRemaining(out::add);
        return out;
    }

    @Test
    void expandsPaddedRangesLastFastest() {
        assertThat(all(new ListRange(null, "obj-{0008..0011}.bin")))
                .containsExactly("obj-0008.bin", "obj-0009.bin", "obj-0010.bin", "obj-0011.bin");
        assertThat(all(new ListRange(null, "{1..2}/{0..4..2}")))
                .containsExactly("1/0", "1/2", "1/4", "2/0", "2/2", "2/4");
    }

    @Test
    void prefixAndList() {
        ListRange p = new ListRange(List.of(), "train/");
        assertThat(p.isRange()).isFalse();
        assertThat(p.prefix()).isEqualTo("train/");
        assertThat(new ListRange(List.of("a", "b"), null).isList()).isTrue();
    }

    @Test
    void rejectsBadRanges() {
        assertThatThrownBy(() -> new ListRange(null, "x-{9..1}").expand()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ListRange(null, "{0..99999}{0..99999}").expand())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
