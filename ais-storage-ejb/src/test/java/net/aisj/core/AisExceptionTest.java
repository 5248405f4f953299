package net.aisj.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AisExceptionTest {

    @Test
    void aReasonCarriesItsKind() {
        for (AisException.Reason r : AisException.Reason.values()) {
            if (r == AisException.Reason.UNSPECIFIED) {
                continue;
            }
            AisException e = new AisException(r, "m");
            assertThat(e.reason()).isEqualTo(r);
            assertThat(e.kind()).isEqualTo(r.kind());
        }
        assertThat(AisException.notFound("x").reason()).isEqualTo(AisException.Reason.UNSPECIFIED);
    }

    @Test
    void unspecifiedWithoutAKindIsInternal() {
        assertThat(new AisException(AisException.Reason.UNSPECIFIED, "m").kind())
                .isEqualTo(AisException.Kind.INTERNAL);
    }

    /** How AIS's SDK reads a 404/409 message: the first {@code provider://bucket[/]} in it (its response handler). */
    static final java.util.regex.Pattern SDK_FQN = java.util.regex.Pattern.compile(
            "(ais|aws|gcp|azure|oci|ht|s3|gs|az)://([A-Za-z0-9@#._-]{1,64})(?:(/)|(?![A-Za-z0-9@#._-]))");

    @Test
    void theTextsOfTypedReasonsNameWhatTheSdkLooksFor() {
        java.util.regex.Matcher bucket =
                SDK_FQN.matcher(AisException.noSuchBucket("ais://imgs").getMessage());
        assertThat(bucket.find()).isTrue();
        assertThat(bucket.group(2)).isEqualTo("imgs");
        assertThat(bucket.group(3)).as("no object: ErrBckNotFound").isNull();

        java.util.regex.Matcher obj =
                SDK_FQN.matcher(AisException.noSuchObject("ais://imgs/a/b.jpg").getMessage());
        assertThat(obj.find()).isTrue();
        assertThat(obj.group(3)).as("an object: ErrObjNotFound").isEqualTo("/");

        java.util.regex.Matcher remote = SDK_FQN.matcher(
                AisException.noSuchRemoteBucket("aws://cloud", null).getMessage());
        assertThat(remote.find()).isTrue();
        assertThat(remote.group(1)).isEqualTo("aws");

        assertThat(AisException.bucketExists("ais://imgs").reason()).isEqualTo(AisException.Reason.BUCKET_EXISTS);
        assertThat(AisException.bucketExists("ais://imgs").getMessage())
                .contains("ais://imgs\"")
                .contains("already exists");
        assertThat(AisException.noSuchObject("ais://b/o").reason()).isEqualTo(AisException.Reason.NO_SUCH_OBJECT);
        assertThat(AisException.noSuchBucket("ais://b").reason()).isEqualTo(AisException.Reason.NO_SUCH_BUCKET);
    }
}
