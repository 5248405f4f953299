package net.aisj.web.s3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import net.aisj.web.s3.error.S3Error;
import net.aisj.web.s3.error.S3Exception;

/** Multipart uploads: not implemented yet (every call answers NotImplemented). */
@ApplicationScoped
public class S3Multipart {

    Response create(S3Call c) {
        throw unsupported();
    }

    Response uploadPart(S3Call c) {
        throw unsupported();
    }

    Response complete(S3Call c) {
        throw unsupported();
    }

    Response abort(S3Call c) {
        throw unsupported();
    }

    Response listParts(S3Call c) {
        throw unsupported();
    }

    Response listUploads(S3Call c) {
        throw unsupported();
    }

    private static S3Exception unsupported() {
        return new S3Exception(S3Error.NotImplemented, "multipart uploads are not supported yet");
    }
}
