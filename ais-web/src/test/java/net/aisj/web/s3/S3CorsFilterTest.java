package net.aisj.web.s3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class S3CorsFilterTest {

    @Test
    void theBucketIsTheFirstSegmentOrTheSecondUnderTheS3Mount() {
        assertThat(S3CorsFilter.bucketOf("/photos/a/b.jpg")).isEqualTo("photos");
        assertThat(S3CorsFilter.bucketOf("/photos")).isEqualTo("photos");
        assertThat(S3CorsFilter.bucketOf("/s3/photos/a")).isEqualTo("photos");
        assertThat(S3CorsFilter.bucketOf("/s3")).isNull();
        assertThat(S3CorsFilter.bucketOf("/")).isNull();
        assertThat(S3CorsFilter.bucketOf("/v1/objects/photos/a"))
                .as("native API")
                .isNull();
        assertThat(S3CorsFilter.bucketOf("/console/index.html")).as("reserved").isNull();
        assertThat(S3CorsFilter.bucketOf("/%zz/a")).as("malformed escape").isNull();
    }
}
