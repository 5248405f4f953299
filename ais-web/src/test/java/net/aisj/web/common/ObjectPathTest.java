package net.aisj.web.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.aisj.core.AisException;
import org.junit.jupiter.api.Test;

class ObjectPathTest {

    @Test
    void nativeIntraAndEcPathsNameTheSameObject() {
        ObjectPath expected = new ObjectPath("b", "dir/a b/c%2Fd");
        assertThat(ObjectPath.parse("/v1/objects/b/dir/a%20b/c%252Fd", ObjectPath.NATIVE))
                .isEqualTo(expected);
        assertThat(ObjectPath.parse("/v1/intra/objects/b/dir/a%20b/c%252Fd", 3)).isEqualTo(expected);
        assertThat(ObjectPath.parse("/v1/intra/ec/slices/b/dir/a%20b/c%252Fd", 4))
                .isEqualTo(expected);
    }

    @Test
    void anEscapedSlashStaysPartOfTheName() {
        assertThat(ObjectPath.parse("/v1/objects/b/a%2Fb", ObjectPath.NATIVE).name())
                .isEqualTo("a/b");
        assertThat(ObjectPath.parse("/v1/objects/b%20x/o", ObjectPath.NATIVE).bucket())
                .isEqualTo("b x");
    }

    @Test
    void aPathWithoutANameHasAnEmptyOne() {
        assertThat(ObjectPath.parse("/v1/objects/b", ObjectPath.NATIVE)).isEqualTo(new ObjectPath("b", ""));
    }

    @Test
    void badEscapesAndMissingBucketsAreBadRequests() {
        for (String p : new String[] {"/v1/objects/b/%zz", "/v1/objects/b/%C3%28", "/v1/objects", "/v1/objects/%4"}) {
            assertThatThrownBy(() -> ObjectPath.parse(p, ObjectPath.NATIVE))
                    .as(p)
                    .isInstanceOf(AisException.class)
                    .satisfies(e -> assertThat(((AisException) e).kind()).isEqualTo(AisException.Kind.BAD_REQUEST))
                    .hasMessageContaining(p);
        }
    }
}
