package net.aisj.service.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageTableTest {

    static final String TEXT = "# AIS images run locally\n"
            + "aistorage/transformer_md5:latest  python3 /opt/md5/server.py --port 8000\n\n"
            + "aistorage/runtime_python:*   /opt/py/bin/uvicorn server:app --port $(AIS_ETL_PORT)\n"
            + "aistorage/runtime_python:3.11 never-reached\n";

    @Test
    void exactAndPrefixEntriesFirstMatchWins() {
        ImageTable t = ImageTable.parse(TEXT);
        assertThat(t.command("aistorage/transformer_md5:latest"))
                .hasValue(java.util.List.of("python3", "/opt/md5/server.py", "--port", "8000"));
        assertThat(t.command("aistorage/runtime_python:3.11"))
                .hasValueSatisfying(c -> assertThat(c).startsWith("/opt/py/bin/uvicorn"));
        assertThat(t.command("aistorage/transformer_md5:v2")).isEmpty();
    }

    @Test
    void aLineWithoutCommandIsRefused() {
        assertThatThrownBy(() -> ImageTable.parse("just-an-image\n")).hasMessageContaining("has no command");
    }
}
