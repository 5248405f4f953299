package net.aisj.web.s3;

import jakarta.ws.rs.Path;

/**
 * S3 path style at the root ({@code /{bucket}/{key}}). The native API's literal {@code v1/...} paths win over these
 * templates; the first segments in {@link S3BucketNames#RESERVED} are never buckets here.
 */
@Path("/")
public class S3RootResource extends S3Endpoints {

    @Override
    protected int leadingSegments() {
        return 0;
    }
}
