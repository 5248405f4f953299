package net.aisj.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.aisj.core.RemoteAis;
import net.aisj.core.RemoteAisList;
import org.junit.jupiter.api.Test;

class RemoteAisJsonTest {

    @Test
    void theAttachmentsDocumentRoundTrips() {
        RemoteAisList a = new RemoteAisList(
                3, List.of(new RemoteAis("one", "http://h:1/", "u1"), new RemoteAis("two", "https://h:2", "")));
        RemoteAisList back = RemoteAisJson.attachedOf(RemoteAisJson.attachedText(a));
        assertThat(back).isEqualTo(a);
        assertThat(back.clusters().get(0).url()).isEqualTo("http://h:1");
        assertThatThrownBy(() -> RemoteAisJson.attachedOf("{}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsAListingPageAndABucketList() {
        String page = "{\"uuid\":\"x\",\"continuation_token\":\"b\",\"entries\":[{\"name\":\"a\",\"size\":5,"
                + "\"checksum\":\"ff\",\"version\":\"2\"},{\"name\":\"b\"}],\"flags\":0}";
        RemoteAisJson.LsoPage p =
                RemoteAisJson.lsoPage(new ByteArrayInputStream(page.getBytes(StandardCharsets.UTF_8)));
        assertThat(p.token()).isEqualTo("b");
        assertThat(p.entries())
                .containsExactly(
                        new RemoteAisJson.LsoEntry("a", 5, "ff", "2"), new RemoteAisJson.LsoEntry("b", 0, "", ""));
        String buckets = "[{\"name\":\"g\",\"provider\":\"ais\",\"namespace\":{\"uuid\":\"\",\"name\":\"\"}},"
                + "{\"name\":\"r\",\"provider\":\"ais\",\"namespace\":{\"uuid\":\"other\",\"name\":\"\"}}]";
        assertThat(RemoteAisJson.globalBucketNames(buckets)).containsExactly("g");
        assertThat(RemoteAisJson.errorMessage("{\"message\":\"no\",\"status\":404}"))
                .isEqualTo("no");
        assertThat(RemoteAisJson.errorMessage("plain")).isEqualTo("plain");
        assertThat(RemoteAisJson.smapUuid("{\"uuid\":\"abc\"}")).isEqualTo("abc");
    }
}
