package net.aisj.it.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import net.aisj.it.support.PseudoRandomInputStream;
import net.aisj.it.support.Xxh;

/**
 * A reproducible set of objects with simple names ({@code <prefix>00001}, ...; no '/' so that the on-disk name is
 * the object name) and pseudo-random contents: only seeds, sizes and XXH64 hashes are kept in memory.
 */
final class DataSet {

    record Obj(String name, long seed, int size, long xxh) {}

    private final Map<String, Obj> objects = new TreeMap<>();

    /**
     * {@code count} objects of 1..{@code smallMaxKiB} KiB, except every {@code bigEvery}-th one, which has 1..4 MiB
     * ({@code bigEvery <= 0}: none).
     */
    static DataSet generate(String prefix, int count, int smallMaxKiB, int bigEvery, long seed) {
        DataSet d = new DataSet();
        Random rnd = new Random(seed);
        for (int i = 0; i < count; i++) {
            boolean big = bigEvery > 0 && i % bigEvery == bigEvery - 1;
            int size = big ? (1 << 20) + rnd.nextInt((3 << 20) + 1) : 1024 + rnd.nextInt((smallMaxKiB - 1) * 1024 + 1);
            long contentSeed = seed * 1_000_003L + i + 1;
            String name = String.format("%s%05d", prefix, i + 1);
            byte[] data = PseudoRandomInputStream.bytes(contentSeed, size);
            d.objects.put(name, new Obj(name, contentSeed, size, Xxh.hash64(data, 0)));
        }
        return d;
    }

    /** The objects named in {@code names}. */
    DataSet subset(java.util.Collection<String> names) {
        DataSet d = new DataSet();
        names.forEach(n -> d.objects.put(n, objects.get(n)));
        return d;
    }

    /** The objects matching {@code keep}. */
    DataSet subsetWhere(java.util.function.Predicate<Obj> keep) {
        DataSet d = new DataSet();
        objects.values().stream().filter(keep).forEach(o -> d.objects.put(o.name(), o));
        return d;
    }

    /** These objects and {@code other}'s (names must not clash). */
    DataSet union(DataSet other) {
        DataSet d = new DataSet();
        d.objects.putAll(objects);
        d.objects.putAll(other.objects);
        return d;
    }

    List<Obj> objects() {
        return new ArrayList<>(objects.values());
    }

    /** All names, sorted (fixed-width numbers: lexical = numeric = AIS's byte order). */
    List<String> names() {
        return new ArrayList<>(objects.keySet());
    }

    Obj get(String name) {
        return objects.get(name);
    }

    int size() {
        return objects.size();
    }

    long totalBytes() {
        return objects.values().stream().mapToLong(Obj::size).sum();
    }

    long bytesOf(java.util.Collection<String> names) {
        return names.stream().mapToLong(n -> objects.get(n).size()).sum();
    }

    static byte[] content(Obj o) {
        return PseudoRandomInputStream.bytes(o.seed(), o.size());
    }

    /** Null when {@code f} is a 200 carrying exactly the object's bytes, otherwise what is wrong. */
    static String check(Followed f, Obj o) {
        if (f.status() != 200) {
            return "HTTP " + f.status() + " " + abbreviate(f.resp().text()) + " via " + f.trail();
        }
        byte[] b = f.resp().body();
        if (b.length != o.size()) {
            return b.length + " bytes instead of " + o.size() + " via " + f.trail();
        }
        long h = Xxh.hash64(b, 0);
        if (h != o.xxh()) {
            return "content differs (xxh64 " + Xxh.hex(h) + " instead of " + Xxh.hex(o.xxh()) + ") via " + f.trail();
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }

    /**
     * PUTs every object through a random node of {@code via} with {@code threads} client threads, following
     * redirects; fails on any status but 200. Returns the elapsed seconds.
     */
    double putAll(LocalCluster c, String bucket, List<Integer> via, int threads) {
        long t0 = System.nanoTime();
        List<String> failures = run(threads, objects(), o -> {
            int slot = via.get(ThreadLocalRandom.current().nextInt(via.size()));
            Followed f = c.put(slot, bucket, o.name(), content(o));
            return f.status() == 200 ? null : "PUT " + o.name() + " via node" + slot + ": " + f;
        });
        double secs = (System.nanoTime() - t0) / 1e9;
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " PUTs failed, e.g.:\n"
                    + String.join("\n", failures.subList(0, Math.min(5, failures.size()))));
        }
        double mib = totalBytes() / 1048576.0;
        System.out.printf(
                "[it-cluster] PUT %d objects (%.1f MiB) into %s with %d threads in %.1f s: %.0f obj/s,"
                        + " %.1f MiB/s%n",
                size(), mib, bucket, threads, secs, size() / secs, mib / secs);
        return secs;
    }

    /** GETs every object through every node of {@code via}; returns the failures (empty when all match). */
    List<String> verifyAll(LocalCluster c, String bucket, List<Integer> via, int threads) {
        List<Object[]> tasks = new ArrayList<>();
        for (int slot : via) {
            for (Obj o : objects.values()) {
                tasks.add(new Object[] {slot, o});
            }
        }
        Collections.shuffle(tasks, new Random(42));
        return run(threads, tasks, t -> {
            int slot = (Integer) t[0];
            Obj o = (Obj) t[1];
            String err;
            try {
                err = check(c.get(slot, bucket, o.name()), o);
            } catch (RuntimeException e) {
                err = e.toString();
            }
            return err == null ? null : "GET " + o.name() + " via node" + slot + ": " + err;
        });
    }

    interface Task<T> {
        String apply(T t) throws Exception;
    }

    /** Runs {@code task} over {@code items} on {@code threads} threads; returns the non-null results (failures). */
    static <T> List<String> run(int threads, List<T> items, Task<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (T item : items) {
                fs.add(pool.submit(() -> {
                    try {
                        String err = task.apply(item);
                        if (err != null) {
                            failures.add(err);
                        }
                    } catch (Exception | AssertionError e) {
                        failures.add(item + ": " + e);
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new ArrayList<>(failures);
    }

    /** Failures as a message: count and the first few. */
    static String describe(List<String> failures) {
        return failures.size() + " failures"
                + (failures.isEmpty()
                        ? ""
                        : ", e.g.:\n  " + String.join("\n  ", failures.subList(0, Math.min(10, failures.size()))));
    }

    /** Supplies a random element of the current list (for readers whose set of nodes changes). */
    static int pick(Supplier<List<Integer>> slots) {
        List<Integer> l = slots.get();
        return l.get(ThreadLocalRandom.current().nextInt(l.size()));
    }
}
