package net.aisj.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ObjectStat;
import org.junit.jupiter.api.Test;

class ObjectReceiverTest {

    private static ObjectStat stat(String version, long mtime) {
        return new ObjectStat("o", 1, Checksum.NONE, version, 0, mtime, Map.of(), "/mp", List.of("/mp"));
    }

    @Test
    void theLaterWriteWinsWhateverTheVersions() {
        // a returning target's old copy (version 3, written at 1) against what the interim owner wrote (version 1
        // there, at 9): the interim write wins
        assertThat(ObjectReceiver.isNewerOrSame(stat("3", 1), stat("1", 9))).isFalse();
        assertThat(ObjectReceiver.isNewerOrSame(stat("1", 9), stat("3", 1))).isTrue();
        assertThat(ObjectReceiver.isNewerOrSame(stat("", 4), stat("", 5))).isFalse();
        assertThat(ObjectReceiver.isNewerOrSame(stat("x", 6), stat("2", 5))).isTrue();
    }

    @Test
    void versionsDecideATie() {
        assertThat(ObjectReceiver.isNewerOrSame(stat("3", 5), stat("2", 5))).isTrue();
        assertThat(ObjectReceiver.isNewerOrSame(stat("2", 5), stat("10", 5))).isFalse();
        assertThat(ObjectReceiver.isNewerOrSame(stat("", 5), stat("", 5))).isTrue();
    }
}
