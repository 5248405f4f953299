package net.aisj.service.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartLayoutTest {

    @Test
    void uniformParts() {
        String l = PartLayout.encode(List.of(5L, 5L, 5L, 2L));
        assertThat(l).isEqualTo("4:5:2");
        assertThat(PartLayout.count(l)).isEqualTo(4);
        assertThat(PartLayout.range(l, 1)).containsExactly(0, 5);
        assertThat(PartLayout.range(l, 4)).containsExactly(15, 2);
        assertThat(PartLayout.range(l, 5)).isNull();
        assertThat(PartLayout.encode(List.of(7L))).isEqualTo("1:7:7");
        assertThat(PartLayout.range("1:7:7", 1)).containsExactly(0, 7);
    }

    @Test
    void irregularParts() {
        String l = PartLayout.encode(List.of(5L, 6L, 1L));
        assertThat(l).isEqualTo("3:5,6,1");
        assertThat(PartLayout.range(l, 3)).containsExactly(11, 1);
        List<Long> many = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add((long) (i % 2 + 5));
        }
        assertThat(PartLayout.encode(many)).isNull();
    }

    @Test
    void malformed() {
        for (String bad : new String[] {null, "", "x", "2:1", "0:1:1", "3:a:b", "1:2:3:4"}) {
            assertThat(PartLayout.count(bad)).as(bad).isZero();
            assertThat(PartLayout.range(bad, 1)).as(bad).isNull();
        }
    }
}
