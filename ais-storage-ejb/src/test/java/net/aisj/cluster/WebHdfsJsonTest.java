package net.aisj.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebHdfsJsonTest {

    private static InputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aListingBatchAndWhatRemains() {
        WebHdfsJson.Batch b = WebHdfsJson.listBatch(in("{\"DirectoryListing\":{\"partialListing\":{\"FileStatuses\":"
                + "{\"FileStatus\":[{\"pathSuffix\":\"a\",\"type\":\"DIRECTORY\",\"length\":0,\"modificationTime\":5},"
                + "{\"pathSuffix\":\"b\",\"type\":\"FILE\",\"length\":3,\"modificationTime\":7}]}},"
                + "\"remainingEntries\":12}}"));
        assertThat(b.entries())
                .containsExactly(new WebHdfsJson.Status("a", true, 0, 5), new WebHdfsJson.Status("b", false, 3, 7));
        assertThat(b.remaining()).isEqualTo(12);
    }

    @Test
    void userXattrsDecodedAndOtherNamespacesLeftOut() {
        assertThat(WebHdfsJson.userXattrs(in("{\"XAttrs\":[{\"name\":\"user.origin\",\"value\":\"0sY2FtZXJhLTcgw7w=\"},"
                        + "{\"name\":\"trusted.x\",\"value\":\"0sAA==\"},{\"name\":\"user.empty\",\"value\":null}]}")))
                .containsExactly(java.util.Map.entry("origin", "camera-7 ü"));
        assertThat(WebHdfsJson.userXattrs(in("{}"))).isEmpty();
    }
}
