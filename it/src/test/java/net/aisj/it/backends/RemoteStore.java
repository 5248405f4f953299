package net.aisj.it.backends;

/** A provider's test server as the contract drives it directly (not through a node). */
interface RemoteStore {

    /** The AIS provider name in URLs ({@code az}, {@code gs}). */
    String provider();

    /** Makes a new, empty bucket at the remote and returns its name. */
    String newBucket(String tag);

    void put(String bucket, String name, byte[] content);

    /** The object's content at the remote, or null when it has none. */
    byte[] read(String bucket, String name);

    /** How many GETs of the object's content the server has logged. */
    long gets(String bucket, String name);

    /** What a node's error text names as the backend (its endpoint). */
    String endpoint();

    /**
     * The bucket prop under {@code extra} that sets a bucket's own endpoint ({@code azure.endpoint}), whose value
     * is of {@link #endpoint()}'s form.
     */
    String endpointProp();

    /**
     * Returns once the object survives a SIGKILL of the server (a server that saves its metadata now and then must
     * have saved it).
     */
    default void awaitDurable(String bucket, String name) {}

    /** SIGKILL. */
    void kill();

    /** Whether {@link #start()} after {@link #kill()} brings the objects back (an in-memory server's do not). */
    default boolean keepsDataAcrossRestart() {
        return true;
    }

    /** Starts again on the same port (with the same data where {@link #keepsDataAcrossRestart()}). */
    void start();
}
