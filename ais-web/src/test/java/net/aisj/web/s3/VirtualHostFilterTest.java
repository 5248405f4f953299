package net.aisj.web.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualHostFilterTest {

    private final List<String> domains = VirtualHostFilter.parse(" s3.example.com, S3.Local ");

    @Test
    void bucketFromHost() {
        assertThat(VirtualHostFilter.bucketOf("photos.s3.example.com", domains)).isEqualTo("photos");
        assertThat(VirtualHostFilter.bucketOf("Photos.S3.Example.com:9000", domains))
                .isEqualTo("photos");
        assertThat(VirtualHostFilter.bucketOf("my.dotted.bucket.s3.local:80", domains))
                .isEqualTo("my.dotted.bucket");
    }

    @Test
    void otherHostsArePathStyle() {
        assertThat(VirtualHostFilter.bucketOf("s3.example.com", domains)).isNull();
        assertThat(VirtualHostFilter.bucketOf("127.0.0.1:8080", domains)).isNull();
        assertThat(VirtualHostFilter.bucketOf("photos.example.com", domains)).isNull();
        assertThat(VirtualHostFilter.bucketOf(null, domains)).isNull();
        assertThat(VirtualHostFilter.bucketOf("[::1]:8080", domains)).isNull();
    }
}
