package net.aisj.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecentDeletesTest {

    @Test
    void aCopyWrittenBeforeTheDeleteIsSupersededOneWrittenAfterIsNot() {
        RecentDeletes<String> d = new RecentDeletes<>(60_000, 10);
        d.deleted("ais/@#/b/k", 1_000);
        assertThat(d.supersedes("ais/@#/b/k", 900, 1_100)).isTrue();
        assertThat(d.supersedes("ais/@#/b/k", 1_000, 1_100)).isTrue();
        assertThat(d.supersedes("ais/@#/b/k", 1_001, 1_100)).isFalse();
        assertThat(d.supersedes("ais/@#/b/other", 0, 1_100)).isFalse();
    }

    @Test
    void deletesExpireAfterTheWindow() {
        RecentDeletes<String> d = new RecentDeletes<>(1_000, 10);
        d.deleted("a", 0);
        d.deleted("b", 500);
        assertThat(d.supersedes("a", 0, 1_000)).isTrue();
        assertThat(d.supersedes("a", 0, 1_001)).isFalse();
        assertThat(d.supersedes("b", 0, 1_001)).isTrue();
        assertThat(d.size()).isEqualTo(1);
    }

    @Test
    void theOldestGoFirstBeyondTheBound() {
        RecentDeletes<String> d = new RecentDeletes<>(60_000, 3);
        for (int i = 0; i < 5; i++) {
            d.deleted("n" + i, i);
        }
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.supersedes("n0", 0, 10)).isFalse();
        assertThat(d.supersedes("n1", 0, 10)).isFalse();
        assertThat(d.supersedes("n4", 0, 10)).isTrue();
        // a repeated delete moves the name to the newest end
        d.deleted("n2", 20);
        d.deleted("n5", 21);
        assertThat(d.supersedes("n2", 15, 22)).isTrue();
        assertThat(d.supersedes("n3", 0, 22)).isFalse();
    }

    @Test
    void aForwardedOlderRecordDoesNotHideTheLaterOneAndRecordsCanBeListed() {
        RecentDeletes<String> d = new RecentDeletes<>(60_000, 10);
        d.deleted("k", 2_000);
        d.deleted("k", 1_500); // forwarded by a rebalance, older than the delete here
        assertThat(d.deletedAt("k", 2_100)).hasValue(2_000);
        assertThat(d.supersedes("k", 1_900, 2_100)).isTrue();
        assertThat(d.deletedAt("other", 2_100)).isEmpty();
        d.deleted("j", 2_050);
        assertThat(d.snapshot(2_100))
                .containsExactly(java.util.Map.entry("k", 2_000L), java.util.Map.entry("j", 2_050L));
        assertThat(d.snapshot(62_001)).containsOnlyKeys("j");
    }

    @Test
    void refusesNonsenseBounds() {
        assertThatThrownBy(() -> new RecentDeletes<String>(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecentDeletes<String>(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
