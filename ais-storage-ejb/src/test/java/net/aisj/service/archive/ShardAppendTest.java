package net.aisj.service.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;
import net.aisj.service.BytesReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Appending to shards (tar by raw prefix copy, the others member by member) and the reader-backed channel. */
class ShardAppendTest {

    /** An object held in memory. */
    static ObjectReader reader(byte[] b) {
        ObjectStat s = new ObjectStat("s", b.length, null, "1", 0, 0, Map.of(), null, List.of());
        return new BytesReader(s, b);
    }

    @ParameterizedTest
    @EnumSource(ArchiveFormat.class)
    void appendKeepsTheOldMembersFirst(ArchiveFormat f) throws IOException {
        Map<String, byte[]> first = ArchiveFormatsTest.sample();
        byte[] old = ArchiveFormatsTest.write(f, first);
        ShardWriter w = new ShardWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] added = "appended".getBytes(StandardCharsets.UTF_8);
        try (ArchiveSink sink =
                w.carryOver(new ObjectId(new BucketId("ais", "", "b"), "s" + f.ext()), f, reader(old), out)) {
            sink.add("new/one.txt", added.length, 0, new ByteArrayInputStream(added));
            sink.finish();
        }
        Map<String, byte[]> got = ArchiveFormatsTest.read(f, out.toByteArray(), f.randomAccess());
        assertThat(got.keySet()).containsSequence(first.keySet()).endsWith("new/one.txt");
        assertThat(got.get("new/one.txt")).isEqualTo(added);
        assertThat(got.get("a/0002.jpg")).isEqualTo(first.get("a/0002.jpg"));
    }

    @Test
    void tarDataEndIsBeforeTheTrailer() throws IOException {
        byte[] tar = ArchiveFormatsTest.write(ArchiveFormat.TAR, Map.of("x", new byte[700]));
        long end = ShardWriter.tarDataEnd(reader(tar));
        assertThat(end).isEqualTo(512 + 1024);
        assertThat(tar.length).isGreaterThan((int) end + 1023);
        for (int i = (int) end; i < end + 1024; i++) {
            assertThat(tar[i]).isZero();
        }
    }

    @Test
    void readerChannelReadsAtPositions() throws IOException {
        byte[] b = new byte[1000];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) i;
        }
        ReaderChannel ch = new ReaderChannel(reader(b));
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(10);
        ch.position(995);
        assertThat(ch.read(buf)).isEqualTo(5);
        assertThat(buf.get(0)).isEqualTo((byte) 995);
        buf.clear();
        assertThat(ch.read(buf)).isEqualTo(-1);
        assertThat(ch.size()).isEqualTo(1000);
    }
}
