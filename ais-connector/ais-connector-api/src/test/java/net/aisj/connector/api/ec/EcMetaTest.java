package net.aisj.connector.api.ec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ChecksumType;
import org.junit.jupiter.api.Test;

/** The metafile codec: AIS field names, round trip, escapes, damaged input. */
class EcMetaTest {

    static EcMeta sample() {
        return new EcMeta(
                "dir/obj \"q\"\n\u00e9",
                1_000_001,
                1_700_000_000_123L,
                new Checksum(ChecksumType.XXHASH2, "00ff00ff00ff00ff"),
                "3",
                "abcdef0123456789",
                "t1",
                Map.of("t1", 0, "t2", 1, "t3", 2, "t4", 3),
                2,
                1,
                2,
                false,
                1_700_000_000_000L,
                Map.of("ETag", "\"x\"", "k\\", "v\t"));
    }

    @Test
    void roundTripKeepsEveryField() {
        EcMeta m = sample();
        assertThat(EcMeta.parse(m.toJson())).isEqualTo(m);
        assertThat(EcMeta.parse(m.toBytes())).isEqualTo(m);
    }

    @Test
    void usesAisFieldNames() {
        String j = sample().toJson();
        for (String f : new String[] {
            "\"obj_size\":1000001",
            "\"generation\":1700000000123",
            "\"obj_cksum\"",
            "\"obj_version\":\"3\"",
            "\"cksum_type\":\"xxhash2\"",
            "\"slice_cksum\"",
            "\"replica_node\":\"t1\"",
            "\"nodes\":{\"t1\":0,\"t2\":1,\"t3\":2,\"t4\":3}",
            "\"data_slices\":2",
            "\"parity_slices\":1",
            "\"slice_id\":2",
            "\"md_version\":1",
            "\"is_copy\":false"
        }) {
            assertThat(j).contains(f);
        }
    }

    @Test
    void storedSizeIsTheSliceSizeOrTheWholeObject() {
        EcMeta m = sample();
        assertThat(m.storedSize()).isEqualTo(500_001);
        assertThat(m.forSlice(0, "").storedSize()).isEqualTo(1_000_001);
        assertThat(m.forSlice(3, "x").sliceId()).isEqualTo(3);
    }

    @Test
    void ignoresUnknownFieldsAndWhitespace() {
        EcMeta m = EcMeta.parse(" { \"name\" : \"a\", \"obj_size\": 5, \"extra\": {\"x\": null}, \"data_slices\": 2,"
                + " \"parity_slices\": 2, \"slice_id\": 0, \"is_copy\": true, \"cksum_type\": \"none\" } ");
        assertThat(m.name()).isEqualTo("a");
        assertThat(m.isCopy()).isTrue();
        assertThat(m.objChecksum().type()).isEqualTo(ChecksumType.NONE);
    }

    @Test
    void refusesDamagedOrInconsistentMetafiles() {
        String j = sample().toJson();
        assertThatThrownBy(() -> EcMeta.parse(j.substring(0, j.length() - 3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EcMeta.parse("[]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EcMeta.parse(j.replace("\"slice_id\":2", "\"slice_id\":9")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EcMeta.parse(j.replace("\"obj_size\":1000001", "\"obj_size\":\"big\"")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
