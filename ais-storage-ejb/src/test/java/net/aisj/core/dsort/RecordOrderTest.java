package net.aisj.core.dsort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.aisj.core.AisException;
import org.junit.jupiter.api.Test;

class RecordOrderTest {

    static DsortRecord rec(String name, String holder, int shard, int pos, String key) {
        return new DsortRecord(name, holder, shard, pos, 0, List.of(new DsortRecord.Part(".bin", pos * 10L, 10)), key);
    }

    static List<DsortRecord> sample() {
        List<DsortRecord> out = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            out.add(rec(String.format("r-%03d", i), "t" + (i % 3), i % 7, i, Integer.toString((i * 37) % 101)));
        }
        Collections.shuffle(out, new Random(9));
        return out;
    }

    static DsortSpec.Algorithm alg(DsortSpec.Kind k, boolean decreasing, long seed, DsortSpec.KeyType type) {
        return new DsortSpec.Algorithm(k, decreasing, seed, ".cls", type);
    }

    static List<String> names(List<DsortRecord> rs) {
        return rs.stream().map(DsortRecord::name).toList();
    }

    @Test
    void alphanumericSortsByNameBothWays() {
        List<String> up = names(
                RecordOrder.order(sample(), alg(DsortSpec.Kind.ALPHANUMERIC, false, 0, DsortSpec.KeyType.STRING)));
        assertThat(up).isSorted().hasSize(200);
        List<String> down =
                names(RecordOrder.order(sample(), alg(DsortSpec.Kind.ALPHANUMERIC, true, 0, DsortSpec.KeyType.STRING)));
        List<String> rev = new ArrayList<>(up);
        Collections.reverse(rev);
        assertThat(down).isEqualTo(rev);
    }

    @Test
    void shuffleDependsOnlyOnSeedNotOnGatheringOrder() {
        List<DsortRecord> a = sample();
        List<DsortRecord> b = new ArrayList<>(a);
        Collections.shuffle(b, new Random(1));
        var s42 = alg(DsortSpec.Kind.SHUFFLE, false, 42, DsortSpec.KeyType.STRING);
        List<String> x = names(RecordOrder.order(a, s42));
        assertThat(names(RecordOrder.order(b, s42))).isEqualTo(x);
        assertThat(x)
                .isNotEqualTo(
                        names(RecordOrder.order(a, alg(DsortSpec.Kind.SHUFFLE, false, 43, DsortSpec.KeyType.STRING))));
        assertThat(x)
                .isNotEqualTo(names(
                        RecordOrder.order(a, alg(DsortSpec.Kind.ALPHANUMERIC, false, 0, DsortSpec.KeyType.STRING))));
        assertThat(x).containsExactlyInAnyOrderElementsOf(names(a));
    }

    @Test
    void noneKeepsInputOrder() {
        List<DsortRecord> out =
                RecordOrder.order(sample(), alg(DsortSpec.Kind.NONE, false, 0, DsortSpec.KeyType.STRING));
        for (int i = 1; i < out.size(); i++) {
            DsortRecord p = out.get(i - 1);
            DsortRecord r = out.get(i);
            assertThat(p.shard() < r.shard() || (p.shard() == r.shard() && p.position() < r.position()))
                    .isTrue();
        }
    }

    @Test
    void contentKeysCompareByType() {
        List<DsortRecord> rs = List.of(
                rec("a", "t", 0, 0, "10"),
                rec("b", "t", 0, 1, "9"),
                rec("c", "t", 0, 2, "-1.5"),
                rec("d", "t", 0, 3, "9"));
        assertThat(names(RecordOrder.order(rs, alg(DsortSpec.Kind.CONTENT, false, 0, DsortSpec.KeyType.FLOAT))))
                .containsExactly("c", "b", "d", "a");
        assertThat(names(RecordOrder.order(rs, alg(DsortSpec.Kind.CONTENT, false, 0, DsortSpec.KeyType.STRING))))
                .containsExactly("c", "a", "b", "d");
        assertThat(names(RecordOrder.order(rs, alg(DsortSpec.Kind.CONTENT, true, 0, DsortSpec.KeyType.FLOAT))))
                .containsExactly("a", "b", "d", "c");
        assertThatThrownBy(() -> RecordOrder.order(rs, alg(DsortSpec.Kind.CONTENT, false, 0, DsortSpec.KeyType.INT)))
                .isInstanceOf(AisException.class)
                .hasMessageContaining("record c")
                .hasMessageContaining("not an int");
    }

    @Test
    void md5OrderIsStableAndNotByName() {
        var md5 = alg(DsortSpec.Kind.MD5, false, 0, DsortSpec.KeyType.STRING);
        List<String> x = names(RecordOrder.order(sample(), md5));
        assertThat(x)
                .isEqualTo(names(RecordOrder.order(sample(), md5)))
                .isNotEqualTo(names(RecordOrder.order(
                        sample(), alg(DsortSpec.Kind.ALPHANUMERIC, false, 0, DsortSpec.KeyType.STRING))));
    }

    @Test
    void splitsMemberNamesAtTheFirstDotOfTheBaseName() {
        assertThat(DsortRecord.split("a.b/x.seg.jpg")).containsExactly("a.b/x", ".seg.jpg");
        assertThat(DsortRecord.split("x")).containsExactly("x", "");
        assertThat(DsortRecord.split("d/.hidden")).containsExactly("d/.hidden", "");
    }
}
