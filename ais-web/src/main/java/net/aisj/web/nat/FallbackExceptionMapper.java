package net.aisj.web.nat;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.aisj.service.LocalNode;
import net.aisj.web.s3.error.S3ErrorResponses;

/**
 * Everything else in AIS's error format: JAX-RS errors (unknown path 404, wrong method 405, ...) keep their status;
 * unexpected failures are 500 and logged with their cause.
 */
@Provider
public class FallbackExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(FallbackExceptionMapper.class.getName());

    @Context
    HttpServletRequest request;

    @Inject
    LocalNode node;

    @Override
    public Response toResponse(Throwable e) {
        if (S3ErrorResponses.isS3(request)) {
            return S3ErrorResponses.toResponse(e, request);
        }
        int status;
        String message;
        if (e instanceof WebApplicationException w) {
            status = w.getResponse().getStatus();
            message = status == 404
                    ? "invalid path: " + request.getRequestURI()
                    : status == 405
                            ? "method " + request.getMethod() + " not allowed on " + request.getRequestURI()
                            : w.getMessage();
        } else if (e instanceof IllegalArgumentException) {
            status = 400;
            message = e.getMessage();
        } else {
            status = 500;
            message = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.log(Level.WARNING, request.getMethod() + " " + request.getRequestURI() + " failed", e);
        }
        return AisErrors.response(
                status, message, request, node.self() == null ? "" : node.self().id());
    }
}
