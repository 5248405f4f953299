package net.aisj.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.aisj.connector.api.BucketId;
import org.junit.jupiter.api.Test;

class ObjectEventTest {

    @Test
    void aRecordDecodesToTheSameEvent() {
        ObjectEvent e = new ObjectEvent(
                ObjectEvent.Kind.CREATED,
                new BucketId("aws", "@remote#ns", "b"),
                "dir/ünïcode name\twith tab",
                123_456_789_012L,
                "7",
                1_700_000_000_123L);
        assertThat(ObjectEvent.decode(e.encode())).isEqualTo(e);
        ObjectEvent d = new ObjectEvent(ObjectEvent.Kind.DELETED, BucketId.ais("b"), "x", 0, null, 1);
        assertThat(ObjectEvent.decode(d.encode())).isEqualTo(d);
        assertThat(d.kind().wire()).isEqualTo("deleted");
    }

    @Test
    void filterByBucketAndPrefix() {
        ObjectEvent e = new ObjectEvent(ObjectEvent.Kind.CREATED, BucketId.ais("b"), "in/x", 1, "", 1);
        assertThat(e.matches(null, "")).isTrue();
        assertThat(e.matches(BucketId.ais("b"), "in/")).isTrue();
        assertThat(e.matches(BucketId.ais("b"), "out/")).isFalse();
        assertThat(e.matches(BucketId.ais("c"), "")).isFalse();
    }

    @Test
    void aDamagedRecordIsRefused() {
        byte[] r = new ObjectEvent(ObjectEvent.Kind.CREATED, BucketId.ais("b"), "n", 1, "", 1).encode();
        assertThatThrownBy(() -> ObjectEvent.decode(Arrays.copyOf(r, r.length - 3)))
                .isInstanceOf(IllegalArgumentException.class);
        r[0] = 9;
        assertThatThrownBy(() -> ObjectEvent.decode(r)).hasMessageContaining("format");
    }
}
