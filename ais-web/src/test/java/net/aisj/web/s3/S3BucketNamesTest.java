package net.aisj.web.s3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3BucketNamesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "abc",
                "my-bucket",
                "my.bucket.1",
                "0bucket9",
                "a-b.c-d",
                "a23456789012345678901234567890123456789012345678901234567890123"
            })
    void accepted(String name) {
        assertThat(S3BucketNames.problem(name)).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ab",
                "a234567890123456789012345678901234567890123456789012345678901234",
                "MyBucket",
                "my_bucket",
                "-bucket",
                "bucket-",
                ".bucket",
                "bucket.",
                "my..bucket",
                "192.168.5.4",
                "xn--bucket",
                "bucket-s3alias",
                "bucket--ol-s3",
                "v1",
                "console",
                "health",
                "metrics",
                "a b",
                "bück"
            })
    void refused(String name) {
        assertThat(S3BucketNames.problem(name)).isNotNull();
    }

    @Test
    void ipLikeOnlyWhenFourNumbers() {
        assertThat(S3BucketNames.problem("192.168.5")).isNull();
        assertThat(S3BucketNames.problem("1.2.3.4.5")).isNull();
    }
}
