package net.aisj.it.support;

import java.util.function.Supplier;

/**
 * A fixture test classes share within one test JVM (a node, a cluster, a test server): started by the first caller
 * of {@link #get()}, stopped by a JVM shutdown hook. A start that failed is remembered, so every later caller fails
 * at once with the original cause instead of starting it again (each attempt can take minutes).
 *
 * @param <T> the fixture; {@link AutoCloseable#close()} stops it
 */
public final class SharedFixture<T extends AutoCloseable> {

    private final String name;
    private final Supplier<T> starter;
    private T value;
    private AssertionError startFailure;

    /**
     * @param name    for messages and the shutdown hook's thread
     * @param starter starts the fixture and returns it once ready; it stops what it started before throwing
     */
    public SharedFixture(String name, Supplier<T> starter) {
        this.name = name;
        this.starter = starter;
    }

    /** The fixture, started on first use. */
    public synchronized T get() {
        if (startFailure != null) {
            throw new AssertionError("the " + name + " failed to start earlier", startFailure);
        }
        if (value == null) {
            try {
                value = starter.get();
            } catch (AssertionError | RuntimeException e) {
                startFailure = e instanceof AssertionError ae ? ae : new AssertionError(e);
                throw startFailure;
            }
            T v = value;
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                try {
                                    v.close();
                                } catch (Exception e) {
                                    System.out.println("[it] stopping the " + name + ": " + e);
                                }
                            },
                            "stop-" + name.replace(' ', '-')));
        }
        return value;
    }

    /** Starts {@code fixture} with {@code start}; on failure closes it and rethrows, so nothing is left running. */
    public static <T extends AutoCloseable> T startOrClose(T fixture, java.util.function.Consumer<T> start) {
        try {
            start.accept(fixture);
            return fixture;
        } catch (AssertionError | RuntimeException e) {
            try {
                fixture.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
