package net.aisj.web.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void resolvesTheForms() throws Exception {
        assertThat(ByteRange.parse(null, 100)).isNull();
        assertThat(ByteRange.parse("bytes=0-0", 100)).isEqualTo(new ByteRange(0, 1));
        assertThat(ByteRange.parse("bytes=10-19", 100)).isEqualTo(new ByteRange(10, 10));
        assertThat(ByteRange.parse("bytes=90-", 100)).isEqualTo(new ByteRange(90, 10));
        assertThat(ByteRange.parse("bytes=-5", 100)).isEqualTo(new ByteRange(95, 5));
        assertThat(ByteRange.parse("bytes=-500", 100)).isEqualTo(new ByteRange(0, 100));
        assertThat(ByteRange.parse("bytes=50-1000", 100)).isEqualTo(new ByteRange(50, 50));
        assertThat(ByteRange.parse("BYTES=1-2", 100).contentRange(100)).isEqualTo("bytes 1-2/100");
    }

    @Test
    void unsatisfiableAndMalformed() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=100-", 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=0-", 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=5-1", 100)).isInstanceOf(ByteRange.Malformed.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=a-b", 100)).isInstanceOf(ByteRange.Malformed.class);
        assertThatThrownBy(() -> ByteRange.parse("items=0-1", 100)).isInstanceOf(ByteRange.Malformed.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=0-1,5-6", 100)).isInstanceOf(ByteRange.Malformed.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=-", 100)).isInstanceOf(ByteRange.Malformed.class);
    }
}
