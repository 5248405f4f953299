package net.aisj.backend.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.aisj.backend.BackendException;
import net.aisj.core.AisException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3BackendTest {

    @Test
    void sdkErrorsBecomeTypedBackendErrors() {
        assertThat(S3Backend.map(NoSuchKeyException.builder().message("k").build(), false)
                        .kind())
                .isEqualTo(BackendException.Kind.OBJECT_NOT_FOUND);
        assertThat(S3Backend.map(NoSuchBucketException.builder().message("b").build(), true)
                        .kind())
                .isEqualTo(BackendException.Kind.BUCKET_NOT_FOUND);
        assertThat(S3Backend.map(S3Exception.builder().statusCode(404).build(), false)
                        .kind())
                .isEqualTo(BackendException.Kind.OBJECT_NOT_FOUND);
        assertThat(S3Backend.map(S3Exception.builder().statusCode(403).build(), false)
                        .kind())
                .isEqualTo(BackendException.Kind.ACCESS_DENIED);
        assertThat(S3Backend.map(S3Exception.builder().statusCode(503).build(), false)
                        .kind())
                .isEqualTo(BackendException.Kind.UNAVAILABLE);
        assertThat(S3Backend.map(SdkClientException.create("Connection refused"), false)
                        .kind())
                .isEqualTo(BackendException.Kind.UNAVAILABLE);
    }

    @Test
    void aisErrorTextNamesTheObjectAsTheSdkMatchesIt() {
        try (S3Backend b = new S3Backend(new S3Settings("http://127.0.0.1:9", "", "us-east-1"))) {
            AisException nf =
                    new BackendException(BackendException.Kind.OBJECT_NOT_FOUND, "x", null).toAis("aws://b/o", b);
            assertThat(nf.kind()).isEqualTo(AisException.Kind.NOT_FOUND);
            assertThat(nf.getMessage()).contains("aws://b/o");
            AisException down =
                    new BackendException(BackendException.Kind.UNAVAILABLE, "refused", null).toAis("aws://b/o", b);
            assertThat(down.kind()).isEqualTo(AisException.Kind.UNAVAILABLE);
            assertThat(down.getMessage()).contains("http://127.0.0.1:9").contains("aws://b/o");
        }
    }

    @Test
    void bucketSettingsOverrideTheEnvironment() {
        S3Settings env = S3Settings.fromEnv(Map.of("S3_ENDPOINT", "http://e", "AWS_PROFILE", "envp"));
        assertThat(env.overriddenBy("", "", "")).isEqualTo(env);
        assertThat(env.overriddenBy("http://b", "bp", "eu-west-1"))
                .isEqualTo(new S3Settings("http://b", "bp", "eu-west-1"));
    }
}
