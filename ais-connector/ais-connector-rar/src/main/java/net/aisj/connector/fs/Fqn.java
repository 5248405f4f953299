package net.aisj.connector.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectNames;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;

/**
 * Fully qualified names: where a bucket and an object live on a mountpath
 * ({@code <mountpath>/@<provider>[/<ns>]/<bucket>/%ob/<mapped name>}, see {@link NameCodec}). Every path handed
 * out is checked to stay below its bucket's {@code %ob} directory. Stateless and thread-safe.
 */
final class Fqn {

    static final String OBJECTS = "%ob";
    static final String WORK = "%wk";
    static final String TRASH = "%tr";

    /** Linux PATH_MAX is 4096; keep a margin for temp suffixes. */
    static final int MAX_PATH_BYTES = 4000;

    private static final Pattern PROVIDER = Pattern.compile("[a-z0-9]{1,32}");
    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern NAMESPACE = Pattern.compile("@?[A-Za-z0-9_.-]{0,64}#[A-Za-z0-9_.-]{0,64}");

    private Fqn() {}

    /** Refuses buckets whose provider, namespace or name could clash with our own directories or escape. */
    static void checkBucket(BucketId b) throws StorageException {
        if (!PROVIDER.matcher(b.provider()).matches()) {
            throw new StorageException(Reason.INVALID_NAME, "invalid provider \"" + b.provider() + "\" (" + b + ")");
        }
        if (!BUCKET.matcher(b.name()).matches()
                || b.name().equals(".")
                || b.name().equals("..")) {
            throw new StorageException(Reason.INVALID_NAME, "invalid bucket name \"" + b.name() + "\" (" + b + ")");
        }
        if (!b.namespace().isEmpty() && !NAMESPACE.matcher(b.namespace()).matches()) {
            throw new StorageException(Reason.INVALID_NAME, "invalid namespace \"" + b.namespace() + "\"");
        }
    }

    /** The namespace directory, or null for the global namespace. */
    static String namespaceDir(BucketId b) {
        String ns = b.namespace();
        return ns.isEmpty() || ns.equals("@#") || ns.equals("#") ? null : ns;
    }

    static Path bucketDir(Path mountpath, BucketId b) {
        Path p = mountpath.resolve("@" + b.provider());
        String ns = namespaceDir(b);
        if (ns != null) {
            p = p.resolve(ns);
        }
        return p.resolve(b.name());
    }

    /** Every bucket directory on a mountpath (a namespace directory is the one whose name has a '#'). */
    static Map<BucketId, Path> bucketDirs(Path mountpath) throws IOException {
        Map<BucketId, Path> out = new LinkedHashMap<>();
        try (DirectoryStream<Path> providers = Files.newDirectoryStream(mountpath, "@*")) {
            for (Path prov : providers) {
                if (!Files.isDirectory(prov)) {
                    continue;
                }
                String provider = FileOps.name(prov).substring(1);
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(prov, Files::isDirectory)) {
                    for (Path d : ds) {
                        String n = FileOps.name(d);
                        if (n.indexOf('#') < 0) {
                            out.put(new BucketId(provider, "", n), d);
                            continue;
                        }
                        try (DirectoryStream<Path> inNs = Files.newDirectoryStream(d, Files::isDirectory)) {
                            for (Path b : inNs) {
                                out.put(new BucketId(provider, n, FileOps.name(b)), b);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    static Path objectsDir(Path mountpath, BucketId b) {
        return bucketDir(mountpath, b).resolve(OBJECTS);
    }

    /**
     * The object's file on a mountpath. The name must already have passed {@link ObjectNames#check}.
     *
     * @throws StorageException INVALID_NAME if the mapped path would leave the bucket or get too long
     */
    static Path objectPath(Path mountpath, ObjectId id) throws StorageException {
        Path ob = objectsDir(mountpath, id.bucket());
        Path p = ob;
        int bytes = NameCodec.utf8Length(ob.toString());
        for (String c : NameCodec.components(id.name())) {
            p = p.resolve(c);
            bytes += 1 + NameCodec.utf8Length(c);
        }
        if (!p.normalize().equals(p) || !p.startsWith(ob) || p.equals(ob)) {
            throw new StorageException(Reason.INVALID_NAME, "object name escapes its bucket (" + id.cname() + ")");
        }
        if (bytes + NameCodec.SIDE_MARK.length() > MAX_PATH_BYTES) {
            throw new StorageException(
                    Reason.INVALID_NAME,
                    "object name maps to a path that is too long ("
                            + id.bucket().cname() + "/" + abbreviate(id.name()) + ")");
        }
        return p;
    }

    /** Validates the bucket and the name, then maps. */
    static Path checkedObjectPath(Path mountpath, ObjectId id) throws StorageException {
        checkBucket(id.bucket());
        ObjectNames.check(id.bucket(), id.name());
        return objectPath(mountpath, id);
    }

    static void checkName(ObjectId id) throws StorageException {
        checkBucket(id.bucket());
        ObjectNames.check(id.bucket(), id.name());
    }

    private static String abbreviate(String name) {
        return name.length() > 80 ? name.substring(0, 80) + "..." : name;
    }
}
