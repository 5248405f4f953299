package net.aisj.service.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Writing and reading every format, sequentially and with random access. */
class ArchiveFormatsTest {

    static Map<String, byte[]> sample() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("a/0001.jpg", "jpeg-1".getBytes(StandardCharsets.UTF_8));
        m.put("a/0001.cls", "7".getBytes(StandardCharsets.UTF_8));
        m.put("a/0002.jpg", new byte[300_000]);
        m.put("empty.txt", new byte[0]);
        m.put("d/" + "x".repeat(150) + "/long-name.bin", "long".getBytes(StandardCharsets.UTF_8));
        return m;
    }

    static byte[] write(ArchiveFormat f, Map<String, byte[]> members) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArchiveSink sink = new ArchiveSink(f, out)) {
            for (var e : members.entrySet()) {
                sink.add(e.getKey(), e.getValue().length, 1_700_000_000_000L, new ByteArrayInputStream(e.getValue()));
            }
            sink.finish();
            assertThat(sink.members()).isEqualTo(members.size());
        }
        return out.toByteArray();
    }

    static Map<String, byte[]> read(ArchiveFormat f, byte[] archive, boolean random) throws IOException {
        Map<String, byte[]> got = new LinkedHashMap<>();
        SeekableByteChannel ch = random ? new SeekableInMemoryByteChannel(archive) : null;
        InputStream in = new ByteArrayInputStream(archive);
        try (MemberCursor c = MemberCursor.open(f, in, ch)) {
            while (c.next()) {
                try (InputStream m = c.open()) {
                    byte[] b = m.readAllBytes();
                    if (c.size() >= 0) {
                        assertThat(b).hasSize((int) c.size());
                    }
                    got.put(c.name(), b);
                }
            }
        }
        return got;
    }

    @ParameterizedTest
    @EnumSource(ArchiveFormat.class)
    void roundTripsSequentially(ArchiveFormat f) throws IOException {
        Map<String, byte[]> want = sample();
        Map<String, byte[]> got = read(f, write(f, want), false);
        assertThat(got.keySet()).containsExactlyElementsOf(want.keySet());
        want.forEach((k, v) -> assertThat(got.get(k)).as(k).isEqualTo(v));
    }

    @ParameterizedTest
    @EnumSource(ArchiveFormat.class)
    void roundTripsWithRandomAccess(ArchiveFormat f) throws IOException {
        Map<String, byte[]> want = sample();
        Map<String, byte[]> got = read(f, write(f, want), true);
        assertThat(got.keySet()).containsExactlyElementsOf(want.keySet());
        want.forEach((k, v) -> assertThat(got.get(k)).as(k).isEqualTo(v));
    }

    @Test
    void randomAccessZipKnowsSizesBeforeReading() throws IOException {
        byte[] zip = write(ArchiveFormat.ZIP, sample());
        List<Long> sizes = new ArrayList<>();
        try (MemberCursor c = MemberCursor.open(
                ArchiveFormat.ZIP, InputStream.nullInputStream(), new SeekableInMemoryByteChannel(zip))) {
            while (c.next()) {
                sizes.add(c.size());
            }
        }
        assertThat(sizes).containsExactly(6L, 1L, 300_000L, 0L, 4L);
    }

    @Test
    void finishLeavesTheTargetOpen() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                throw new AssertionError("closed");
            }
        };
        try (ArchiveSink sink = new ArchiveSink(ArchiveFormat.TGZ, out)) {
            sink.addEmpty("__404__/b/o");
        }
        assertThat(read(ArchiveFormat.TGZ, out.toByteArray(), false)).containsOnlyKeys("__404__/b/o");
    }

    @Test
    void shortSourceFailsTheMember() {
        assertThatThrownBy(() -> {
                    try (ArchiveSink sink = new ArchiveSink(ArchiveFormat.TAR, new ByteArrayOutputStream())) {
                        sink.add("x", 10, 0, new ByteArrayInputStream(new byte[3]));
                    }
                })
                .isInstanceOf(IOException.class);
    }

    @Test
    void formatsByNameAndMime() {
        assertThat(ArchiveFormat.byName("s/shard-01.tar")).isEqualTo(ArchiveFormat.TAR);
        assertThat(ArchiveFormat.byName("x.TAR.GZ")).isEqualTo(ArchiveFormat.TGZ);
        assertThat(ArchiveFormat.byName("x.tgz")).isEqualTo(ArchiveFormat.TGZ);
        assertThat(ArchiveFormat.byName("x.tar.lz4")).isEqualTo(ArchiveFormat.TAR_LZ4);
        assertThat(ArchiveFormat.byName("x.zip")).isEqualTo(ArchiveFormat.ZIP);
        assertThat(ArchiveFormat.byName("x.lz4")).isNull();
        assertThat(ArchiveFormat.ofMime("tar.gz")).isEqualTo(ArchiveFormat.TGZ);
        assertThat(ArchiveFormat.of(".zip", "no-extension")).isEqualTo(ArchiveFormat.ZIP);
        assertThatThrownBy(() -> ArchiveFormat.ofMime(".rar")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArchiveFormat.of("", "plain.bin")).isInstanceOf(IllegalArgumentException.class);
    }
}
