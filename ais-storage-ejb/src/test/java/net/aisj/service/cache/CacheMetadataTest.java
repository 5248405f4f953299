package net.aisj.service.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.aisj.backend.RemoteObject;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ObjectStat;
import org.junit.jupiter.api.Test;

class CacheMetadataTest {

    @Test
    void identityComparesVersionIdFirstThenEtag() {
        RemoteObject etagOnly = new RemoteObject("o", 3, "\"abc\"", null, 0, null);
        RemoteObject versioned = new RemoteObject("o", 3, "abc", "v7", 0, null);
        assertThat(etagOnly.identity()).isEqualTo("e:abc");
        assertThat(versioned.identity()).isEqualTo("v:v7");
        ObjectStat cachedEtag = stat(Map.of("ETag", "\"abc\""));
        ObjectStat cachedVersion = stat(Map.of("ETag", "\"abc\"", CacheService.REMOTE_VERSION, "v7"));
        assertThat(CacheService.identity(cachedEtag)).isEqualTo(etagOnly.identity());
        assertThat(CacheService.identity(cachedVersion)).isEqualTo(versioned.identity());
        assertThat(CacheService.identity(stat(Map.of("ETag", "\"abd\"")))).isNotEqualTo(etagOnly.identity());
    }

    @Test
    void onlyASinglePartEtagIsAnMd5() {
        assertThat(new RemoteObject("o", 1, "\"0CC175B9C0F1B6A831C399E269772661\"", "", 0, null).md5())
                .isEqualTo("0cc175b9c0f1b6a831c399e269772661");
        assertThat(new RemoteObject("o", 1, "0cc175b9c0f1b6a831c399e269772661-2", "", 0, null).md5())
                .isNull();
        assertThat(new RemoteObject("o", 1, "6b06179c-12", "", 0, null).md5()).isNull();
    }

    @Test
    void writeThroughSendsUserMetadataNotS3Headers() {
        assertThat(CacheService.remoteMetadata(Map.of(
                        "s3:x-amz-meta-color",
                        "red",
                        "s3:content-type",
                        "text/plain",
                        "owner",
                        "ml-team",
                        "bad key",
                        "x")))
                .isEqualTo(Map.of("color", "red", "owner", "ml-team"));
    }

    private static ObjectStat stat(Map<String, String> custom) {
        return new ObjectStat("o", 3, Checksum.NONE, "1", 0, 0, custom, "/mp", List.of("/mp"));
    }
}
