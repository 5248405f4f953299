package net.aisj.service.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class MatchModeTest {

    static final List<String> NAMES = List.of(
            "subdir/aaa.jpg", "subdir/aaa.json", "subdir/bbb.jpg", "subdir/bbb.json", "other/aaa.tar.gz", "top.cls");

    static List<String> select(MatchMode m, String pattern) {
        Predicate<String> p = m.matcher(pattern);
        return NAMES.stream().filter(p).toList();
    }

    @Test
    void wdskeyIsTheNameWithoutItsLastExtension() {
        assertThat(select(MatchMode.WDSKEY, "subdir/aaa")).containsExactly("subdir/aaa.jpg", "subdir/aaa.json");
        assertThat(select(MatchMode.WDSKEY, "other/aaa.tar")).containsExactly("other/aaa.tar.gz");
        assertThat(MatchMode.wdsKey("/a/b.c/d")).isEqualTo("a/b.c/d");
        assertThat(MatchMode.wdsKey("x.y.z")).isEqualTo("x.y");
    }

    @Test
    void prefixSuffixSubstr() {
        assertThat(select(MatchMode.PREFIX, "subdir/b")).containsExactly("subdir/bbb.jpg", "subdir/bbb.json");
        assertThat(select(MatchMode.SUFFIX, ".jpg")).containsExactly("subdir/aaa.jpg", "subdir/bbb.jpg");
        assertThat(select(MatchMode.SUBSTR, "aa"))
                .containsExactly("subdir/aaa.jpg", "subdir/aaa.json", "other/aaa.tar.gz");
    }

    @Test
    void regexpSearchesAnywhere() {
        assertThat(select(MatchMode.REGEXP, "b+\\.js")).containsExactly("subdir/bbb.json");
        assertThat(select(MatchMode.REGEXP, "^top")).containsExactly("top.cls");
        assertThatThrownBy(() -> MatchMode.REGEXP.matcher("(")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyOrStarMatchesAll() {
        for (MatchMode m : MatchMode.values()) {
            assertThat(select(m, "")).hasSize(NAMES.size());
            assertThat(select(m, "*")).hasSize(NAMES.size());
        }
    }

    @Test
    void wireNames() {
        assertThat(MatchMode.of("wdskey")).isEqualTo(MatchMode.WDSKEY);
        assertThat(MatchMode.of("")).isEqualTo(MatchMode.REGEXP);
        assertThatThrownBy(() -> MatchMode.of("glob")).hasMessageContaining("invalid archmode");
    }
}
