package net.aisj.xact.kinds;

import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ListEntry;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.ObjectPage;

/** Pages through this target's objects of one bucket (directories skipped), stopping early when aborted. */
final class LocalWalk {

    static final int PAGE = 1000;

    private LocalWalk() {}

    /** Feeds every local object entry of {@code bucket} to {@code each}; false when {@code aborted} stopped it. */
    static boolean each(
            BiFunction<BucketId, ListRequest, ObjectPage> list,
            BucketId bucket,
            BooleanSupplier aborted,
            Consumer<ListEntry> each) {
        return each(list, bucket, "", aborted, each);
    }

    /** The same, for the objects whose names start with {@code prefix}. */
    static boolean each(
            BiFunction<BucketId, ListRequest, ObjectPage> list,
            BucketId bucket,
            String prefix,
            BooleanSupplier aborted,
            Consumer<ListEntry> each) {
        String after = "";
        do {
            if (aborted.getAsBoolean()) {
                return false;
            }
            ObjectPage page = list.apply(bucket, new ListRequest(prefix, after, PAGE, false, false));
            for (ListEntry e : page.entries()) {
                if (aborted.getAsBoolean()) {
                    return false;
                }
                if (!e.dir()) {
                    each.accept(e);
                }
            }
            after = page.nextToken();
        } while (!after.isEmpty());
        return true;
    }
}
