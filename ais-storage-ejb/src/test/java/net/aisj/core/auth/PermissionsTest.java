package net.aisj.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PermissionsTest {

    static final String CLU = "clu-1";
    static final Optional<Permissions.Target> IMAGENET =
            Optional.of(new Permissions.Target("ais", "imagenet", Access.ALL));

    static Optional<Claims> claims(boolean admin, List<ClusterAcl> c, List<BucketAcl> b) {
        return Optional.of(new Claims("u", Long.MAX_VALUE, admin, c, b));
    }

    static void allowed(Optional<Claims> c, Optional<Permissions.Target> b, long perms) {
        assertThatCode(() -> Permissions.check(c, CLU, b, perms)).doesNotThrowAnyException();
    }

    static void denied(Optional<Claims> c, Optional<Permissions.Target> b, long perms) {
        assertThatThrownBy(() -> Permissions.check(c, CLU, b, perms))
                .isInstanceOfSatisfying(
                        AuthException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void wellKnownMasksHaveAisValues() {
        assertThat(Access.RO).isEqualTo(771);
        assertThat(Access.RW).isEqualTo(831);
        assertThat(Access.BUCKET_ADMIN).isEqualTo(3200);
        assertThat(Access.CLUSTER_RO).isEqualTo(12288);
        assertThat(Access.CLUSTER_RW).isEqualTo(126976);
        assertThat(Access.ADMIN).isEqualTo(131072);
        assertThat(Access.format(Access.ALL)).isEqualTo("18446744073709551615");
        assertThat(Access.parse("18446744073709551615")).isEqualTo(Access.ALL);
        assertThatThrownBy(() -> Access.parse("-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readOnlyClusterAclReadsButCannotWrite() {
        var ro = claims(false, List.of(new ClusterAcl(CLU, Access.RO | Access.CLUSTER_RO)), List.of());
        allowed(ro, IMAGENET, Access.GET);
        allowed(ro, IMAGENET, Access.LIST_OBJECTS);
        allowed(ro, Optional.empty(), Access.LIST_BUCKETS);
        denied(ro, IMAGENET, Access.PUT);
        denied(ro, IMAGENET, Access.DELETE_OBJECT);
        denied(ro, Optional.empty(), Access.CREATE_BUCKET);
        denied(ro, Optional.empty(), Access.ADMIN);
    }

    @Test
    void anotherClustersAclGivesNothingButTheDefaultAclApplies() {
        denied(claims(false, List.of(new ClusterAcl("other", Access.ALL)), List.of()), IMAGENET, Access.GET);
        allowed(claims(false, List.of(new ClusterAcl("", Access.RO)), List.of()), IMAGENET, Access.GET);
        // an own ACL wins over the default one
        denied(
                claims(false, List.of(new ClusterAcl("", Access.ALL), new ClusterAcl(CLU, Access.RO)), List.of()),
                IMAGENET,
                Access.PUT);
    }

    @Test
    void bucketAclDecidesAloneForItsBucket() {
        var scoped = claims(
                false,
                List.of(new ClusterAcl(CLU, Access.CLUSTER_RO)),
                List.of(new BucketAcl("ais", "imagenet", CLU, "", Access.RW)));
        allowed(scoped, IMAGENET, Access.PUT);
        denied(scoped, Optional.of(new Permissions.Target("ais", "other", Access.ALL)), Access.GET);
        // a bucket ACL narrower than the cluster ACL restricts
        var narrow = claims(
                false,
                List.of(new ClusterAcl(CLU, Access.ALL)),
                List.of(new BucketAcl("ais", "imagenet", "", "", Access.RO)));
        denied(narrow, IMAGENET, Access.PUT);
        allowed(narrow, Optional.of(new Permissions.Target("ais", "other", Access.ALL)), Access.PUT);
    }

    @Test
    void adminPassesAclsButNotTheBucketMaskExceptPatch() {
        var admin = claims(true, List.of(), List.of());
        allowed(admin, IMAGENET, Access.DELETE_OBJECT);
        allowed(admin, Optional.empty(), Access.ADMIN);
        var readOnlyBucket = Optional.of(new Permissions.Target("ais", "imagenet", Access.RO));
        denied(admin, readOnlyBucket, Access.PUT);
        allowed(admin, readOnlyBucket, Access.PATCH | Access.SET_BUCKET_ACL);
    }

    @Test
    void withAuthOffOnlyTheBucketMaskLimitsWrites() {
        var readOnlyBucket = Optional.of(new Permissions.Target("ais", "imagenet", Access.RO));
        allowed(Optional.empty(), readOnlyBucket, Access.GET);
        allowed(Optional.empty(), readOnlyBucket, Access.PATCH);
        denied(Optional.empty(), readOnlyBucket, Access.PUT);
        denied(Optional.empty(), readOnlyBucket, Access.DELETE_OBJECT);
        allowed(Optional.empty(), IMAGENET, Access.DELETE_OBJECT);
        allowed(Optional.empty(), Optional.empty(), Access.ADMIN);
    }

    @Test
    void claimsOfAUserMergeItsRoles() {
        Role ro = new Role("ro", "", List.of(new ClusterAcl(CLU, Access.RO)), List.of(), false);
        Role put = new Role(
                "put",
                "",
                List.of(new ClusterAcl(CLU, Access.PUT)),
                List.of(new BucketAcl("ais", "b", CLU, "", Access.GET)),
                false);
        Claims c = Claims.of(new User("u", "", List.of(ro, put), List.of()), 100);
        assertThat(c.clusters()).containsExactly(new ClusterAcl(CLU, Access.RO | Access.PUT));
        assertThat(c.buckets()).hasSize(1);
        assertThat(c.admin()).isFalse();
    }

    @Test
    void allowedAnswersWhatCheckWouldLetThrough() {
        var ro = claims(false, List.of(new ClusterAcl(CLU, Access.RO | Access.CLUSTER_RO)), List.of());
        var scoped = claims(
                false,
                List.of(new ClusterAcl(CLU, Access.LIST_BUCKETS)),
                List.of(new BucketAcl("ais", "imagenet", CLU, "", Access.RW)));
        var admin = claims(true, List.of(), List.of());
        var readOnlyBucket = Optional.of(new Permissions.Target("ais", "frozen", Access.RO));
        var other = Optional.of(new Permissions.Target("ais", "other", Access.ALL));
        for (var c : List.of(ro, scoped, admin, Optional.<Claims>empty())) {
            for (var b : List.of(IMAGENET, readOnlyBucket, other, Optional.<Permissions.Target>empty())) {
                long bits = Permissions.allowed(c, CLU, b);
                for (int i = 0; i < 18; i++) {
                    long bit = 1L << i;
                    if ((bits & bit) != 0) {
                        allowed(c, b, bit);
                    } else {
                        denied(c, b, bit);
                    }
                }
            }
        }
        assertThat(Permissions.allowed(ro, CLU, IMAGENET) & Access.DESTROY_BUCKET)
                .isZero();
        assertThat(Permissions.allowed(scoped, CLU, other) & Access.BUCKET_BITS).isZero();
        assertThat(Permissions.allowed(admin, CLU, IMAGENET)).isEqualTo(Permissions.DEFINED_BITS);
    }
}
