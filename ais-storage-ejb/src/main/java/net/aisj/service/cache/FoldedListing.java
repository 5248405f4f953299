package net.aisj.service.cache;

import java.util.ArrayList;
import java.util.List;
import net.aisj.backend.Backend;
import net.aisj.backend.RemoteObject;
import net.aisj.backend.RemotePage;

/**
 * A backend's flat listing folded to one level under a prefix, as AIS lists with {@code LsNoRecursion} (the
 * delimiter {@code /}): the objects directly under the prefix, and each "virtual directory" once, by its name up to
 * and including the next {@code /}. It works the same on every provider: the names under a directory are skipped by
 * starting the next backend page past the directory ({@link #pastDir}), so a directory costs no more than one extra
 * backend call however many objects it holds. A directory a page ended on is its continuation token; the next page
 * starts past it. Stateless.
 */
final class FoldedListing {

    /**
     * One folded page.
     *
     * @param dirs      directory names (ending in {@code /}), in order
     * @param nextToken the last name or directory of the page when more follow, else ""
     */
    record Folded(List<RemoteObject> objects, List<String> dirs, String nextToken) {}

    private FoldedListing() {}

    /** A start-after name beyond every name under {@code dir}. */
    static String pastDir(String dir) {
        return dir + Character.MAX_VALUE;
    }

    /** Whether {@code name} is a directory one level under {@code prefix} ({@code prefix + "x/"}). */
    static boolean isDirUnder(String prefix, String name) {
        return name.length() > prefix.length()
                && name.startsWith(prefix)
                && name.indexOf('/', prefix.length()) == name.length() - 1;
    }

    /** At most {@code pageSize} entries (objects and directories) after {@code startAfter}. */
    static Folded fold(Backend backend, String bucket, String prefix, String startAfter, int pageSize) {
        String lastDir = isDirUnder(prefix, startAfter) ? startAfter : "";
        String token = lastDir.isEmpty() ? startAfter : pastDir(lastDir);
        List<RemoteObject> objects = new ArrayList<>();
        List<String> dirs = new ArrayList<>();
        String lastOut = "";
        int count = 0;
        while (true) {
            RemotePage p = backend.list(bucket, prefix, token, pageSize);
            for (RemoteObject o : p.entries()) {
                String n = o.name();
                int slash = n.indexOf('/', prefix.length());
                String dir = slash < 0 ? null : n.substring(0, slash + 1);
                if (dir != null && dir.equals(lastDir)) {
                    continue;
                }
                if (count == pageSize) {
                    return new Folded(objects, dirs, lastOut);
                }
                count++;
                if (dir == null) {
                    objects.add(o);
                    lastOut = n;
                } else {
                    dirs.add(dir);
                    lastOut = dir;
                    lastDir = dir;
                }
            }
            String lastRaw = p.nextToken();
            if (lastRaw.isEmpty()) {
                return new Folded(objects, dirs, "");
            }
            token = !lastDir.isEmpty() && lastRaw.startsWith(lastDir) ? pastDir(lastDir) : lastRaw;
        }
    }
}
