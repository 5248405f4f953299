package net.aisj.connector.ec;

/**
 * Fewer shards (slices) are at hand than the data shard count, so nothing can be rebuilt: the object is lost unless
 * more of its slices turn up.
 */
public class NotEnoughShardsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int present;
    private final int needed;

    public NotEnoughShardsException(int present, int needed) {
        super("not enough shards to reconstruct: " + present + " present, at least " + needed + " needed");
        this.present = present;
        this.needed = needed;
    }

    /** How many shards were present. */
    public int present() {
        return present;
    }

    /** How many are needed: the data shard count. */
    public int needed() {
        return needed;
    }
}
