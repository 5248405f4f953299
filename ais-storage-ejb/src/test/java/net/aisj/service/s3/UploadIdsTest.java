package net.aisj.service.s3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UploadIdsTest {

    static final String LOCAL = "0123456789abcdef0123456789abcdef";

    @Test
    void roundTripsTheHolder() {
        for (String node : new String[] {"nafOhoap", "t-1_x", "节点"}) {
            String id = UploadIds.of(LOCAL, node);
            assertThat(id).matches("[0-9a-f-]+");
            assertThat(UploadIds.parse(id)).contains(new UploadIds.Ref(LOCAL, node));
        }
    }

    @Test
    void rejectsForeignIds() {
        for (String bad : new String[] {
            null,
            "",
            LOCAL,
            LOCAL + "-",
            LOCAL + "-6",
            LOCAL + "-zz",
            "../" + LOCAL + "-61",
            LOCAL.toUpperCase() + "-61"
        }) {
            assertThat(UploadIds.parse(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }
}
