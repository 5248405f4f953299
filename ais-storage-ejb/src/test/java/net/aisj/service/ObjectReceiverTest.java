package net.aisj.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ObjectStat;

class ObjectReceiverTest {

    private static ObjectStat stat(String version, long mtime) {
        return new ObjectStat("o", 1, Checksum.NONE, version, 0, mtime, Map.of(), "/mp", List.of("/mp"));
    }

    @Test
    void versionsDecideWhenBothHaveOne() {
        assertThat(ObjectReceiver.isNewerOrSame(stat("3", 1), stat("2", 9))).isTrue();
        assertThat(ObjectReceiver.isNewerOrSame(stat("2", 9), stat("2", 1))).isTrue();
        assertThat(ObjectReceiver.isNewerOrSame(stat("2", 9), stat("10", 1))).isFalse();
    }

    @Test
    void otherwiseTheLaterWriteWins() {
        assertThat(ObjectReceiver.isNewerOrSame(stat("", 5), stat("", 5))).isTrue();
        assertThat(ObjectReceiver.isNewerOrSame(stat("", 4), stat("", 5))).isFalse();
        assertThat(ObjectReceiver.isNewerOrSame(stat("x", 6), stat("2", 5))).isTrue();
    }
}
