package net.aisj.connector.fs;

import static net.aisj.connector.fs.EngineFixture.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;
import net.aisj.connector.api.ec.EcMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Above the out-of-space watermark every new write is refused before a byte is written. */
class SpaceTest {

    @TempDir
    Path dir;

    @Test
    void writesAreRefusedAboveTheWatermarkAndLeaveNothing() throws Exception {
        Path mp = dir.resolve("mp");
        try (EngineFixture open = EngineFixture.open(mp)) {
            open.put("before", "fits");
        }
        // any real file system is more than 0% used: a 1% limit refuses everything
        try (EngineFixture fx =
                new EngineFixture(EngineConfig.fromSystemProperties().withOutOfSpace(1), mp)) {
            for (var write : new org.assertj.core.api.ThrowableAssert.ThrowingCallable[] {
                () -> fx.put("new", "x"),
                () -> fx.engine.append(id("app"), null, new ByteArrayInputStream(new byte[] {1})),
                () -> {
                    String up = fx.engine.createUpload(id("mpu"), Map.of());
                    fx.engine.putPart(id("mpu"), up, 1, new ByteArrayInputStream(new byte[] {1}), 1);
                },
                () -> fx.engine.putSlice(id("replica"), replicaMeta(), new ByteArrayInputStream(new byte[] {7}))
            }) {
                assertThatThrownBy(write).isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NO_SPACE);
                    assertThat(e.getMessage()).contains("out of space").contains("limit 1%");
                });
            }
            assertThat(EngineFixture.filesUnder(fx.mountpath(0).workDir())).isEmpty();
            assertThat(fx.engine.stat(id("new"))).isEmpty();
            assertThat(fx.engine.ecMeta(id("replica"))).isEmpty(); // no EC replica or slice either
            assertThat(fx.get("before")).asString().isEqualTo("fits"); // reads go on
            assertThat(fx.engine.delete(id("before"))).isTrue(); // and deletes free space
        }
    }

    /** The metafile of a 1-byte EC replica (its checksum does not matter: the write is refused before). */
    private static EcMeta replicaMeta() {
        return new EcMeta("replica", 1, 1, Checksum.NONE, "1", "", "main", Map.of(), 2, 1, 0, true, 0, Map.of());
    }
}
