package net.aisj.core.dsort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.aisj.connector.api.BucketId;
import net.aisj.core.AisException;
import org.junit.jupiter.api.Test;

class ShardCutterTest {

    static List<DsortRecord> records(int n, long size) {
        List<DsortRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new DsortRecord(
                    "r" + i,
                    "t",
                    0,
                    i,
                    0,
                    List.of(new DsortRecord.Part(".a", 0, size - 1), new DsortRecord.Part(".b", 0, 1)),
                    ""));
        }
        return out;
    }

    static DsortSpec spec() {
        return new DsortSpec(
                BucketId.ais("in"),
                BucketId.ais("out"),
                "s-{0..1}",
                ".tar",
                "",
                ".tar",
                1,
                0,
                new DsortSpec.Algorithm(DsortSpec.Kind.NONE, false, 0, "", DsortSpec.KeyType.STRING),
                "",
                0,
                "http://h/ekm",
                "");
    }

    /** AIS's EKM examples: {@code cat_0.txt shard-cats-%d}, and zero-padded {@code %04d}. */
    @Test
    void externalKeyMapTemplatesInFmtStyle() {
        ExternalKeyMap ekm = ExternalKeyMap.parseLines("r[02468]$ shard-even-%d\nr[13579]$ shard-odd-%04d\n", " ");
        var shards = ShardCutter.cutByKeyMap(records(6, 100), 200, 0, ekm, false, spec()::outputNames);
        assertThat(shards)
                .extracting(ShardCutter.OutputShard::name)
                .containsExactly("shard-even-0.tar", "shard-even-1.tar", "shard-odd-0000.tar", "shard-odd-0001.tar");
    }

    @Test
    void externalKeyMapSendsRecordsToTheirTemplatesShards() {
        ExternalKeyMap ekm = ExternalKeyMap.parseLines("r[02468]$\teven-{0..9}\n\nr[13579]$\todd-{0..9}\n", "\t");
        assertThat(ekm.templates()).containsExactly("even-{0..9}", "odd-{0..9}");
        var shards = ShardCutter.cutByKeyMap(records(10, 100), 200, 0, ekm, false, spec()::outputNames);
        assertThat(shards)
                .extracting(ShardCutter.OutputShard::name)
                .containsExactly("even-0.tar", "even-1.tar", "even-2.tar", "odd-0.tar", "odd-1.tar", "odd-2.tar");
        assertThat(shards.get(0).records()).extracting(DsortRecord::name).containsExactly("r0", "r2");
        assertThat(shards.get(2).records()).extracting(DsortRecord::name).containsExactly("r8");
        assertThat(shards.get(5).records()).extracting(DsortRecord::name).containsExactly("r9");
        assertThatThrownBy(() -> ShardCutter.cutByKeyMap(records(12, 100), 200, 0, ekm, false, spec()::outputNames))
                .hasMessageContaining("\"r10\" is not in the external key map");
        assertThatThrownBy(() -> ExternalKeyMap.parseLines("a\tb\tc", "\t")).hasMessageContaining("malformed line (0)");
        assertThatThrownBy(() -> ekm.add("([", "x-{0..1}")).hasMessageContaining("invalid key");
    }

    static Iterable<String> names(String template) {
        return new DsortSpec(
                        BucketId.ais("in"),
                        BucketId.ais("out"),
                        "s-{0..1}",
                        ".tar",
                        template,
                        ".tar",
                        1,
                        0,
                        new DsortSpec.Algorithm(DsortSpec.Kind.NONE, false, 0, "", DsortSpec.KeyType.STRING),
                        "",
                        0,
                        "",
                        "")
                .outputNames();
    }

    @Test
    void closesAShardOnceItReachesTheSize() {
        var shards = ShardCutter.cut(records(10, 100), 250, 0, names("o-{00..99}"));
        assertThat(shards)
                .extracting(ShardCutter.OutputShard::name)
                .containsExactly("o-00.tar", "o-01.tar", "o-02.tar", "o-03.tar");
        assertThat(shards).extracting(s -> s.records().size()).containsExactly(3, 3, 3, 1);
        assertThat(shards.get(0).size()).isEqualTo(300);
        assertThat(shards.stream()
                        .flatMap(s -> s.records().stream())
                        .map(DsortRecord::name)
                        .toList())
                .isEqualTo(records(10, 100).stream().map(DsortRecord::name).toList());
    }

    @Test
    void cutsByRecordCount() {
        var shards = ShardCutter.cut(records(10, 100), 0, 4, names("o-{0..9}"));
        assertThat(shards).extracting(s -> s.records().size()).containsExactly(4, 4, 2);
    }

    @Test
    void exactMultipleLeavesNoEmptyShard() {
        assertThat(ShardCutter.cut(records(6, 100), 200, 0, names("o-{0..9}"))).hasSize(3);
        assertThat(ShardCutter.cut(List.of(), 200, 0, names("o-{0..9}"))).isEmpty();
    }

    @Test
    void tooFewOutputNamesIsABadRequest() {
        assertThatThrownBy(() -> ShardCutter.cut(records(10, 100), 100, 0, names("o-{0..3}")))
                .isInstanceOf(AisException.class)
                .hasMessageContaining("only 4 names");
    }
}
