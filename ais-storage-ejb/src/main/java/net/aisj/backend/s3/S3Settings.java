package net.aisj.backend.s3;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How to reach an S3 endpoint, as AIS configures it: the {@code S3_ENDPOINT} and {@code AWS_PROFILE} environment
 * read at start, overridden per bucket by {@code extra.aws.endpoint} / {@code extra.aws.profile} /
 * {@code extra.aws.cloud_region}. Empty strings mean "the SDK's default" (AWS itself, the default credential
 * chain, the default region chain).
 */
public record S3Settings(String endpoint, String profile, String region) {

    public S3Settings {
        endpoint = endpoint == null ? "" : endpoint.trim();
        profile = profile == null ? "" : profile.trim();
        region = region == null ? "" : region.trim();
    }

    /** The node-wide settings from the environment. */
    public static S3Settings fromEnv(Map<String, String> env) {
        return from(env::get);
    }

    /** The node-wide settings from a lookup of these names (MicroProfile Config, then the environment). */
    public static S3Settings from(UnaryOperator<String> config) {
        return new S3Settings(config.apply("S3_ENDPOINT"), config.apply("AWS_PROFILE"), "");
    }

    /** These settings with a bucket's non-empty overrides applied. */
    public S3Settings overriddenBy(String bucketEndpoint, String bucketProfile, String bucketRegion) {
        return new S3Settings(
                nonEmpty(bucketEndpoint, endpoint), nonEmpty(bucketProfile, profile), nonEmpty(bucketRegion, region));
    }

    private static String nonEmpty(String a, String b) {
        return a == null || a.isBlank() ? b : a;
    }
}
