package net.aisj.connector.fs;

import java.util.List;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.hrw.Hrw;

/**
 * Mountpath selection exactly as AIS's {@code fs.Hrw}: the usable mountpath with the highest
 * {@code mix(digest(path) ^ digest(uname))}. Pure and thread-safe.
 */
final class MountpathHrw {

    private MountpathHrw() {}

    /** The owner among {@code candidates}, or null if there is none. */
    static Mountpath select(List<Mountpath> candidates, ObjectId id) {
        return Hrw.best(candidates, Hrw.digest(id.uname()), Mountpath::digest);
    }

    /** All candidates by descending weight (the owner first). */
    static List<Mountpath> ranked(List<Mountpath> candidates, ObjectId id) {
        return Hrw.ranked(candidates, Hrw.digest(id.uname()), Mountpath::digest);
    }
}
