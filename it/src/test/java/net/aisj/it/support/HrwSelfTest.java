package net.aisj.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks the test-side HRW helper against golden vectors computed with AIS's own client code. */
class HrwSelfTest {

    @Test
    void digestsMatchAis() {
        assertThat(Long.toUnsignedString(Hrw.digest(""))).isEqualTo("12295767445558623539");
        assertThat(Long.toUnsignedString(Hrw.digest("a"))).isEqualTo("6843093361001225328");
        assertThat(Long.toUnsignedString(Hrw.digest("ais/@#/imagenet/train/0001.jpg")))
                .isEqualTo("14180536622825319693");
        assertThat(Long.toUnsignedString(Hrw.digest("/ais/mp1"))).isEqualTo("12203671305734101140");
    }

    @Test
    void mixMatchesAis() {
        assertThat(Long.toUnsignedString(Hrw.mix(0))).isEqualTo("1905207664160064169");
        assertThat(Long.toUnsignedString(Hrw.mix(1))).isEqualTo("14233695028433725123");
        assertThat(Long.toUnsignedString(Hrw.mix(Long.MIN_VALUE))).isEqualTo("5506046965798179545");
        assertThat(Long.toUnsignedString(Hrw.mix(-1))).isEqualTo("10227601306713020730");
        assertThat(Long.toUnsignedString(Hrw.mix(Long.parseUnsignedLong("11400714819323198485"))))
                .isEqualTo("1944912551349715376");
    }

    @Test
    void mountpathOwnersMatchAis() {
        List<String> mps = List.of("/ais/mp1", "/ais/mp2", "/ais/mp3", "/data/disk4/ais");
        assertThat(Hrw.owner(mps, "ais/@#/imagenet/a")).isEqualTo("/ais/mp2");
        assertThat(Hrw.owner(mps, "ais/@#/imagenet/dir/sub/file with space.bin"))
                .isEqualTo("/ais/mp1");
        assertThat(Hrw.owner(mps, "ais/@#/imagenet/ünïcödé/ключ/鍵.txt")).isEqualTo("/data/disk4/ais");
    }

    @Test
    void targetOwnersMatchAis() {
        List<String> ts = List.of("txdyZeZvm", "tgpbNU3My", "t2LHM12fp", "tZMv4EaK5", "tm7bYfGdC");
        assertThat(Hrw.owner(ts, "ais/@#/imagenet/a")).isEqualTo("tm7bYfGdC");
        assertThat(Hrw.owner(ts, "ais/@#/imagenet/shard-000042.tar")).isEqualTo("tgpbNU3My");
    }

    @Test
    void pseudoRandomStreamIsDeterministicAcrossReadSizes() {
        byte[] whole = PseudoRandomInputStream.bytes(42, 1000);
        PseudoRandomInputStream in = new PseudoRandomInputStream(42, 1000);
        byte[] pieces = new byte[1000];
        int pos = 0;
        int[] sizes = {1, 3, 7, 8, 13, 100, 1000};
        for (int i = 0; pos < 1000; i++) {
            int n = in.read(pieces, pos, Math.min(sizes[i % sizes.length], 1000 - pos));
            pos += n;
        }
        assertThat(in.read()).isEqualTo(-1);
        assertThat(pieces).isEqualTo(whole);
    }

    @Test
    void pathEncodingKeepsSlashesAndEncodesTheRest() {
        assertThat(Names.encodePath("a/b/")).isEqualTo("a/b/");
        assertThat(Names.encodePath("x y/ü?#%")).isEqualTo("x%20y/%C3%BC%3F%23%25");
        assertThat(Names.UTF8_ORDER.compare("z", "é")).isNegative();
        assertThat(Names.UTF8_ORDER.compare("\uffff", "\uD83D\uDE00")).isNegative();
    }
}
