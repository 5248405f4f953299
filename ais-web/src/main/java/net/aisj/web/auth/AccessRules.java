package net.aisj.web.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.aisj.core.auth.Access;
import net.aisj.web.common.RawQuery;

/**
 * What a call needs, by AIS's table (auth.md §4.3): the permission bits and the bucket they apply to. Pure
 * function of the request line and, for bucket control calls, the {@code action} of the JSON body. Thread-safe.
 */
public final class AccessRules {

    /**
     * What one call needs.
     *
     * @param open      no check at all (health, the AuthN API, the per-ETL secret path, CORS preflight)
     * @param perms     the bits needed
     * @param bucket    the bucket name the bits apply to, or null for a cluster-level call
     * @param provider  the bucket's provider ({@code ais} when not given)
     * @param namespace the bucket's namespace query ({@code null} for the global one)
     */
    public record Need(boolean open, long perms, String bucket, String provider, String namespace) {

        static final Need OPEN = new Need(true, 0, null, null, null);

        static Need cluster(long perms) {
            return new Need(false, perms, null, null, null);
        }

        static Need bucket(long perms, String bucket, String provider, String namespace) {
            return new Need(false, perms, bucket, provider, namespace);
        }
    }

    /** S3 bucket subresources: reading or setting them is bucket administration, not data access. */
    private static final java.util.Set<String> SUBRESOURCES = java.util.Set.of(
            "acl",
            "tagging",
            "versioning",
            "cors",
            "policy",
            "lifecycle",
            "location",
            "encryption",
            "notification",
            "website",
            "logging",
            "object-lock",
            "ownershipControls",
            "publicAccessBlock",
            "requestPayment",
            "accelerate",
            "replication");

    private AccessRules() {}

    /** Whether this path is the AuthN API of the node (which checks its own callers). */
    public static boolean isAuthnPath(String rawPath) {
        return rawPath.equals("/authn") || rawPath.startsWith("/authn/");
    }

    /**
     * A native ({@code /v1/...}) call.
     *
     * @param action the {@code action} of a JSON control message in the body, or null
     */
    public static Need nativeCall(String method, String rawPath, String rawQuery, String action) {
        if (method.equals("OPTIONS")) {
            return Need.OPEN;
        }
        String[] seg = segments(rawPath);
        // seg[0] == "v1"
        String what = seg.length > 1 ? seg[1] : "";
        Map<String, String> q = query(rawQuery);
        String provider = q.get("provider");
        String ns = q.get("namespace");
        String act = action == null ? "" : action;
        switch (what) {
            case "health", "intra" -> {
                return Need.OPEN; // intra: the cluster secret is checked by IntraSecretFilter
            }
            case "etl" -> {
                return seg.length > 2 && seg[2].equals("_object") ? Need.OPEN : Need.cluster(Access.ADMIN);
            }
            case "objects" -> {
                if (seg.length < 3) {
                    return Need.cluster(Access.ADMIN);
                }
                String b = seg[2];
                if (seg.length == 3) {
                    return Need.bucket(
                            method.equals("HEAD") ? Access.HEAD_BUCKET : Access.LIST_OBJECTS, b, provider, ns);
                }
                long perms = switch (method) {
                    case "GET" -> Access.GET;
                    case "HEAD" -> Access.HEAD_OBJECT;
                    case "PUT" -> q.containsKey("appendty") ? Access.APPEND : Access.PUT;
                    case "DELETE" -> Access.DELETE_OBJECT;
                    case "PATCH" -> Access.UPDATE_OBJECT;
                    case "POST" ->
                        switch (act) {
                            case "rename-obj" -> Access.MOVE_OBJECT;
                            case "promote" -> Access.PROMOTE;
                            default -> Access.RW;
                        };
                    default -> Access.ADMIN;
                };
                return Need.bucket(perms, b, provider, ns);
            }
            case "buckets" -> {
                if (seg.length < 3 || seg[2].isEmpty()) {
                    return Need.cluster(Access.LIST_BUCKETS);
                }
                String b = seg[2];
                long perms = switch (method) {
                    case "GET" -> Access.LIST_OBJECTS | (act.equals("summary") ? Access.HEAD_BUCKET : 0);
                    case "HEAD" -> Access.HEAD_BUCKET;
                    case "PATCH", "PUT" -> Access.PATCH;
                    case "DELETE" ->
                        switch (act) {
                            case "delete-listrange", "evict-listrange" -> Access.DELETE_OBJECT;
                            default -> Access.DESTROY_BUCKET;
                        };
                    case "POST" ->
                        switch (act) {
                            case "create-bck" -> Access.CREATE_BUCKET;
                            case "move-bck" -> Access.MOVE_BUCKET;
                            case "copy-bck", "etl-bck", "copy-listrange", "etl-listrange", "archive" ->
                                Access.GET | Access.LIST_OBJECTS;
                            case "summary" -> Access.HEAD_BUCKET | Access.LIST_OBJECTS;
                            case "list" -> Access.LIST_OBJECTS;
                            case "prefetch-listrange" -> Access.GET;
                            case "make-n-copies", "ec-encode" -> Access.PATCH;
                            default -> Access.RW;
                        };
                    default -> Access.ADMIN;
                };
                return Need.bucket(perms, b, provider, ns);
            }
            case "cluster", "daemon" -> {
                return Need.cluster(method.equals("GET") ? Access.SHOW_CLUSTER : Access.ADMIN);
            }
            case "ml" -> {
                // Get-Batch: GET on the bucket of the path; the items' own buckets are checked by the resource
                // (AccessGate#checkBuckets), as AIS authorizes every referenced bucket
                return seg.length > 3 && !seg[3].isEmpty()
                        ? Need.bucket(Access.GET, seg[3], provider, ns)
                        : Need.cluster(Access.NONE);
            }
            case "download" -> {
                // AIS: starting one needs read-write on its bucket (in the body: checked by the resource); status,
                // abort and remove check nothing in AIS, here they need a valid token
                return Need.cluster(Access.NONE);
            }
            case "sort" -> {
                return Need.cluster(Access.ADMIN); // AIS's dsort handler: ADMIN for every call
            }
            case "events" -> {
                // ours (the JCA connector's feed): names of objects created or deleted, as a listing reveals them
                String b = q.get("bucket");
                return b == null || b.isEmpty()
                        ? Need.cluster(Access.LIST_OBJECTS)
                        : Need.bucket(Access.LIST_OBJECTS, b, provider, ns);
            }
            default -> {
                return Need.cluster(Access.ADMIN);
            }
        }
    }

