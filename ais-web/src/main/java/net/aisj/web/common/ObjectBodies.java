package net.aisj.web.common;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import net.aisj.connector.api.ObjectReader;

/**
 * The one writer of object bodies, for every API that serves object bytes (native on JAX-RS and on the direct
 * path, S3, intra-cluster reads): a whole object as {@code 200} or one range of it as {@code 206} with its
 * {@code Content-Range}, {@code Content-Length} always set, and an entity that streams from the reader and closes
 * it; {@code Connection: close} when the reader verifies the body while it streams (a bad copy cuts it short, and a
 * response cut short must end its connection). Content type and API-specific headers are the caller's.
 */
public final class ObjectBodies {

    private ObjectBodies() {}

    /**
     * The response for {@code reader}'s object, or for {@code range} of it when not null. Until the response is
     * written, the reader stays open: a caller that does not return the response closes the reader itself.
     */
    public static Response.ResponseBuilder ok(ObjectReader reader, ByteRange range) {
        long size = reader.stat().size();
        long off = range == null ? 0 : range.offset();
        long len = range == null ? size : range.length();
        StreamingOutput body = out -> {
            try (reader) {
                reader.transferTo(out, off, len);
            }
        };
        Response.ResponseBuilder b =
                Response.status(range == null ? 200 : 206).entity(body).header("Content-Length", Long.toString(len));
        if (range != null) {
            b.header("Content-Range", range.contentRange(size));
        }
        if (reader.cutsOnMismatch(off, len)) {
            // a bad copy cuts this body before its end: the connection must end with it (else the client waits)
            b.header("Connection", "close");
        }
        return b;
    }

    /** {@code 416} for a range the object cannot satisfy, with {@code Content-Range: bytes *}{@code /<size>}. */
    public static Response notSatisfiable(long size) {
        return Response.status(416).header("Content-Range", "bytes */" + size).build();
    }
}
