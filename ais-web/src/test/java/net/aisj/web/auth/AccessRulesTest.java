package net.aisj.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import net.aisj.core.auth.Access;
import org.junit.jupiter.api.Test;

class AccessRulesTest {

    static long nat(String method, String path, String query, String action) {
        AccessRules.Need n = AccessRules.nativeCall(method, path, query, action);
        assertThat(n.open()).isFalse();
        return n.perms();
    }

    @Test
    void nativeObjectCallsNeedAisBits() {
        assertThat(nat("GET", "/v1/objects/b/o", null, null)).isEqualTo(Access.GET);
        assertThat(nat("HEAD", "/v1/objects/b/o", null, null)).isEqualTo(Access.HEAD_OBJECT);
        assertThat(nat("PUT", "/v1/objects/b/dir/o", "provider=ais", null)).isEqualTo(Access.PUT);
        assertThat(nat("PUT", "/v1/objects/b/o", "appendty=append", null)).isEqualTo(Access.APPEND);
        assertThat(nat("DELETE", "/v1/objects/b/o", null, null)).isEqualTo(Access.DELETE_OBJECT);
        assertThat(nat("POST", "/v1/objects/b/o", null, "rename-obj")).isEqualTo(Access.MOVE_OBJECT);
        AccessRules.Need n = AccessRules.nativeCall("GET", "/v1/objects/b/o", "provider=aws", null);
        assertThat(n.bucket()).isEqualTo("b");
        assertThat(n.provider()).isEqualTo("aws");
    }

    @Test
    void nativeBucketAndClusterCallsNeedAisBits() {
        assertThat(nat("GET", "/v1/buckets", null, null)).isEqualTo(Access.LIST_BUCKETS);
        assertThat(nat("GET", "/v1/buckets/b", null, "list")).isEqualTo(Access.LIST_OBJECTS);
        assertThat(nat("HEAD", "/v1/buckets/b", null, null)).isEqualTo(Access.HEAD_BUCKET);
        assertThat(nat("POST", "/v1/buckets/b", null, "create-bck")).isEqualTo(Access.CREATE_BUCKET);
        assertThat(nat("DELETE", "/v1/buckets/b", null, "destroy-bck")).isEqualTo(Access.DESTROY_BUCKET);
        assertThat(nat("DELETE", "/v1/buckets/b", null, "delete-listrange")).isEqualTo(Access.DELETE_OBJECT);
        assertThat(nat("PATCH", "/v1/buckets/b", null, null)).isEqualTo(Access.PATCH);
        assertThat(nat("GET", "/v1/cluster", "what=smap", null)).isEqualTo(Access.SHOW_CLUSTER);
        assertThat(nat("PUT", "/v1/cluster", null, null)).isEqualTo(Access.ADMIN);
        assertThat(nat("PUT", "/v1/etl", null, null)).isEqualTo(Access.ADMIN);
        assertThat(nat("DELETE", "/v1/tokens", null, null)).isEqualTo(Access.ADMIN);
        assertThat(AccessRules.nativeCall("GET", "/v1/health", null, null).open())
                .isTrue();
        assertThat(AccessRules.nativeCall("GET", "/v1/etl/_object/x/secret/ais/@#/b/o", null, null)
                        .open())
                .isTrue();
    }

    @Test
    void s3CallsNeedTheSameBits() {
        assertThat(AccessRules.s3Call("GET", "/", null).perms()).isEqualTo(Access.LIST_BUCKETS);
        assertThat(AccessRules.s3Call("PUT", "/b", null).perms()).isEqualTo(Access.CREATE_BUCKET);
        assertThat(AccessRules.s3Call("PUT", "/b", "versioning").perms()).isEqualTo(Access.PATCH);
        assertThat(AccessRules.s3Call("DELETE", "/b", null).perms()).isEqualTo(Access.DESTROY_BUCKET);
        assertThat(AccessRules.s3Call("GET", "/b", "list-type=2&prefix=a").perms())
                .isEqualTo(Access.LIST_OBJECTS);
        assertThat(AccessRules.s3Call("POST", "/b", "delete").perms()).isEqualTo(Access.DELETE_OBJECT);
        assertThat(AccessRules.s3Call("GET", "/b/k/x", null).perms()).isEqualTo(Access.GET);
        assertThat(AccessRules.s3Call("PUT", "/s3/b/k", null).bucket()).isEqualTo("b");
        assertThat(AccessRules.s3Call("DELETE", "/b/k", null).perms()).isEqualTo(Access.DELETE_OBJECT);
        assertThat(AccessRules.isAuthnPath("/authn/v1/users")).isTrue();
        assertThat(AccessRules.isAuthnPath("/authnx")).isFalse();
    }

    @Test
    void jobAndBatchCallsNeedWhatAisAssigns() {
        AccessRules.Need moss = AccessRules.nativeCall("GET", "/v1/ml/moss/imgs", "provider=ais", null);
        assertThat(moss.perms()).isEqualTo(Access.GET);
        assertThat(moss.bucket()).isEqualTo("imgs");
        // bucketless Get-Batch: a valid token here, each item's bucket is checked by the resource
        assertThat(nat("GET", "/v1/ml/moss", null, null)).isEqualTo(Access.NONE);
        assertThat(AccessRules.nativeCall("GET", "/v1/ml/moss", null, null).bucket())
                .isNull();
        assertThat(nat("POST", "/v1/download", null, null)).isEqualTo(Access.NONE);
        assertThat(nat("DELETE", "/v1/download/abort", null, null)).isEqualTo(Access.NONE);
        assertThat(nat("POST", "/v1/sort", null, null)).isEqualTo(Access.ADMIN);
        assertThat(nat("GET", "/v1/sort", null, null)).isEqualTo(Access.ADMIN);
        AccessRules.Need ev = AccessRules.nativeCall("GET", "/v1/events", "after=0&bucket=b1", null);
        assertThat(ev.perms()).isEqualTo(Access.LIST_OBJECTS);
        assertThat(ev.bucket()).isEqualTo("b1");
        assertThat(AccessRules.nativeCall("GET", "/v1/events", "after=0", null).bucket())
                .isNull();
        assertThat(nat("GET", "/v1/whatever", null, null)).isEqualTo(Access.ADMIN);
    }

    @Test
    void copySourceNamesTheBucketRead() {
        assertThat(AccessRules.copySourceBucket("/src/a/b.txt")).isEqualTo("src");
        assertThat(AccessRules.copySourceBucket("src/k?versionId=3")).isEqualTo("src");
        assertThat(AccessRules.copySourceBucket("my%2Dbucket/k")).isEqualTo("my-bucket");
        assertThat(AccessRules.copySourceBucket("/")).isNull();
        assertThat(AccessRules.copySourceBucket(null)).isNull();
    }
}
