package net.aisj.backend.ht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class HttpOriginTest {

    @Test
    void theBucketIsTheDirectoryOfTheUrlNamedByItsHash() {
        HttpOrigin o = HttpOrigin.of("http://host:8080/a/b/c/imagenet/train-000001.tar");
        assertThat(o.base()).isEqualTo("http://host:8080/a/b/c/imagenet/");
        assertThat(o.object()).isEqualTo("train-000001.tar");
        assertThat(o.bucket()).isEqualTo(HttpOrigin.bucketOf("http://host:8080/a/b/c/imagenet/"));
        // the same directory, another object and scheme: the same bucket (AIS hashes host + path only)
        assertThat(HttpOrigin.of("https://host:8080/a/b/c/imagenet/x").bucket()).isEqualTo(o.bucket());
        assertThat(HttpOrigin.of("http://host:8080/a/b/other/x").bucket()).isNotEqualTo(o.bucket());
        // base64url of the hex digest: a valid bucket name, decodable to hex
        String hex = new String(Base64.getUrlDecoder().decode(o.bucket()), StandardCharsets.US_ASCII);
        assertThat(hex).matches("[0-9a-f]{1,16}");
        assertThat(o.bucket()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void objectNamesAreDecoded() {
        assertThat(HttpOrigin.of("http://h/d/a%20b%2Bc.bin").object()).isEqualTo("a b+c.bin");
        assertThat(HttpOrigin.of("http://h/top.bin").base()).isEqualTo("http://h/");
    }

    @Test
    void refusesWhatIsNotAnObjectUrl() {
        assertThatThrownBy(() -> HttpOrigin.of("ftp://h/x")).hasMessageContaining("invalid original_url");
        assertThatThrownBy(() -> HttpOrigin.of("http://h/dir/")).hasMessageContaining("names no object");
        assertThatThrownBy(() -> HttpOrigin.of("http://h/x?y=1")).hasMessageContaining("no query");
        assertThatThrownBy(() -> HttpOrigin.of("not a url")).hasMessageContaining("invalid original_url");
    }
}
