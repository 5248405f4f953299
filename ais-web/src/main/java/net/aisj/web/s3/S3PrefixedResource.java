package net.aisj.web.s3;

import jakarta.ws.rs.Path;

/** S3 path style under {@code /s3} ({@code /s3/{bucket}/{key}}), as AIS serves it. */
@Path("s3")
public class S3PrefixedResource extends S3Endpoints {

    @Override
    protected int leadingSegments() {
        return 1;
    }
}
