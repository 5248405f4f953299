package net.aisj.web.nat;

import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ChecksumType;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectStat;
import net.aisj.core.AisException;
import net.aisj.service.s3.PartLayout;

/**
 * AIS object headers (ais-reference §3.3) for GET, PUT and HEAD v1/v2 responses, written into a JAX-RS response
 * builder or, on the direct path ({@link DirectObjectCalls}), straight into the servlet response.
 */
final class ObjectHeaders {

    /** Where headers go: {@code builder::header} or {@code servletResponse::addHeader}. */
    @FunctionalInterface
    interface Sink {
        void put(String name, String value);

        default Sink header(String name, String value) {
            put(name, value);
            return this;
        }
    }

    private ObjectHeaders() {}

    static Response.ResponseBuilder standard(Response.ResponseBuilder b, ObjectStat s) {
        standard((Sink) b::header, s);
        return b;
    }

    static Response.ResponseBuilder headV1(Response.ResponseBuilder b, ObjectId id, ObjectStat s, String nodeId) {
        headV1((Sink) b::header, id, s, nodeId);
        return b;
    }

    static Response.ResponseBuilder headV2(
            Response.ResponseBuilder b, ObjectId id, ObjectStat s, String nodeId, String props) {
        headV2((Sink) b::header, id, s, nodeId, props);
        return b;
    }

    /** The attributes every GET/PUT/HEAD carries: checksum, atime, version, custom metadata, ETag, Last-Modified. */
    static void standard(Sink b, ObjectStat s) {
        if (!s.checksum().value().isEmpty()) {
            b.header("Ais-Checksum-Type", s.checksum().type().wire())
                    .header("Ais-Checksum-Value", s.checksum().value());
        }
        b.header("Ais-Atime", Long.toString(s.atimeNanos()));
        if (!s.version().isEmpty()) {
            b.header("Ais-Version", s.version());
        }
        custom(b, s.custom());
        b.header("Last-Modified", httpDate(s.mtimeMillis()));
    }

    /**
     * HEAD v1: the standard attributes plus the flattened object props. An object of a remote bucket not cached in
     * the cluster (a stat without a mountpath: the backend's) is {@code Ais-Present: false}, with no location.
     */
    static void headV1(Sink b, ObjectId id, ObjectStat s, String nodeId) {
        standard(b, s);
        boolean present = s.mountpath() != null;
        b.header("Content-Length", Long.toString(s.size()))
                .header("Ais-Name", s.name())
                .header("Ais-Bucket-Name", id.bucket().name())
                .header("Ais-Bucket-Provider", id.bucket().provider())
                .header("Ais-Size", Long.toString(s.size()))
                .header("Ais-Present", Boolean.toString(present));
        if (!present) {
            return;
        }
        b.header("Ais-Location", location(nodeId, s))
                .header(
                        "Ais-Mirror-Copies",
                        Integer.toString(Math.max(1, s.copies().size())))
                .header(
                        "Ais-Mirror-Paths",
                        "[" + String.join(",", s.copies().isEmpty() ? java.util.List.of(s.mountpath()) : s.copies())
                                + "]");
    }

    /** The properties HEAD v2 accepts ({@code present} is the Python SDK's, a no-op as name and size are). */
    static final Set<String> V2_PROPS = Set.of(
            "name",
            "size",
            "present",
            "checksum",
            "atime",
            "version",
            "custom",
            "last-modified",
            "etag",
            "location",
            "copies",
            "ec",
            "chunked");

