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

    /** HEAD v2: only what {@code props=} names (plus Last-Modified and ETag). */
    static void headV2(Sink b, ObjectId id, ObjectStat s, String nodeId, String props) {
        Set<String> want = Arrays.stream(props.split(",")).map(String::trim).collect(Collectors.toSet());
        b.header("Last-Modified", httpDate(s.mtimeMillis()));
        if (s.custom().containsKey("ETag")) {
            b.header("ETag", s.custom().get("ETag"));
        }
        if (want.contains("name")) {
            b.header("Ais-Name", s.name());
        }
        if (want.contains("size")) {
            b.header("Content-Length", Long.toString(s.size())).header("Ais-Size", Long.toString(s.size()));
        }
        if (want.contains("checksum") && !s.checksum().value().isEmpty()) {
            b.header("Ais-Checksum-Type", s.checksum().type().wire())
                    .header("Ais-Checksum-Value", s.checksum().value());
        }
        if (want.contains("atime")) {
            b.header("Ais-Atime", Long.toString(s.atimeNanos()));
        }
        if (want.contains("version") && !s.version().isEmpty()) {
            b.header("Ais-Version", s.version());
        }
        if (want.contains("copies")) {
            b.header(
                    "Ais-Mirror-Copies", Integer.toString(Math.max(1, s.copies().size())));
        }
        if (want.contains("location") && s.mountpath() != null) {
            b.header("Ais-Location", location(nodeId, s));
        }
        if (want.contains("custom")) {
            custom(b, s.custom());
        }
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
