package net.aisj.backend.hdfs;

import java.util.Map;

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
        return new HdfsSettings(env.get("AIS_HDFS_URL"), env.get("AIS_HDFS_USER"), env.get("AIS_HDFS_ROOT"));
    }

    public boolean configured() {
        return !url.isEmpty();
    }
}
