package net.aisj.web.s3.error;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** {@link S3Exception} to the S3 XML error document (the native mappers send other failures on S3 routes here). */
@Provider
public class S3ExceptionMapper implements ExceptionMapper<S3Exception> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(S3Exception e) {
        return S3ErrorResponses.toResponse(e, request);
    }
}
