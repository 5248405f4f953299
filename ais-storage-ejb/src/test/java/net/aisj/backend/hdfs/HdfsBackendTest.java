package net.aisj.backend.hdfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import net.aisj.backend.BackendException;
import net.aisj.backend.HttpCalls;
import net.aisj.cluster.WebHdfsJson;
import org.junit.jupiter.api.Test;

class HdfsBackendTest {

    @Test
    void settingsNormaliseTheRootAndTheUrl() {
        HdfsSettings s = HdfsSettings.fromEnv(Map.of("AIS_HDFS_URL", "http://nn:9870/", "AIS_HDFS_ROOT", "data"));
        assertThat(s.url()).isEqualTo("http://nn:9870");
        assertThat(s.root()).isEqualTo("/data/");
        assertThat(HdfsSettings.fromEnv(Map.of("AIS_HDFS_URL", "http://nn:9870"))
                        .root())
                .isEqualTo("/");
    }

    @Test
    void anUnconfiguredNodeSaysWhatToSet() {
        assertThatThrownBy(() -> new HdfsBackend(HdfsSettings.fromEnv(Map.of()), new HttpCalls()))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("AIS_HDFS_URL");
    }

    @Test
    void webHdfsErrorsAreRead() {
        String[] e = WebHdfsJson.remoteException("{\"RemoteException\":{\"exception\":\"FileNotFoundException\","
                + "\"javaClassName\":\"java.io.FileNotFoundException\",\"message\":\"File does not exist: /a\"}}");
        assertThat(e).containsExactly("FileNotFoundException", "File does not exist: /a");
        assertThat(WebHdfsJson.remoteException("<html>bad gateway</html>")[1]).contains("bad gateway");
    }
}
