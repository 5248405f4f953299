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

    /** The group of this provider's bucket props under {@code extra} ({@code azure}, {@code gcp}, {@code hdfs}). */
    String extraGroup();

    /** The key in {@link #extraGroup()} that sets a bucket's own endpoint, of {@link #endpoint()}'s form. */
    default String endpointKey() {
        return "endpoint";
    }

    /** {@code azure.endpoint}: the endpoint prop under {@code extra}. */
    default String endpointProp() {
        return extraGroup() + "." + endpointKey();
    }

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
