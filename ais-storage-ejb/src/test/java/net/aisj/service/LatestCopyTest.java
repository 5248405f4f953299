package net.aisj.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ObjectStat;
import net.aisj.core.NodeInfo;
import org.junit.jupiter.api.Test;

/** The order of writes among targets: later copy wins, a delete is ordered as a write and wins a tie. */
class LatestCopyTest {

    static final NodeInfo PEER = ObjectServiceTest.target("t2", 2);

    static LatestCopy.Found copy(boolean here, long mtime) {
        ObjectStat st = new ObjectStat("o", 1, Checksum.NONE, "1", 0, mtime, Map.of(), "/mp", List.of("/mp"));
        return new LatestCopy.Found(here ? Optional.empty() : Optional.of(PEER), Optional.of(st), OptionalLong.empty());
    }

    static LatestCopy.Found deleted(long at) {
        return new LatestCopy.Found(Optional.of(PEER), Optional.empty(), OptionalLong.of(at));
    }

    @Test
    void theLaterWriteWinsAndADeleteWinsATie() {
        assertThat(LatestCopy.latest(copy(true, 100), copy(false, 200)).peer()).contains(PEER);
        assertThat(LatestCopy.latest(copy(true, 300), copy(false, 200)).local()).isTrue();
        assertThat(LatestCopy.latest(copy(true, 200), copy(false, 200)).local()).isTrue(); // this node's on a tie
        assertThat(LatestCopy.latest(copy(true, 200), deleted(200)).deleted()).isTrue();
        assertThat(LatestCopy.latest(deleted(200), copy(false, 201)).deleted()).isFalse();
        assertThat(LatestCopy.latest(deleted(300), copy(false, 201)).deleted()).isTrue();
        assertThat(LatestCopy.latest(LatestCopy.Found.NOTHING, deleted(5)).deleted())
                .isTrue();
        assertThat(LatestCopy.latest(copy(false, 5), LatestCopy.Found.NOTHING).peer())
                .contains(PEER);
    }
}
