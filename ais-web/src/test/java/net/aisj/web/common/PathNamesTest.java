package net.aisj.web.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathNamesTest {

    @Test
    void decodesEscapesWithoutNormalising() {
        assertThat(PathNames.tail("/v1/objects/b/a/b/c", 3)).isEqualTo("a/b/c");
        assertThat(PathNames.tail("/v1/objects/b/a/%2E%2E/x", 3)).isEqualTo("a/../x");
        assertThat(PathNames.tail("/v1/objects/b/a%2Fb%20c+d", 3)).isEqualTo("a/b c+d");
        assertThat(PathNames.tail("/v1/objects/b/%C3%BC%E2%82%AC", 3)).isEqualTo("ü€");
        assertThat(PathNames.tail("/v1/objects/b/x%00y", 3)).isEqualTo("x\0y");
        assertThat(PathNames.tail("/v1/objects/b/", 3)).isEmpty();
        assertThat(PathNames.tail("/v1/objects/b/trailing/", 3)).isEqualTo("trailing/");
    }

    @Test
    void refusesBadEscapes() {
        assertThatThrownBy(() -> PathNames.decode("a%2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathNames.decode("a%zz")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathNames.decode("%C3%28")).isInstanceOf(IllegalArgumentException.class);
    }
}
