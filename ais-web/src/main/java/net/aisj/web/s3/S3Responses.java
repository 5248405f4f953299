package net.aisj.web.s3;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import net.aisj.web.s3.error.S3Error;
import net.aisj.web.s3.error.S3Exception;
import net.aisj.web.s3.xml.S3Xml;

/** Helpers shared by the S3 handlers: XML bodies in and out, HTTP dates. */
final class S3Responses {

    static final String XML = "application/xml";

    private S3Responses() {}

    static Response xml(Object value) {
        return xml(Response.ok(), value);
    }

    static Response xml(Response.ResponseBuilder b, Object value) {
        StreamingOutput out = o -> S3Xml.write(value, o);
        return b.entity(out).type(XML).build();
    }

    /** Whether the request carries a body (declared length > 0, or chunked without a length). */
    static boolean hasBody(S3Call c) {
        long n = c.contentLength();
        return n > 0 || n < 0 && c.header("Transfer-Encoding") != null;
    }

    /** Parses the body as {@code type}; MalformedXML when it is not. */
    static <T> T readXml(S3Call c, Class<T> type) throws IOException {
        try {
            return S3Xml.read(c.body(), type);
        } catch (IllegalArgumentException e) {
            throw new S3Exception(S3Error.MalformedXML, e.getMessage());
        }
    }

    static String httpDate(long millis) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC));
    }

    /** Epoch millis of an HTTP date (RFC 1123), or null when absent or unparsable (then the condition is ignored). */
    static Long parseHttpDate(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(s.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant()
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
