package net.aisj.it.support;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** Polling with a deadline: the only way tests wait for the server to reach a state. */
public final class Poll {

    public static final Duration INTERVAL = Duration.ofMillis(200);

    private Poll() {}

    /**
     * Calls {@code probe} until it returns true or the deadline passes; then fails with {@code what}
     * and the description of the last state.
     */
    public static void until(Duration timeout, String what, Callable<Boolean> probe, Supplier<String> lastState) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable lastError = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(probe.call())) {
                    return;
                }
                lastError = null;
            } catch (Exception e) {
                lastError = e;
            }
            if (System.nanoTime() - deadline > 0) {
                AssertionError err = new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for: "
                        + what + (lastState == null ? "" : "\nlast state: " + lastState.get()));
                if (lastError != null) {
                    err.initCause(lastError);
                }
                throw err;
            }
            pause();
        }
    }

    public static void until(Duration timeout, String what, Callable<Boolean> probe) {
        until(timeout, what, probe, null);
    }

    /**
     * Checks that {@code condition} holds at every poll during {@code window}: a negative check
     * ("it never comes back"), not a synchronisation.
     */
    public static void holdsFor(Duration window, String what, Callable<Boolean> condition, Supplier<String> state) {
        long end = System.nanoTime() + window.toNanos();
        do {
            boolean ok;
            try {
                ok = Boolean.TRUE.equals(condition.call());
            } catch (Exception e) {
                throw new AssertionError("while checking that " + what + ": " + e, e);
            }
            if (!ok) {
                throw new AssertionError("no longer true: " + what + (state == null ? "" : "\nstate: " + state.get()));
            }
            pause();
        } while (System.nanoTime() - end < 0);
    }

    private static void pause() {
        try {
            Thread.sleep(INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
