package net.aisj.web.nat.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import net.aisj.core.AisException;
import net.aisj.service.archive.ArchiveFormat;
import net.aisj.service.archive.MossReq;
import org.junit.jupiter.api.Test;

class ArchiveJsonTest {

    static JsonObject json(String s) {
        try (var r = Json.createReader(new StringReader(s))) {
            return r.readObject();
        }
    }

    @Test
    void parsesItemsFlagsAndFormat() {
        MossReq r = ArchiveJson.getBatch(json("""
                {"in":[{"objname":"a.jpg"},{"objname":"s.tar","bucket":"b2","archpath":"x/1.cls","opaque":"AQI="}],
                 "mime":".tar.lz4","coer":true,"onob":false,"strm":true,"coloc":1}"""));
        assertThat(r.in()).hasSize(2);
        assertThat(r.format()).isEqualTo(ArchiveFormat.TAR_LZ4);
        assertThat(r.continueOnErr()).isTrue();
        assertThat(r.onlyObjName()).isFalse();
        assertThat(r.streaming()).isTrue();
        assertThat(r.in().get(1)).isEqualTo(new MossReq.In("s.tar", "b2", "", "x/1.cls", "AQI="));
    }

    @Test
    void namesInTheArchive() {
        MossReq.In plain = new MossReq.In("a/b.jpg", "", "", "", "");
        MossReq.In member = new MossReq.In("s.tar", "b2", "", "x/1.cls", "");
        assertThat(plain.nameInArchive("b1", false)).isEqualTo("b1/a/b.jpg");
        assertThat(plain.nameInArchive("b1", true)).isEqualTo("a/b.jpg");
        assertThat(member.nameInArchive("b1", false)).isEqualTo("b2/s.tar/x/1.cls");
        assertThat(member.nameInArchive("b1", true)).isEqualTo("s.tar/x/1.cls");
    }

    @Test
    void defaultsToTar() {
        assertThat(ArchiveJson.getBatch(json("{\"in\":[{\"objname\":\"a\"}]}")).format())
                .isEqualTo(ArchiveFormat.TAR);
    }

    @Test
    void rejectsBadRequests() {
        for (String bad : new String[] {
            "{}",
            "{\"in\":[]}",
            "{\"in\":[1]}",
            "{\"in\":[{\"objname\":\"\"}]}",
            "{\"in\":[{\"objname\":\"a\",\"archpath\":\"../x\"}]}",
            "{\"in\":[{\"objname\":\"a\"}],\"mime\":\".rar\"}",
            // ranges AIS refuses: length 0 with a start, a negative start, a length below -1
            "{\"in\":[{\"objname\":\"a\",\"start\":5,\"length\":0}]}",
            "{\"in\":[{\"objname\":\"a\",\"start\":-1,\"length\":2}]}",
            "{\"in\":[{\"objname\":\"a\",\"start\":0,\"length\":-2}]}"
        }) {
            assertThatThrownBy(() -> ArchiveJson.getBatch(json(bad)))
                    .as(bad)
                    .isInstanceOf(AisException.class)
                    .satisfies(e -> assertThat(((AisException) e).kind()).isEqualTo(AisException.Kind.BAD_REQUEST));
        }
    }
}
