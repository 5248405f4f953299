package net.aisj.connector.fs;

import static net.aisj.connector.fs.EngineFixture.BCK;
import static net.aisj.connector.fs.EngineFixture.FAST;
import static net.aisj.connector.fs.EngineFixture.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MutationsTest {

    @TempDir
    Path dir;

    @Test
    void deletePrunesEmptyDirectoriesButKeepsTheObjectsDir() throws Exception {
        Path mp = dir.resolve("mp");
        try (EngineFixture fx = EngineFixture.open(mp)) {
            fx.put("a/b/c", "1");
            fx.put("a/x", "2");
            assertThat(fx.engine.delete(id("a/b/c"))).isTrue();
            assertThat(Fqn.objectPath(mp, id("a/b/c")).getParent()).doesNotExist();
            assertThat(Fqn.objectPath(mp, id("a/x"))).exists();
            assertThat(fx.engine.delete(id("a/x"))).isTrue();
            assertThat(Fqn.objectsDir(mp, BCK)).isDirectory().isEmptyDirectory();
            assertThat(fx.engine.delete(id("a/x"))).isFalse();
        }
    }

    @Test
    void renameMovesContentAndMetadataAndReplacesTheTarget() throws Exception {
        try (EngineFixture fx = EngineFixture.open(dir.resolve("a"), dir.resolve("b"))) {
            List<Mountpath> mps = List.of(fx.mountpath(0), fx.mountpath(1));
            fx.put("src", "hello");
            fx.engine.put(id("src"), new ByteArrayInputStream("hello!".getBytes()), FAST.withCustom(Map.of("k", "v")));
            // one target on the same mountpath, one on the other
            String same = null;
            String cross = null;
            Mountpath srcMp = MountpathHrw.select(mps, id("src"));
            for (int i = 0; same == null || cross == null; i++) {
                String n = "dst/" + i;
                if (MountpathHrw.select(mps, id(n)).path().equals(srcMp.path())) {
                    same = same == null ? n : same;
                } else {
                    cross = cross == null ? n : cross;
                }
            }
            final String crossName = cross;
            fx.put(same, "to be replaced");
            ObjectStat st = fx.engine.rename(id("src"), same);
            assertThat(st.name()).isEqualTo(same);
            assertThat(st.version()).isEqualTo("2");
            assertThat(st.mountpath()).isEqualTo(srcMp.path());
            assertThat(new String(fx.get(same))).isEqualTo("hello!");
            assertThat(fx.engine.stat(id("src"))).isEmpty();
            assertThat(fx.engine.stat(id(same)).orElseThrow().name()).isEqualTo(same);

            ObjectStat st2 = fx.engine.rename(id(same), cross);
            assertThat(st2.mountpath()).isNotEqualTo(srcMp.path());
            assertThat(new String(fx.get(cross))).isEqualTo("hello!");
            assertThat(fx.engine.stat(id(same))).isEmpty();
            assertThat(fx.engine.stat(id(cross)).orElseThrow().checksum().value())
                    .isEqualTo(PutGetTest.xxhash("hello!".getBytes()));
            assertThat(fx.engine.open(id(cross), true).stat().custom()).isEqualTo(Map.of("k", "v"));
            assertThat(EngineFixture.filesUnder(dir.resolve("a").resolve(Fqn.WORK)))
                    .isEmpty();
            assertThat(EngineFixture.filesUnder(dir.resolve("b").resolve(Fqn.WORK)))
                    .isEmpty();

            assertThatThrownBy(() -> fx.engine.rename(id("nope"), "x"))
                    .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(Reason.NOT_FOUND));
            assertThatThrownBy(() -> fx.engine.rename(id(crossName), "../x"))
                    .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(Reason.INVALID_NAME));
        }
    }

    @Test
    void pruningByDeletesNeverBreaksConcurrentPutsInTheSameDirectory() throws Exception {
        try (EngineFixture fx = EngineFixture.open(dir.resolve("a"))) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                List<java.util.concurrent.Future<Integer>> fs = new java.util.ArrayList<>();
                for (String leaf : List.of("x", "y")) {
                    fs.add(pool.submit(() -> {
                        int ok = 0;
                        for (int i = 0; i < 300; i++) {
                            fx.put("p/q/r/" + leaf, "v" + i);
                            assertThat(fx.engine.delete(id("p/q/r/" + leaf))).isTrue();
                            ok++;
                        }
                        return ok;
                    }));
                }
                for (var f : fs) {
                    assertThat(f.get(120, java.util.concurrent.TimeUnit.SECONDS))
                            .isEqualTo(300);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(Fqn.objectsDir(dir.resolve("a"), BCK)).isEmptyDirectory();
        }
    }

    @Test
    void concurrentCrossRenamesDoNotDeadlock() throws Exception {
        try (EngineFixture fx = EngineFixture.open(dir.resolve("a"))) {
            fx.put("p", "p");
            fx.put("q", "q");
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var f1 = pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        try {
                            fx.engine.rename(id("p"), "q");
                            fx.put("p", "p");
                        } catch (StorageException ignored) {
                            // the other side moved it
                        }
                    }
                    return null;
                });
                var f2 = pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        try {
                            fx.engine.rename(id("q"), "p");
                        } catch (StorageException ignored) {
                            // the other side moved it
                        }
                    }
                    return null;
                });
                f1.get(60, java.util.concurrent.TimeUnit.SECONDS);
                f2.get(60, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            assertThat(fx.engine.stat(id("p")).isPresent()
                            || fx.engine.stat(id("q")).isPresent())
                    .isTrue();
        }
    }

    @Test
    void copyCarriesCustomMetadataAndMergesNew() throws Exception {
        try (EngineFixture fx = EngineFixture.open(dir.resolve("a"), dir.resolve("b"))) {
            byte[] content = EngineFixture.random(9, 600_000);
            fx.engine.put(id("src"), new ByteArrayInputStream(content), FAST.withCustom(Map.of("a", "1", "b", "2")));
            ObjectId other = new ObjectId(BucketId.ais("other"), "copy/of/src");
            ObjectStat st = fx.engine.copy(id("src"), other, FAST.withCustom(Map.of("b", "3", "c", "4")));
            assertThat(st.custom()).isEqualTo(Map.of("a", "1", "b", "3", "c", "4"));
            assertThat(st.size()).isEqualTo(content.length);
            assertThat(st.checksum())
                    .isEqualTo(fx.engine.stat(id("src")).orElseThrow().checksum());
            assertThat(st.version()).isEqualTo("1");
            try (var r = fx.engine.open(other, true)) {
                var out = new java.io.ByteArrayOutputStream();
                r.transferTo(out, 0, -1);
                assertThat(out.toByteArray()).isEqualTo(content);
            }
            assertThat(fx.engine.stat(id("src")).orElseThrow().custom()).isEqualTo(Map.of("a", "1", "b", "2"));
            assertThatThrownBy(() -> fx.engine.copy(id("missing"), other, FAST))
                    .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(Reason.NOT_FOUND));
        }
    }

    @Test
    void setCustomMergesOrReplaces() throws Exception {
        try (EngineFixture fx = EngineFixture.open(dir.resolve("a"))) {
            fx.engine.put(id("o"), new ByteArrayInputStream(new byte[4]), FAST.withCustom(Map.of("a", "1")));
            assertThat(fx.engine.setCustom(id("o"), Map.of("b", "2"), false).custom())
                    .isEqualTo(Map.of("a", "1", "b", "2"));
            assertThat(fx.engine.setCustom(id("o"), Map.of("c", "3"), true).custom())
                    .isEqualTo(Map.of("c", "3"));
            ObjectStat st = fx.engine.stat(id("o")).orElseThrow();
            assertThat(st.custom()).isEqualTo(Map.of("c", "3"));
            assertThat(st.version()).isEqualTo("1");
            assertThat(st.size()).isEqualTo(4);
            assertThatThrownBy(() -> fx.engine.setCustom(id("none"), Map.of(), false))
                    .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(Reason.NOT_FOUND));
        }
    }
}
