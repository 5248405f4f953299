package net.aisj.connector.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetaDocsTest {

    @TempDir
    Path dir;

    @Test
    void storedOnEveryMountpathAndReplacedAtomically() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        try (EngineFixture fx = EngineFixture.open(a, b)) {
            assertThat(fx.engine.loadMeta("bmd")).isEmpty();
            fx.engine.storeMeta("bmd", "v1".getBytes());
            fx.engine.storeMeta("bmd", "v2".getBytes());
            assertThat(Files.readString(a.resolve(".ais.bmd"))).isEqualTo("v2");
            assertThat(Files.readString(b.resolve(".ais.bmd"))).isEqualTo("v2");
            assertThat(fx.engine.loadMeta("bmd"))
                    .hasSize(2)
                    .allSatisfy(c -> assertThat(new String(c)).isEqualTo("v2"));
            Files.writeString(b.resolve(".ais.bmd"), "older");
            assertThat(fx.engine.loadMeta("bmd")).extracting(String::new).containsExactlyInAnyOrder("v2", "older");
            assertThat(EngineFixture.filesUnder(a.resolve(Fqn.WORK))).isEmpty();
            for (String bad : new String[] {"BMD", "../x", "a/b", "", "vmd", "x.y", "x".repeat(65)}) {
                assertThatThrownBy(() -> fx.engine.storeMeta(bad, new byte[1]))
                        .as(bad)
                        .satisfies(
                                e -> assertThat(((StorageException) e).reason()).isEqualTo(Reason.BAD_REQUEST));
            }
            assertThat(Files.readString(a.resolve(VolumeRecord.FILE))).contains("node.id");
        }
    }
}