    /** An S3 call (path-style; {@code /s3} prefix allowed). */
    public static Need s3Call(String method, String rawPath, String rawQuery) {
        if (method.equals("OPTIONS")) {
            return Need.OPEN;
        }
        String p = rawPath.equals("/s3") || rawPath.startsWith("/s3/") ? rawPath.substring(3) : rawPath;
        String[] seg = segments(p);
        Map<String, String> q = query(rawQuery);
        if (seg.length == 0 || seg[0].isEmpty()) {
            return Need.cluster(Access.LIST_BUCKETS);
        }
        String b = decode(seg[0]);
        boolean sub = q.keySet().stream().anyMatch(SUBRESOURCES::contains);
        if (seg.length == 1) {
            long perms = switch (method) {
                case "GET" -> sub ? Access.HEAD_BUCKET : Access.LIST_OBJECTS;
                case "HEAD" -> Access.HEAD_BUCKET;
                case "PUT" -> sub ? Access.PATCH : Access.CREATE_BUCKET;
                case "DELETE" -> sub ? Access.PATCH : Access.DESTROY_BUCKET;
                case "POST" -> q.containsKey("delete") ? Access.DELETE_OBJECT : Access.PATCH;
                default -> Access.ADMIN;
            };
            return Need.bucket(perms, b, null, null);
        }
        long perms = switch (method) {
            case "GET" -> Access.GET;
            case "HEAD" -> Access.HEAD_OBJECT;
            case "PUT", "POST" -> Access.PUT;
            case "DELETE" -> q.containsKey("uploadId") ? Access.PUT : Access.DELETE_OBJECT;
            default -> Access.ADMIN;
        };
        return Need.bucket(perms, b, null, null);
    }

    /**
     * The source bucket of an S3 copy ({@code x-amz-copy-source: [/]bucket/key[?versionId=..]}, URL-encoded), or
     * null when there is none or it names no bucket.
     */
    public static String copySourceBucket(String copySource) {
        if (copySource == null || copySource.isBlank()) {
            return null;
        }
        String s = copySource.strip();
        s = s.startsWith("/") ? s.substring(1) : s;
        int slash = s.indexOf('/');
        String b = decode(slash < 0 ? s : s.substring(0, slash));
        return b.isEmpty() ? null : b;
    }

    /** The decoded query parameters (none when it cannot be decoded: the resource answers that). */
    static Map<String, String> query(String rawQuery) {
        Map<String, String> q = RawQuery.parse(rawQuery);
        return q == null ? Map.of() : q;
    }

    private static String[] segments(String rawPath) {
        String p = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
