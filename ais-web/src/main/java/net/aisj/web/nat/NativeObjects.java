package net.aisj.web.nat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;
import net.aisj.core.AisException;
import net.aisj.service.LocalNode;
import net.aisj.service.ObjectService;
import net.aisj.web.common.ByteRange;
import net.aisj.web.common.ObjectBodies;

/**
 * The native API's plain object calls, as responses: GET (whole or one range), HEAD (v1 and v2) and PUT. Both
 * transports answer with these, so they answer alike: JAX-RS ({@link ObjectsResource}) returns the response, the
 * direct path ({@link DirectObjectCalls}) writes it into the servlet response. Thread-safe (stateless).
 */
@ApplicationScoped
public class NativeObjects {

    @Inject
    ObjectService objects;

    @Inject
    LocalNode node;

    /**
     * The object or the range {@code rangeHeader} asks for: 200/206 with AIS's object headers, 416 for a range it
     * cannot satisfy.
     *
     * @throws AisException NOT_FOUND, BAD_REQUEST for a malformed range, CORRUPTED-as-mapped by the service
     */
    public Response get(ObjectId id, boolean validate, String rangeHeader) {
        return get(id, validate, false, rangeHeader);
    }

    /** Like {@link #get(ObjectId, boolean, String)}; {@code latest} (AIS {@code latest-ver}) re-checks the remote. */
    public Response get(ObjectId id, boolean validate, boolean latest, String rangeHeader) {
        ObjectReader reader = objects.open(id, validate, latest);
        boolean handedOver = false;
        try {
            ObjectStat s = reader.stat();
            ByteRange r;
            try {
                r = ByteRange.parse(rangeHeader, s.size());
            } catch (ByteRange.Unsatisfiable e) {
                return ObjectBodies.notSatisfiable(s.size());
            } catch (ByteRange.Malformed e) {
                throw AisException.badRequest(e.getMessage() + " (" + id.cname() + ")");
            }
            Response.ResponseBuilder b = ObjectBodies.ok(reader, r)
                    .type(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                    .header("Accept-Ranges", "bytes");
            handedOver = true;
            return ObjectHeaders.standard(b, s).build();
        } finally {
            if (!handedOver) {
                reader.close();
            }
        }
    }

    /** HEAD: AIS's v1 headers, or with {@code props} the v2 ones it asks for. */
    public Response head(ObjectId id, String props) {
        return head(id, props, false);
    }

    /** Like {@link #head(ObjectId, String)}; {@code latest} (AIS {@code latest-ver}) re-checks the remote. */
    public Response head(ObjectId id, String props, boolean latest) {
        ObjectStat s = objects.head(id, latest);
        Response.ResponseBuilder b = Response.ok().type(MediaType.APPLICATION_OCTET_STREAM_TYPE);
        return (props == null || props.isBlank()
                        ? ObjectHeaders.headV1(b, id, s, node.self().id())
                        : ObjectHeaders.headV2(b, id, s, node.self().id(), props))
                .build();
    }

    /**
     * A plain PUT of {@code length} bytes (-1: until the stream ends), verified against the client's checksum
     * when it sent one ({@code Ais-Checksum-Type}/{@code -Value}).
     */
    public Response put(ObjectId id, InputStream body, long length, String cksumType, String cksumValue) {
        Checksum expected = ObjectHeaders.clientChecksum(cksumType, cksumValue);
        ObjectStat s = objects.put(id, body, length, expected, Map.of());
        return ObjectHeaders.standard(Response.ok(), s).build();
    }
}
