package net.aisj.connector.fs;

import static net.aisj.connector.fs.EngineFixture.FAST;
import static net.aisj.connector.fs.EngineFixture.id;
import static net.aisj.connector.fs.EngineFixture.random;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import net.aisj.connector.api.ChecksumType;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.PutOptions;
import net.aisj.connector.api.StorageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PutOptions#withMd5Etag()}: the S3 ETag is the MD5 of the content whatever the bucket's checksum type. */
class Md5EtagTest {

    @TempDir
    Path dir;

    EngineFixture fx;

    @BeforeEach
    void open() throws StorageException {
        fx = EngineFixture.open(dir.resolve("mp1"));
    }

    @AfterEach
    void close() {
        fx.close();
    }

    static String md5(byte[] b) throws Exception {
        return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b)) + "\"";
    }

    @Test
    void etagBesideXxhash() throws Exception {
        byte[] c = random(7, 300_001);
        ObjectStat st = fx.engine.put(
                id("e1"),
                new ByteArrayInputStream(c),
                FAST.withCustom(Map.of("k", "v")).withMd5Etag());
        assertThat(st.checksum().type()).isEqualTo(ChecksumType.XXHASH2);
        assertThat(st.custom()).containsEntry(PutOptions.ETAG, md5(c)).containsEntry("k", "v");
        assertThat(fx.engine.stat(id("e1")).orElseThrow().custom()).containsEntry(PutOptions.ETAG, md5(c));
    }

    @Test
    void etagOfMd5BucketAndEmptyObject() throws Exception {
        PutOptions md5Bucket = new PutOptions(ChecksumType.MD5, null, -1, Map.of(), true, false).withMd5Etag();
        ObjectStat st = fx.engine.put(id("e2"), new ByteArrayInputStream(new byte[0]), md5Bucket);
        assertThat(st.custom()).containsEntry(PutOptions.ETAG, md5(new byte[0]));
    }

    @Test
    void noEtagUnlessAsked() throws Exception {
        ObjectStat st = fx.engine.put(id("e3"), new ByteArrayInputStream(new byte[] {1}), FAST);
        assertThat(st.custom()).doesNotContainKey(PutOptions.ETAG);
    }
}
