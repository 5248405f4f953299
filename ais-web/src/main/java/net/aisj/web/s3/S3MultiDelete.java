package net.aisj.web.s3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import net.aisj.connector.api.ObjectId;
import net.aisj.core.AisException;
import net.aisj.web.s3.error.S3Error;
import net.aisj.web.s3.error.S3ErrorResponses;
import net.aisj.web.s3.error.S3Exception;
import net.aisj.web.s3.xml.Delete;
import net.aisj.web.s3.xml.DeleteResult;
import net.aisj.web.s3.xml.S3Xml;

/**
 * DeleteObjects ({@code POST /{bucket}?delete}): up to {@value #MAX_KEYS} keys, each deleted on its owner; a
 * missing key counts as deleted (as in S3); per-key failures are reported, not thrown. Quiet mode reports only
 * the failures.
 */
@ApplicationScoped
public class S3MultiDelete {

    /** S3's limit of keys per DeleteObjects. */
    public static final int MAX_KEYS = 1000;

    @Inject
    S3Forwarder forwarder;

    Response run(S3Call c, InputStream body) throws IOException {
        Delete req;
        try {
            req = S3Xml.read(body, Delete.class);
        } catch (IllegalArgumentException e) {
            throw new S3Exception(S3Error.MalformedXML, e.getMessage());
        }
        if (req.objects.isEmpty() || req.objects.size() > MAX_KEYS) {
            throw new S3Exception(S3Error.MalformedXML, "Delete must name 1 to " + MAX_KEYS + " objects");
        }
        boolean quiet = Boolean.TRUE.equals(req.quiet);
        DeleteResult result = new DeleteResult();
        for (Delete.ObjectIdentifier o : req.objects) {
            String key = o.key == null ? "" : o.key;
            try {
                ObjectId id = S3Call.objectId(c.bucket(), key);
                forwarder.delete(id);
                if (!quiet) {
                    result.deleted.add(new DeleteResult.Deleted(key, o.versionId));
                }
            } catch (S3Exception e) {
                result.errors.add(new DeleteResult.Error(key, e.error().code(), e.getMessage()));
            } catch (AisException e) {
                S3Error err = S3ErrorResponses.fromReason(e);
                result.errors.add(new DeleteResult.Error(key, err.code(), e.getMessage()));
            }
        }
        return S3Responses.xml(result);
    }
}
