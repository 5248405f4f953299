package net.aisj.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import net.aisj.xact.kinds.PromoteXaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromoteRequestTest {

    static PromoteRequest req(String src, String obj) {
        return new PromoteRequest(src, obj, "", false, false, false, false);
    }

    @Test
    void namesFollowAisRules() {
        Path file = Path.of("/r/data/a/b.jpg");
        assertThat(req("/r/data", "").nameOf(file, false)).isEqualTo("a/b.jpg");
        assertThat(req("/r/data", "set/").nameOf(file, false)).isEqualTo("set/a/b.jpg");
        assertThat(req("/r/data/a/b.jpg", "").nameOf(file, true)).isEqualTo("b.jpg");
        assertThat(req("/r/data/a/b.jpg", "x/").nameOf(file, true)).isEqualTo("x/b.jpg");
        assertThat(req("/r/data/a/b.jpg", "x/y.jpg").nameOf(file, true)).isEqualTo("x/y.jpg");
    }

    @Test
    void sourcesMustBeAbsoluteAndPlain() {
        assertThatThrownBy(() -> req("", "")).hasMessageContaining("missing the source");
        assertThatThrownBy(() -> req("a/b", "")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> req("/a/../b", "")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> req("/a/./b", "")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> req("/a", "/abs")).hasMessageContaining("starts with '/'");
    }

    @Test
    void targetsThatSeeTheSameFilesAgree(@TempDir Path t) throws Exception {
        Path one = Files.createDirectories(t.resolve("one/sub"));
        Path two = Files.createDirectories(t.resolve("two/sub"));
        for (Path d : new Path[] {one, two}) {
            Files.writeString(d.resolve("x"), "12345");
            Files.writeString(d.getParent().resolve("y"), "1");
        }
        PromoteScan a = PromoteXaction.scan(t.resolve("one"), true);
        PromoteScan b = PromoteXaction.scan(t.resolve("two"), true);
        assertThat(a.files()).isEqualTo(2);
        assertThat(a).isEqualTo(b);
        assertThat(PromoteXaction.scan(t.resolve("one"), false).files()).isEqualTo(1);
        Files.writeString(two.resolve("x"), "123456");
        assertThat(PromoteXaction.scan(t.resolve("two"), true).digest()).isNotEqualTo(a.digest());
        assertThat(PromoteXaction.scan(t.resolve("none"), true).present()).isFalse();
    }
}
