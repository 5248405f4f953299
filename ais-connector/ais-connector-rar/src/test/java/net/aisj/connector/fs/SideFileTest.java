package net.aisj.connector.fs;

import static net.aisj.connector.fs.EngineFixture.BCK;
import static net.aisj.connector.fs.EngineFixture.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import net.aisj.connector.api.ListEntry;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.MountpathInfo;
import net.aisj.connector.api.ObjectStat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SideFileTest {

    @TempDir
    Path dir;

    @Test
    void withoutXattrsMetadataGoesToSideFilesThatListingsSkip() throws Exception {
        Path mp = dir.resolve("mp");
        EngineConfig noXattrs = EngineConfig.fromSystemProperties().withXattrProbe(p -> false);
        try (EngineFixture fx = new EngineFixture(noXattrs, mp)) {
            assertThat(fx.engine.volume().mountpaths())
                    .extracting(MountpathInfo::xattrs)
                    .containsExactly(false);
            fx.put("d/o", "content");
            fx.put("d/" + "h".repeat(300), "hashed");
            Path file = Fqn.objectPath(mp, id("d/o"));
            assertThat(MetaStore.sidePath(file)).exists();
            assertThat(MetaStore.readXattr(file)).isNull();
            assertThat(new String(fx.get("d/o"))).isEqualTo("content");
            assertThat(fx.put("d/o", "v2").version()).isEqualTo("2");
            assertThat(fx.engine
                            .list(BCK, new ListRequest("", "", 10, false, false))
                            .entries())
                    .extracting(ListEntry::name)
                    .containsExactly("d/" + "h".repeat(300), "d/o");
            ObjectStat st = fx.engine.setCustom(id("d/o"), Map.of("k", "v"), false);
            assertThat(st.custom()).containsEntry("k", "v");
            assertThat(fx.engine.stat(id("d/o")).orElseThrow().custom()).containsEntry("k", "v");
            fx.engine.rename(id("d/o"), "e/p");
            Path moved = Fqn.objectPath(mp, id("e/p"));
            assertThat(MetaStore.sidePath(moved)).exists();
            assertThat(MetaStore.sidePath(file)).doesNotExist();
            assertThat(fx.engine.stat(id("e/p")).orElseThrow().custom()).containsEntry("k", "v");
            assertThat(fx.engine.delete(id("e/p"))).isTrue();
            assertThat(MetaStore.sidePath(moved)).doesNotExist();
            assertThat(moved.getParent()).doesNotExist();
        }
    }

    @Test
    void largeMetadataUsesASideFileEvenWithXattrs() throws Exception {
        Path mp = dir.resolve("mp");
        try (EngineFixture fx = EngineFixture.open(mp)) {
            Map<String, String> big = Map.of("big", "x".repeat(5000));
            fx.engine.put(id("o"), new ByteArrayInputStream(new byte[10]), EngineFixture.FAST.withCustom(big));
            Path file = Fqn.objectPath(mp, id("o"));
            assertThat(MetaStore.readXattr(file)).isNull();
            assertThat(MetaStore.sidePath(file)).exists();
            assertThat(fx.engine.stat(id("o")).orElseThrow().custom()).isEqualTo(big);
            // shrinking moves it back to the xattr and removes the side file
            fx.engine.setCustom(id("o"), Map.of("small", "1"), true);
            assertThat(MetaStore.readXattr(file)).isNotNull();
            assertThat(MetaStore.sidePath(file)).doesNotExist();
            assertThat(fx.engine.stat(id("o")).orElseThrow().custom()).isEqualTo(Map.of("small", "1"));
            // growing again
            fx.engine.setCustom(id("o"), big, false);
            assertThat(MetaStore.readXattr(file)).isNull();
            assertThat(fx.engine.stat(id("o")).orElseThrow().custom())
                    .containsEntry("small", "1")
                    .containsEntry("big", "x".repeat(5000));
        }
    }
}
