package net.aisj.it.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.aisj.it.support.Hrw;

/** Where a bucket's objects are on a {@link LocalCluster}'s disks, compared with HRW placement by a given Smap. */
final class Placement {

    private final LocalCluster cluster;

    Placement(LocalCluster cluster) {
        this.cluster = cluster;
    }

    /** Names of the bucket's object files on the node's mountpaths ({@code <mp>/@ais/<bucket>/%ob/<name>}). */
    Set<String> storedNames(int slot, String bucket) {
        Set<String> out = new TreeSet<>();
        for (Path mp : cluster.node(slot).mountpaths()) {
            Path dir = mp.resolve("@ais").resolve(bucket).resolve("%ob");
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(Files::isRegularFile)
                        .forEach(p -> out.add(p.getFileName().toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** Object name to the daemon id of its HRW owner among the Smap's active targets. */
    static Map<String, String> owners(Smap m, String bucket, Collection<String> names) {
        Set<String> targets = m.activeTargets();
        Map<String, String> out = new TreeMap<>();
        for (String n : names) {
            out.put(n, Hrw.owner(targets, Hrw.uname(bucket, n)));
        }
        return out;
    }

    /**
     * Differences between the files on the running nodes' mountpaths and HRW placement by {@code m}: every name on
     * its owner, and (on the nodes not in {@code lenient}) no file of the bucket anywhere else. Empty when placement
     * is exact.
     */
    List<String> errors(Smap m, String bucket, Collection<String> names, Set<Integer> lenient) {
        Map<String, String> owners = owners(m, bucket, names);
        List<String> errors = new ArrayList<>();
        Set<String> unknownOwners = new TreeSet<>(owners.values());
        for (int s : cluster.runningSlots()) {
            String id = cluster.id(s);
            unknownOwners.remove(id);
            Set<String> expected = owners.entrySet().stream()
                    .filter(e -> e.getValue().equals(id))
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> actual = storedNames(s, bucket);
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(actual);
            if (!missing.isEmpty()) {
                errors.add("node" + s + " (" + id + ") lacks " + missing.size() + " of the " + expected.size()
                        + " objects it owns by HRW, e.g. " + sample(missing));
            }
            if (!lenient.contains(s)) {
                Set<String> extra = new TreeSet<>(actual);
                extra.removeAll(expected);
                if (!extra.isEmpty()) {
                    errors.add("node" + s + " (" + id + ") holds " + extra.size() + " objects it does not own by HRW"
                            + " (Smap " + m.brief() + "), e.g. " + sample(extra) + " owned by "
                            + extra.stream()
                                    .limit(5)
                                    .map(o -> String.valueOf(owners.get(o)))
                                    .toList());
                }
            }
        }
        if (!unknownOwners.isEmpty()) {
            errors.add("HRW owners " + unknownOwners + " are not running nodes of this cluster");
        }
        return errors;
    }

    static String sample(Collection<String> c) {
        return c.stream().limit(8).collect(Collectors.joining(", ", "[", c.size() > 8 ? ", ...]" : "]"));
    }
}
