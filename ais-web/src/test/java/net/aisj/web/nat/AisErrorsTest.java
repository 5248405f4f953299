package net.aisj.web.nat;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class AisErrorsTest {

    @Test
    void aHeaderValueIsAsciiAndStillTheSameJson() {
        String json = Json.createObjectBuilder()
                .add("message", "object ais://b/caf\u00e9 \u4e2d does not exist")
                .build()
                .toString();
        String h = AisErrors.headerValue(json);
        assertThat(h.chars()).allMatch(c -> c >= 0x20 && c <= 0x7e);
        assertThat(h).contains("caf\\u00e9 \\u4e2d");
        try (var r = Json.createReader(new StringReader(h))) {
            assertThat(r.readObject().getString("message")).isEqualTo("object ais://b/caf\u00e9 \u4e2d does not exist");
        }
    }
}
