package net.aisj.web.s3.error;

import static org.assertj.core.api.Assertions.assertThat;

import net.aisj.core.AisException;
import org.junit.jupiter.api.Test;

class S3ErrorResponsesTest {

    @Test
    void routes() {
        assertThat(S3ErrorResponses.isS3Path("/v1/objects/b/o")).isFalse();
        assertThat(S3ErrorResponses.isS3Path("/v1")).isFalse();
        assertThat(S3ErrorResponses.isS3Path("/v1x/o")).isTrue();
        assertThat(S3ErrorResponses.isS3Path("/s3/b/o")).isTrue();
        assertThat(S3ErrorResponses.isS3Path("/b/o")).isTrue();
        assertThat(S3ErrorResponses.isS3Path("/")).isTrue();
    }

    @Test
    void translation() {
        // the code follows the reason, never the message: a reworded message keeps its code
        assertThat(S3ErrorResponses.translate(
                                new AisException(AisException.Reason.NO_SUCH_BUCKET, "no bucket called x"), null)
                        .error())
                .isEqualTo(S3Error.NoSuchBucket);
        assertThat(S3ErrorResponses.translate(
                                new AisException(AisException.Kind.NOT_FOUND, "bucket \"ais://x\" does not exist"),
                                null)
                        .error())
                .isEqualTo(S3Error.NoSuchKey);
        assertThat(S3ErrorResponses.translate(new AisException(AisException.Reason.NAME_TOO_LONG, "too long"), null)
                        .error())
                .isEqualTo(S3Error.KeyTooLongError);
        assertThat(S3ErrorResponses.translate(new AisException(AisException.Reason.INCOMPLETE_BODY, "short"), null)
                        .error())
                .isEqualTo(S3Error.IncompleteBody);
        assertThat(S3ErrorResponses.translate(new AisException(AisException.Reason.BUCKET_EXISTS, "x"), null)
                        .error())
                .isEqualTo(S3Error.BucketAlreadyOwnedByYou);
        assertThat(S3ErrorResponses.translate(AisException.notFound("object ais://x/y does not exist"), null)
                        .error())
                .isEqualTo(S3Error.NoSuchKey);
        Exception wrapped = new AisException(
                AisException.Kind.INTERNAL,
                "io",
                new RuntimeException(new PayloadException(S3Error.XAmzContentSHA256Mismatch, null)));
        assertThat(S3ErrorResponses.translate(wrapped, null).error()).isEqualTo(S3Error.XAmzContentSHA256Mismatch);
        assertThat(S3ErrorResponses.translate(new IllegalStateException("x"), null)
                        .error())
                .isEqualTo(S3Error.InternalError);
    }

    @Test
    void tableIsConsistent() {
        for (S3Error e : S3Error.values()) {
            assertThat(e.code()).isEqualTo(e.name());
            assertThat(e.status()).isBetween(300, 599);
            assertThat(e.message()).isNotBlank();
        }
    }
}
