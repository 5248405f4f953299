package net.aisj.service.download;

/**
 * A bandwidth limit shared by a job's fetches on one target (AIS's {@code limits.bytes_per_hour}): callers report
 * bytes as they read them and are held back until the average since the start is within the limit. No limit when
 * constructed with 0.
 */
final class Throttle {

    /** The clock and the pause, replaceable in tests. */
    interface Time {
        long nanos();

        void sleepNanos(long n) throws InterruptedException;
    }

    static final Time SYSTEM = new Time() {
        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long n) throws InterruptedException {
            Thread.sleep(n / 1_000_000L, (int) (n % 1_000_000L));
        }
    };

    private final double bytesPerNano;
    private final Time time;
    private final long start;
    private long bytes;

    Throttle(long bytesPerHour, Time time) {
        this.bytesPerNano = bytesPerHour / 3.6e12;
        this.time = time;
        this.start = time.nanos();
    }

    /** Accounts {@code n} bytes; returns once taking them keeps within the limit. */
    void take(long n) throws InterruptedException {
        if (bytesPerNano <= 0 || n <= 0) {
            return;
        }
        long due;
        synchronized (this) {
            bytes += n;
            due = start + (long) (bytes / bytesPerNano);
        }
        long wait = due - time.nanos();
        if (wait > 0) {
            time.sleepNanos(wait);
        }
    }
}
