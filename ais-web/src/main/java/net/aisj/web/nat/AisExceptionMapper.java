package net.aisj.web.nat;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.aisj.core.AisException;
import net.aisj.service.LocalNode;
import net.aisj.web.s3.error.S3ErrorResponses;

/** Domain errors to AIS JSON errors. Client errors are not logged with stack traces; server errors are. */
@Provider
public class AisExceptionMapper implements ExceptionMapper<AisException> {

    private static final Logger LOG = Logger.getLogger(AisExceptionMapper.class.getName());

    @Context
    HttpServletRequest request;

    @Inject
    LocalNode node;

    @Override
    public Response toResponse(AisException e) {
        if (S3ErrorResponses.isS3(request)) {
            return S3ErrorResponses.toResponse(e, request);
        }
        int status = e instanceof net.aisj.core.etl.TransformException te ? te.status() : AisErrors.status(e.kind());
        if (status >= 500) {
            LOG.log(
                    Level.WARNING,
                    request.getMethod() + " " + request.getRequestURI() + ": " + e.getMessage(),
                    e.getCause());
        }
        return AisErrors.response(
                status,
                e.getMessage(),
                request,
                node.self() == null ? "" : node.self().id());
    }
}
