package net.aisj.it.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.PseudoRandomInputStream;
import net.aisj.it.support.Resp;
import net.aisj.it.support.SharedNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Range GETs on a 1 MiB object, compared byte for byte. */
class RangeIT {

    static final int SIZE = 1 << 20;
    static AisClient ais;
    static String b;
    static final String O = "range/obj.bin";
    static byte[] data;

    @BeforeAll
    static void setUp() {
        ais = SharedNode.client();
        b = ItEnv.bucketName("range");
        ais.createBucket(b).expect(200);
        data = PseudoRandomInputStream.bytes(System.nanoTime(), SIZE);
        ais.put(b, O, data).expect(200);
    }

    @AfterAll
    static void tearDown() {
        if (ais != null) {
            ais.destroyQuietly(b);
        }
    }

    private static void expectRange(String range, int first, int last) {
        Resp r = ais.get(b, O, Map.of("Range", range));
        assertThat(r.status()).as("Range %s: %s", range, r).isEqualTo(206);
        assertThat(r.header("Content-Range"))
                .as("Range %s: %s", range, r)
                .isEqualTo("bytes " + first + "-" + last + "/" + SIZE);
        assertThat(r.header("Content-Length"))
                .as("Range %s: %s", range, r)
                .isEqualTo(Integer.toString(last - first + 1));
        byte[] expected = Arrays.copyOfRange(data, first, last + 1);
        assertThat(r.body().length).as("Range %s body length", range).isEqualTo(expected.length);
        assertThat(Arrays.equals(r.body(), expected))
                .as("Range %s content", range)
                .isTrue();
    }

    @Test
    void firstByte() {
        expectRange("bytes=0-0", 0, 0);
    }

    @Test
    void lastByte() {
        expectRange("bytes=" + (SIZE - 1) + "-" + (SIZE - 1), SIZE - 1, SIZE - 1);
    }

    @Test
    void middle() {
        expectRange("bytes=1000-1999", 1000, 1999);
        expectRange("bytes=123457-654321", 123457, 654321);
    }

    @Test
    void suffix() {
        expectRange("bytes=-100", SIZE - 100, SIZE - 1);
        expectRange("bytes=-1", SIZE - 1, SIZE - 1);
    }

    @Test
    void suffixLongerThanTheObjectIsTheWholeObject() {
        expectRange("bytes=-" + (2 * SIZE), 0, SIZE - 1);
    }

    @Test
    void openEnded() {
        expectRange("bytes=1048000-", 1048000, SIZE - 1);
        expectRange("bytes=0-", 0, SIZE - 1);
    }

    @Test
    void endPastTheObjectIsClipped() {
        expectRange("bytes=1048000-2000000", 1048000, SIZE - 1);
    }

    @Test
    void whole() {
        expectRange("bytes=0-" + (SIZE - 1), 0, SIZE - 1);
    }

    @Test
    void noRangeIsTheWholeObject() {
        Resp r = ais.get(b, O).expect(200);
        assertThat(r.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(r.header("Content-Range")).isNull();
        assertThat(Arrays.equals(r.body(), data)).isTrue();
    }

    @Test
    void unsatisfiable() {
        for (String range :
                new String[] {"bytes=" + SIZE + "-", "bytes=2000000-2000010", "bytes=" + SIZE + "-" + SIZE}) {
            Resp r = ais.get(b, O, Map.of("Range", range));
            assertThat(r.status()).as("Range %s: %s", range, r).isEqualTo(416);
        }
    }

    @Test
    void rangeOnMissingObjectIs404() {
        Resp r = ais.get(b, "range/missing", Map.of("Range", "bytes=0-10"));
        assertThat(r.status()).as("%s", r).isEqualTo(404);
    }
}
