package net.aisj.web.s3;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * S3's bucket naming rules for CreateBucket
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html), plus the names this node
 * reserves for its own root paths. Existing buckets with other (native-API) names stay reachable over S3.
 */
public final class S3BucketNames {

    /** First path segments that are not buckets at the root (native API, console, MicroProfile endpoints). */
    public static final Set<String> RESERVED = Set.of("v1", "s3", "console", "health", "metrics");

    private static final Pattern IP = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private S3BucketNames() {}

    /** Why {@code name} cannot be created over S3, or null when it can. */
    public static String problem(String name) {
        if (name == null || name.length() < 3 || name.length() > 63) {
            return "bucket name must be 3 to 63 characters long";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-')) {
                return "bucket name may only contain lowercase letters, digits, '.' and '-'";
            }
        }
        if (!alnum(name.charAt(0)) || !alnum(name.charAt(name.length() - 1))) {
            return "bucket name must begin and end with a letter or digit";
        }
        if (name.contains("..")) {
            return "bucket name must not contain two adjacent periods";
        }
        if (IP.matcher(name).matches()) {
            return "bucket name must not be formatted as an IP address";
        }
        if (name.startsWith("xn--")
                || name.startsWith("sthree-")
                || name.endsWith("-s3alias")
                || name.endsWith("--ol-s3")) {
            return "bucket name uses a reserved prefix or suffix";
        }
        if (RESERVED.contains(name)) {
            return "bucket name \"" + name + "\" is reserved by this server";
        }
        return null;
    }

    private static boolean alnum(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }
}