    /**
     * HEAD v2 as AIS answers it: always {@code Content-Length} (the SDK reads the size from it) and
     * {@code Ais-Present}; the rest only when {@code props=} names it: checksum, atime, version, custom metadata,
     * location, mirror copies, chunk count and largest chunk of a multipart object, and {@code Last-Modified} /
     * {@code ETag} (only then). An unknown property is 400, as in AIS.
     */
    static void headV2(Sink b, ObjectId id, ObjectStat s, String nodeId, String props) {
        Set<String> want = Arrays.stream(props.split(","))
                .map(String::trim)
                .filter(p -> !p.isEmpty())
                .collect(Collectors.toSet());
        for (String p : want) {
            if (!V2_PROPS.contains(p)) {
                throw AisException.badRequest("invalid property \"" + p + "\" in props list");
            }
        }
        // an object of a remote bucket not cached here (a stat without a mountpath: the backend's) is not present
        boolean present = s.mountpath() != null;
        b.header("Content-Length", Long.toString(s.size())).header("Ais-Present", Boolean.toString(present));
        if (want.contains("location") && present) {
            b.header("Ais-Location", location(nodeId, s));
        }
        if (want.contains("copies") && present) {
            b.header(
                    "Ais-Mirror-Copies", Integer.toString(Math.max(1, s.copies().size())));
            b.header(
                    "Ais-Mirror-Paths",
                    String.join(",", s.copies().isEmpty() ? java.util.List.of(s.mountpath()) : s.copies()));
        }
        if (want.contains("chunked")) {
            long[] chunks = chunks(s);
            if (chunks != null) {
                b.header("Ais-Chunks-Count", Long.toString(chunks[0]))
                        .header("Ais-Chunks-Max-Chunk-Size", Long.toString(chunks[1]));
            }
        }
        if (want.contains("checksum") && !s.checksum().value().isEmpty()) {
            b.header("Ais-Checksum-Type", s.checksum().type().wire())
                    .header("Ais-Checksum-Value", s.checksum().value());
        }
        if (want.contains("atime") && s.atimeNanos() != 0) {
            b.header("Ais-Atime", Long.toString(s.atimeNanos()));
        }
        if (want.contains("version") && !s.version().isEmpty()) {
            b.header("Ais-Version", s.version());
        }
        if (want.contains("custom")) {
            s.custom().forEach((k, v) -> b.header("Ais-Custom-Md", k + "=" + v));
        }
        if (want.contains("last-modified")) {
            b.header("Last-Modified", httpDate(s.mtimeMillis()));
        }
        if (want.contains("etag")) {
            String etag = etag(s);
            if (etag != null) {
                b.header("ETag", "\"" + etag + "\"");
            }
        }
    }

    /**
     * AIS's ETag of an object (unquoted), or null without a checksum: the stored one (S3 PUTs and multipart), an
     * MD5 checksum, else {@code v1-<checksum>-<mtime nanos, base 36>}.
     */
    static String etag(ObjectStat s) {
        String stored = s.custom().get("ETag");
        if (stored != null && !stored.isEmpty()) {
            return stored.replace("\"", "");
        }
        if (s.checksum().value().isEmpty()) {
            return null;
        }
        if (s.checksum().type() == ChecksumType.MD5 && chunks(s) == null) {
            return s.checksum().value();
        }
        return "v1-" + s.checksum().value() + "-" + Long.toString(s.mtimeMillis() * 1_000_000L, 36);
    }

    /** {count, largest size} of the parts of an object completed from a multipart upload, or null. */
    static long[] chunks(ObjectStat s) {
        String layout = s.custom().get(PartLayout.KEY);
        int n = PartLayout.count(layout);
        if (n <= 0) {
            return null;
        }
        long max = 0;
        for (int i = 1; i <= n; i++) {
            long[] r = PartLayout.range(layout, i);
            if (r != null) {
                max = Math.max(max, r[1]);
            }
        }
        return new long[] {n, max};
    }

    private static void custom(Sink b, Map<String, String> custom) {
        custom.forEach((k, v) -> b.header("Ais-Custom-Md", k + "=" + v));
        if (custom.containsKey("ETag")) {
            b.header("ETag", custom.get("ETag"));
        }
    }

    /** The client's checksum of a PUT ({@code Ais-Checksum-Type/Value}; xxhash2 when the type is absent), or null. */
    static Checksum clientChecksum(String type, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return new Checksum(ChecksumType.of(type == null || type.isEmpty() ? "xxhash2" : type), value);
        } catch (IllegalArgumentException e) {
            throw AisException.badRequest(e.getMessage());
        }
    }

    static String location(String nodeId, ObjectStat s) {
        return "t[" + nodeId + "]:" + s.mountpath();
    }

    static String httpDate(long millis) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC));
    }
}
