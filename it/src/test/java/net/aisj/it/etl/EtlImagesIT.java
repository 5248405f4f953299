package net.aisj.it.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.Resp;
import org.junit.jupiter.api.Test;

/**
 * A spec that names only an image (as AIS's published transformers' specs do) runs through the node's image table
 * ({@code ais.etl.images}); an image the table does not map is refused. Its own node, started with the table.
 */
class EtlImagesIT {

    @Test
    void anImageTheTableMapsRunsItsCommand() throws Exception {
        Path table = Files.createDirectories(ItEnv.workDir()).resolve("etl-images-" + ItEnv.randomHex(4) + ".txt");
        Files.writeString(
                table,
                "# test table\naistorage/transformer_upper:* python3 " + Transformers.script() + " --port 8000\n",
                StandardCharsets.UTF_8);
        try (NodeProcess n = NodeProcess.start("etlimages", 1, "-Xmx256m", "-Dais.etl.images=" + table)) {
            AisClient ais = new AisClient(n.baseUrl());
            String b = ItEnv.bucketName("etlimg");
            ais.createBucket(b).expect(200);
            ais.put(b, "o.txt", "abc".getBytes(StandardCharsets.UTF_8)).expect(200);
            String etl = Transformers.name("image");
            String spec = "{\"name\":\"" + etl + "\",\"init_timeout\":\"1m\",\"runtime\":{\"image\":"
                    + "\"aistorage/transformer_upper:latest\",\"env\":[{\"name\":\"TRANSFORM\",\"value\":\"upper\"}]}}";
            Resp r = Transformers.init(ais, spec);
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            assertThat(ais.send("GET", AisClient.objPath(b, "o.txt") + "?etl_name=" + etl)
                            .expect(200)
                            .text())
                    .isEqualTo("ABC");
            Resp unmapped = Transformers.init(
                    ais,
                    "{\"name\":\"" + Transformers.name("image")
                            + "\",\"runtime\":{\"image\":\"aistorage/transformer_md5:latest\"}}");
            assertThat(unmapped.status()).isEqualTo(400);
            assertThat(unmapped.json().getString("message")).contains("ais.etl.images");
        }
    }
}
