package net.aisj.connector.fs;

import static net.aisj.connector.fs.EngineFixture.FAST;
import static net.aisj.connector.fs.EngineFixture.id;
import static net.aisj.connector.fs.EngineFixture.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.PartInfo;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartStoreTest {

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
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    @Test
    void partsOutOfOrderReplacedThenCompletedInOrder() throws Exception {
        var id = id("mpu/obj");
        String up = fx.engine.createUpload(id, Map.of("s3:content-type", "text/x"));
        byte[] p1 = random(1, 200_000);
        byte[] p2 = random(2, 100_000);
        byte[] p3 = random(3, 10);
        PartInfo i3 = fx.engine.putPart(id, up, 3, new ByteArrayInputStream(p3), p3.length);
        fx.engine.putPart(id, up, 1, new ByteArrayInputStream(random(9, 5)), 5);
        PartInfo i1 = fx.engine.putPart(id, up, 1, new ByteArrayInputStream(p1), p1.length);
        fx.engine.putPart(id, up, 2, new ByteArrayInputStream(p2), -1);
        assertThat(i1.md5()).isEqualTo(md5(p1));
        assertThat(i3.size()).isEqualTo(10);
        assertThat(fx.engine.listParts(id, up))
                .extracting(PartInfo::number, PartInfo::size)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, 200_000L),
                        org.assertj.core.groups.Tuple.tuple(2, 100_000L),
                        org.assertj.core.groups.Tuple.tuple(3, 10L));
        assertThat(fx.engine.listUploads(id.bucket()))
                .extracting(u -> u.uploadId())
                .containsExactly(up);
        assertThat(fx.engine.upload(id, up).custom()).containsEntry("s3:content-type", "text/x");
        assertThat(fx.engine.stat(id)).isEmpty();

        var st = fx.engine.completeUpload(id, up, List.of(1, 2, 3), FAST.withCustom(Map.of("ETag", "\"x-3\"")));
        assertThat(st.size()).isEqualTo(300_010);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(p1);
        all.writeBytes(p2);
        all.writeBytes(p3);
        try (ObjectReader r = fx.engine.open(id, true)) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            r.transferTo(got, 0, r.stat().size());
            assertThat(got.toByteArray()).isEqualTo(all.toByteArray());
            assertThat(r.stat().custom()).containsEntry("ETag", "\"x-3\"");
        }
        assertThat(fx.engine.listUploads(id.bucket())).isEmpty();
        assertThatThrownBy(() -> fx.engine.listParts(id, up))
                .isInstanceOfSatisfying(
                        StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void abortAndBadIds() throws Exception {
        var id = id("mpu/abort");
        String up = fx.engine.createUpload(id, Map.of());
        fx.engine.putPart(id, up, 1, new ByteArrayInputStream(new byte[] {1, 2}), 2);
        assertThatThrownBy(() -> fx.engine.putPart(id, up, 2, new ByteArrayInputStream(new byte[] {1}), 5))
                .isInstanceOfSatisfying(
                        StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INCOMPLETE_BODY));
        assertThat(fx.engine.listParts(id, up)).hasSize(1);
        fx.engine.abortUpload(id, up);
        assertThat(fx.engine.listUploads(id.bucket())).isEmpty();
        for (String bad : new String[] {"../../x", "zz", up}) {
            assertThatThrownBy(() -> fx.engine.listParts(id, bad))
                    .isInstanceOfSatisfying(
                            StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        }
        String other = fx.engine.createUpload(id("mpu/other"), Map.of());
        assertThatThrownBy(() -> fx.engine.listParts(id, other))
                .isInstanceOfSatisfying(
                        StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }
}
