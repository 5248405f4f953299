package net.aisj.backend.hdfs;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How to reach HDFS, read from the environment at start (settings of ours in AIS's style): {@code AIS_HDFS_URL} the
 * NameNode's WebHDFS endpoint ({@code http://namenode:9870}), {@code AIS_HDFS_USER} the user the calls act as (simple
 * authentication's {@code user.name}; default: none sent), {@code AIS_HDFS_ROOT} the directory whose subdirectories
 * are the buckets (default {@code /}).
 */
public record HdfsSettings(String url, String user, String root) {

    public HdfsSettings {
        url = url == null ? "" : url.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        user = user == null ? "" : user.trim();
        root = root == null || root.isBlank() ? "/" : root.trim();
        if (!root.startsWith("/")) {
            root = "/" + root;
        }
        if (!root.endsWith("/")) {
            root = root + "/";
        }
    }

    public static HdfsSettings fromEnv(Map<String, String> env) {
        return from(env::get);
    }

    /** The node-wide settings from a lookup of these names (MicroProfile Config, then the environment). */
    public static HdfsSettings from(UnaryOperator<String> config) {
        return new HdfsSettings(
                config.apply("AIS_HDFS_URL"), config.apply("AIS_HDFS_USER"), config.apply("AIS_HDFS_ROOT"));
    }

    /** These settings with a bucket's {@code extra.hdfs.url} / {@code .user} / {@code .root} (empty: the node's). */
    public HdfsSettings overriddenBy(String bucketUrl, String bucketUser, String bucketRoot) {
        return new HdfsSettings(or(bucketUrl, url), or(bucketUser, user), or(bucketRoot, root));
    }

    private static String or(String a, String b) {
        return a == null || a.isBlank() ? b : a;
    }

    public boolean configured() {
        return !url.isEmpty();
    }
}
