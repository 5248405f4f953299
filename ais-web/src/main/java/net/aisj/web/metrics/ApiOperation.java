package net.aisj.web.metrics;

import java.util.Set;

/**
 * What a request is, for metrics: the API ({@code native} or {@code s3}), AIS's operation name ({@code get, put,
 * head, del, lst, ren, append}, or {@code other}) and the bucket ("" when none). Pure: derived from the method,
 * the raw path and the raw query only.
 *
 * @param api    "native" or "s3"
 * @param op     AIS's short operation name
 * @param bucket the bucket name as sent (still percent-encoded), "" for cluster-level calls
 */
public record ApiOperation(String api, String op, String bucket) {

    public static final String NATIVE = "native";
    public static final String S3 = "s3";

    /** Operations whose calls are counted by name; everything else is {@code other}. */
    public static final Set<String> DATA_OPS = Set.of("get", "put", "head", "del", "lst", "ren", "append");

    /** S3 sub-resources that make an object or bucket call something other than a data operation. */
    private static final Set<String> S3_SUBRESOURCES = Set.of(
            "uploadId",
            "uploads",
            "delete",
            "location",
            "versioning",
            "acl",
            "tagging",
            "policy",
            "cors",
            "lifecycle",
            "versions");

    /**
     * Classifies a request; null for calls that are not counted (intra-cluster traffic, the health probe).
     *
     * @param rawPath  the request path as sent, with a leading '/', relative to the web app (which is at '/')
     * @param rawQuery the raw query, or null
     */
    public static ApiOperation classify(String method, String rawPath, String rawQuery) {
        String p = rawPath == null ? "" : rawPath;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        String[] seg = p.isEmpty() ? new String[0] : p.split("/", 4);
        if (seg.length > 0 && seg[0].equals("v1")) {
            return nativeCall(method, seg, rawQuery);
        }
        if (seg.length > 0 && seg[0].equals("s3")) {
            String rest = seg.length > 1 ? p.substring(3) : "";
            return s3Call(method, rest, rawQuery);
        }
        return s3Call(method, p, rawQuery);
    }

    private static ApiOperation nativeCall(String method, String[] seg, String query) {
        String resource = seg.length > 1 ? seg[1] : "";
        String bucket = seg.length > 2 ? seg[2] : "";
        boolean object = seg.length > 3 && !seg[3].isEmpty();
        return switch (resource) {
            case "intra", "health" -> null;
            case "objects" -> new ApiOperation(NATIVE, object ? objectOp(method, query, false) : "other", bucket);
            case "buckets" ->
                new ApiOperation(NATIVE, "GET".equals(method) && !bucket.isEmpty() ? "lst" : "other", bucket);
            default -> new ApiOperation(NATIVE, "other", "");
        };
    }

    private static ApiOperation s3Call(String method, String path, String query) {
        int slash = path.indexOf('/');
        String bucket = slash < 0 ? path : path.substring(0, slash);
        boolean object = slash >= 0 && slash < path.length() - 1;
        if (bucket.isEmpty()) {
            return new ApiOperation(S3, "other", "");
        }
        if (!object) {
            boolean list = "GET".equals(method) && !hasAny(query, S3_SUBRESOURCES);
            return new ApiOperation(S3, list ? "lst" : "other", bucket);
        }
        return new ApiOperation(
                S3,
                hasAny(query, S3_SUBRESOURCES) && !"PUT".equals(method) ? "other" : objectOp(method, query, true),
                bucket);
    }

    private static String objectOp(String method, String query, boolean s3) {
        return switch (method) {
            case "GET" -> "get";
            case "PUT" -> !s3 && hasAny(query, Set.of("append_type")) ? "append" : "put";
            case "HEAD" -> "head";
            case "DELETE" -> "del";
            case "POST" -> s3 ? "other" : "ren";
            default -> "other";
        };
    }

    /** Whether the raw query names any of {@code keys} (as {@code k} or {@code k=...}). */
    static boolean hasAny(String query, Set<String> keys) {
        if (query == null || query.isEmpty()) {
            return false;
        }
        for (String kv : query.split("&")) {
            int eq = kv.indexOf('=');
            if (keys.contains(eq < 0 ? kv : kv.substring(0, eq))) {
                return true;
            }
        }
        return false;
    }
}
