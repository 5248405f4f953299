package net.aisj.connector.fs;

import static net.aisj.connector.fs.EngineFixture.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanupJoggerTest {

    @TempDir
    Path dir;

    static final Duration WAIT = Duration.ofSeconds(20);

    static void age(Path p, Duration by) throws Exception {
        Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() - by.toMillis()));
    }

    @Test
    void staleWorkFilesAreRemovedFreshOnesKept() throws Exception {
        Path mp = dir.resolve("mp");
        EngineConfig cfg = EngineConfig.fromSystemProperties().withCleanup(Duration.ofMillis(20), Duration.ofHours(1));
        try (EngineFixture fx = new EngineFixture(cfg, mp)) {
            Path stale = Files.writeString(mp.resolve(Fqn.WORK).resolve("put-0000000000000001"), "x");
            Path fresh = Files.writeString(mp.resolve(Fqn.WORK).resolve("put-0000000000000002"), "y");
            age(stale, Duration.ofHours(2));
            String h = fx.engine.append(id("a"), null, new ByteArrayInputStream("z".getBytes()));
            age(mp.resolve(Fqn.WORK).resolve(AppendStore.PREFIX + h), Duration.ofMinutes(61));
            CleanupJogger j = fx.engine.joggers().get(0);
            long r = j.rounds();
            assertThat(j.awaitRounds(r + 2, WAIT)).isTrue();
            assertThat(stale).doesNotExist();
            assertThat(fresh).exists();
            assertThatThrownBy(() -> fx.engine.flushAppend(id("a"), h, EngineFixture.FAST))
                    .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(Reason.NOT_FOUND));
        }
    }

    @Test
    void noWorkFileSurvivesARestartAndTrashIsEmptied() throws Exception {
        Path mp = dir.resolve("mp");
        EngineConfig cfg = EngineConfig.fromSystemProperties().withCleanup(Duration.ofMillis(20), Duration.ofHours(1));
        try (EngineFixture fx = new EngineFixture(cfg, mp)) {
            fx.put("x", "y");
        }
        Path leftover = Files.writeString(mp.resolve(Fqn.WORK).resolve("put-00000000000000aa"), "half");
        Files.createDirectories(mp.resolve(Fqn.TRASH).resolve("bck-1").resolve("deep"));
        Files.writeString(mp.resolve(Fqn.TRASH).resolve("bck-1").resolve("deep").resolve("f"), "old");
        try (EngineFixture fx = new EngineFixture(cfg, mp)) {
            assertThat(leftover).doesNotExist();
            assertThat(mp.resolve(Fqn.WORK)).isEmptyDirectory();
            CleanupJogger j = fx.engine.joggers().get(0);
            assertThat(j.awaitRounds(1, WAIT)).isTrue();
            assertThat(mp.resolve(Fqn.TRASH)).isEmptyDirectory();
            assertThat(new String(fx.get("x"))).isEqualTo("y");
        }
    }

    @Test
    void releaseEndsTheJoggerPromptly() throws Exception {
        Path mp = dir.resolve("mp");
        EngineConfig cfg = EngineConfig.fromSystemProperties().withCleanup(Duration.ofHours(1), Duration.ofHours(1));
        EngineFixture fx = new EngineFixture(cfg, mp, dir.resolve("mp2"));
        // one jogger per mountpath plus the put-copies queue
        try {
            assertThat(fx.background.tasks).hasSize(3);
            long t0 = System.nanoTime();
            fx.engine.shutdown(Duration.ofSeconds(10));
            assertThat(fx.background.allDone(10_000)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(fx.background.futures)
                    .allSatisfy(f -> assertThat(f.isDone()).isTrue());
        } finally {
            fx.close();
        }
    }

    @Test
    void cleanupTimingsComeFromSystemProperties() {
        String old1 = System.getProperty("ais.workfile.cleanup.seconds");
        String old2 = System.getProperty("ais.workfile.maxage.seconds");
        try {
            System.setProperty("ais.workfile.cleanup.seconds", "7");
            System.setProperty("ais.workfile.maxage.seconds", "nonsense");
            EngineConfig c = EngineConfig.fromSystemProperties();
            assertThat(c.cleanupInterval()).isEqualTo(Duration.ofSeconds(7));
            assertThat(c.workfileMaxAge()).isEqualTo(Duration.ofHours(1));
        } finally {
            restore("ais.workfile.cleanup.seconds", old1);
            restore("ais.workfile.maxage.seconds", old2);
        }
        assertThat(EngineConfig.fromSystemProperties().cleanupInterval()).isEqualTo(Duration.ofMinutes(10));
    }

    private static void restore(String k, String v) {
        if (v == null) {
            System.clearProperty(k);
        } else {
            System.setProperty(k, v);
        }
    }
}
