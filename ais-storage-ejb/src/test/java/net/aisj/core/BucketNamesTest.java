package net.aisj.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BucketNamesTest {

    @Test
    void acceptsAisNames() {
        for (String ok : new String[] {"a", "imagenet", "my-bucket_1.v2", "A".repeat(64), "x.y"}) {
            assertThat(BucketNames.problem(ok)).as(ok).isNull();
        }
    }

    @Test
    void refusesWhatAisRefuses() {
        for (String bad :
                new String[] {"", ".hidden", "a..b", "a/b", "a b", "ünï", "A".repeat(65), "a%2F", "..", "a\0b"}) {
            assertThat(BucketNames.problem(bad)).as(bad).isNotNull();
            assertThatThrownBy(() -> BucketNames.check(bad))
                    .isInstanceOf(AisException.class)
                    .extracting(e -> ((AisException) e).kind())
                    .isEqualTo(AisException.Kind.BAD_REQUEST);
        }
    }
}
