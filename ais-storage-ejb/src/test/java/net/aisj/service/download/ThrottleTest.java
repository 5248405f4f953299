package net.aisj.service.download;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThrottleTest {

    /** A clock that only moves when the throttle sleeps. */
    private static final class FakeTime implements Throttle.Time {
        long now = 1_000;
        long slept;

        @Override
        public long nanos() {
            return now;
        }

        @Override
        public void sleepNanos(long n) {
            slept += n;
            now += n;
        }
    }

    @Test
    void holdsTheAverageAtTheLimit() throws InterruptedException {
        FakeTime t = new FakeTime();
        Throttle th = new Throttle(3600L * 1000, t); // 1000 bytes/s
        th.take(500);
        th.take(500);
        assertThat(t.slept).isEqualTo(1_000_000_000L);
        th.take(2000);
        assertThat(t.slept).isEqualTo(3_000_000_000L);
    }

    @Test
    void noLimitNeverWaits() throws InterruptedException {
        FakeTime t = new FakeTime();
        new Throttle(0, t).take(1L << 40);
        assertThat(t.slept).isZero();
    }
}
