package net.aisj.web.s3;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.PutOptions;
import net.aisj.service.s3.PartLayout;
import net.aisj.web.s3.error.S3Error;
import net.aisj.web.s3.error.S3Exception;

/**
 * Object metadata that S3 round-trips: user metadata ({@code x-amz-meta-*}) and the stored representation headers
 * (Content-Type, Content-Encoding, Content-Disposition, Content-Language, Cache-Control, Expires). They are kept as
 * custom metadata under the reserved prefix {@value #PREFIX} + the lower-case header name, so the native API shows
 * them too ({@code Ais-Custom-Md}) and native keys never collide with them.
 */
final class S3Meta {

    static final String PREFIX = "s3:";
    static final String USER = "x-amz-meta-";
    /** S3's limit on user metadata (names + values, UTF-8 bytes). */
    static final int MAX_USER_BYTES = 2048;

    /** Representation headers stored with the object and returned on GET/HEAD. */
    static final List<String> STORED = List.of(
            "content-type", "content-encoding", "content-disposition", "content-language", "cache-control", "expires");

    /** GET query parameters that override a stored header in the response. */
    static final Map<String, String> OVERRIDES = Map.of(
            "response-content-type",
            "Content-Type",
            "response-content-language",
            "Content-Language",
            "response-expires",
            "Expires",
            "response-cache-control",
            "Cache-Control",
            "response-content-disposition",
            "Content-Disposition",
            "response-content-encoding",
            "Content-Encoding");

    private S3Meta() {}

    /** The metadata a PUT (or a REPLACE copy) stores, from its headers. */
    static Map<String, String> fromRequest(S3Call c) {
        Map<String, String> m = new LinkedHashMap<>();
        int userBytes = 0;
        MultivaluedMap<String, String> h = c.headers().getRequestHeaders();
        for (Map.Entry<String, List<String>> e : h.entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            String value = String.join(",", e.getValue());
            if (name.startsWith(USER) && name.length() > USER.length()) {
                userBytes += name.length() - USER.length() + value.getBytes(StandardCharsets.UTF_8).length;
                m.put(PREFIX + name, value);
            } else if (STORED.contains(name)) {
                if (name.equals("content-encoding")) {
                    value = withoutAwsChunked(value);
                }
                if (!value.isEmpty()) {
                    m.put(PREFIX + name, value);
                }
            }
        }
        String tags = S3AclTagging.fromHeader(c);
        if (tags != null) {
            m.put(S3AclTagging.TAGS, tags);
        }
        if (userBytes > MAX_USER_BYTES) {
            throw new S3Exception(
                    S3Error.MetadataTooLarge,
                    "user metadata is " + userBytes + " bytes (limit " + MAX_USER_BYTES + ")");
        }
        return m;
    }

    /** What a COPY-directive copy keeps: everything but the ETag (the copy computes its own). */
    static Map<String, String> forCopy(Map<String, String> source) {
        Map<String, String> m = new LinkedHashMap<>(source);
        m.remove(PutOptions.ETAG);
        m.remove(PartLayout.KEY);
        m.remove(net.aisj.service.s3.MultipartService.UPLOAD_KEY);
        return m;
    }

    private static String withoutAwsChunked(String v) {
        StringBuilder b = new StringBuilder();
        for (String t : v.split(",")) {
            String s = t.trim();
            if (!s.isEmpty() && !s.equalsIgnoreCase("aws-chunked")) {
                b.append(b.length() == 0 ? "" : ",").append(s);
            }
        }
        return b.toString();
    }

    /** The object's ETag: the stored MD5 one, else its checksum, else version and time (always quoted). */
    static String etag(ObjectStat s) {
        String e = s.custom().get(PutOptions.ETAG);
        if (e != null && !e.isEmpty()) {
            return e.startsWith("\"") ? e : "\"" + e + "\"";
        }
        if (!s.checksum().value().isEmpty()) {
            return "\"" + s.checksum().value() + "\"";
        }
        return "\"" + s.version() + "-" + Long.toHexString(s.mtimeMillis()) + "\"";
    }

    /**
     * A value as an HTTP header can carry it: US-ASCII as is, anything else as an RFC 2047 encoded word of its UTF-8
     * ({@code =?UTF-8?B?...?=}), which is what S3 answers for non-ASCII metadata. Clients that need non-ASCII send
     * such encoded words themselves (header bytes outside ASCII are refused by the HTTP layer), and get them back
     * unchanged.
     */
    static String headerValue(String v) {
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch > 0x7e || ch < 0x20 && ch != '\t') {
                return "=?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))
                        + "?=";
            }
        }
        return v;
    }

    static String contentType(ObjectStat s) {
        return s.custom().getOrDefault(PREFIX + "content-type", "application/octet-stream");
    }

    /** Sets ETag, Last-Modified, the stored headers and user metadata, then the request's overrides. */
    static Response.ResponseBuilder headers(Response.ResponseBuilder b, ObjectStat s, S3Call c) {
        b.header("ETag", etag(s))
                .header("Last-Modified", S3Responses.httpDate(s.mtimeMillis()))
                .header("Accept-Ranges", "bytes");
        for (Map.Entry<String, String> e : s.custom().entrySet()) {
            if (!e.getKey().startsWith(PREFIX)) {
                continue;
            }
            String name = e.getKey().substring(PREFIX.length());
            if (name.startsWith(USER) || STORED.contains(name) && !name.equals("content-type")) {
                b.header(name, headerValue(e.getValue()));
            }
        }
        String type = contentType(s);
        for (Map.Entry<String, String> o : OVERRIDES.entrySet()) {
            String v = c.param(o.getKey());
            if (v != null) {
                if (o.getValue().equals("Content-Type")) {
                    type = v;
                } else {
                    b.header(o.getValue(), null).header(o.getValue(), v);
                }
            }
        }
        // as stored: Jersey's MediaType would re-format it ("text/plain; charset=x" -> "text/plain;charset=x")
        return b.header("Content-Type", type);
    }
}
