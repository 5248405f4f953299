package net.aisj.web.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiOperationTest {

    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {
                // method, path, query, api, op, bucket
                "GET,    /v1/objects/b/a/c.txt, null,                  native, get,    b",
                "PUT,    /v1/objects/b/o,       null,                  native, put,    b",
                "PUT,    /v1/objects/b/o,       append_type=append,    native, append, b",
                "HEAD,   /v1/objects/b/o,       props=size,            native, head,   b",
                "DELETE, /v1/objects/b/o,       null,                  native, del,    b",
                "POST,   /v1/objects/b/o,       null,                  native, ren,    b",
                "GET,    /v1/buckets/b,         null,                  native, lst,    b",
                "GET,    /v1/buckets,           null,                  native, other,  ''",
                "PUT,    /v1/cluster,           null,                  native, other,  ''",
                "GET,    /b/k,                  null,                  s3,     get,    b",
                "GET,    /s3/b/k/x,             null,                  s3,     get,    b",
                "PUT,    /b/k,                  partNumber=1&uploadId=u, s3,   put,    b",
                "GET,    /b/k,                  uploadId=u,            s3,     other,  b",
                "DELETE, /b/k,                  null,                  s3,     del,    b",
                "GET,    /b,                    list-type=2,           s3,     lst,    b",
                "GET,    /b,                    versioning,            s3,     other,  b",
                "POST,   /b,                    delete,                s3,     other,  b",
                "GET,    /,                     null,                  s3,     other,  ''",
                "GET,    /s3,                   null,                  s3,     other,  ''",
            })
    void classifies(String method, String path, String query, String api, String op, String bucket) {
        assertThat(ApiOperation.classify(method, path, query)).isEqualTo(new ApiOperation(api, op, bucket));
    }

    @ParameterizedTest
    @CsvSource({"/v1/intra/objects/b/o", "/v1/health"})
    void intraClusterCallsAndTheHealthProbeAreNotCounted(String path) {
        assertThat(ApiOperation.classify("GET", path, null)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "get_count, get.n",
        "err_get_count, err.get.n",
        "put_bytes, put.size",
        "get_ns, get.ns.total",
        "xact_started_count, xact.started.n"
    })
    void publicNamesMapToAisInternalNames(String pub, String internal) {
        assertThat(RequestMetrics.aisName(pub)).isEqualTo(internal);
    }
}
