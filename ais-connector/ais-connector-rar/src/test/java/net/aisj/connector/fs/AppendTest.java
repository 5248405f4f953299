package net.aisj.connector.fs;

import static net.aisj.connector.fs.EngineFixture.FAST;
import static net.aisj.connector.fs.EngineFixture.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ChecksumType;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendTest {

    @TempDir
    Path dir;

    EngineFixture fx;

    @BeforeEach
    void open() throws StorageException {
        fx = EngineFixture.open(dir.resolve("mp"));
    }

    @AfterEach
    void close() {
        fx.close();
    }

    static InputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes());
    }

    @Test
    void appendsBecomeVisibleOnlyOnFlush() throws Exception {
        String h = fx.engine.append(id("log"), null, in("one,"));
        assertThat(h).matches("[0-9a-f]{16}");
        assertThat(fx.engine.append(id("log"), h, in("two,"))).isEqualTo(h);
        assertThat(fx.engine.append(id("log"), h, in("three"))).isEqualTo(h);
        assertThat(fx.engine.stat(id("log"))).isEmpty();
        ObjectStat st = fx.engine.flushAppend(id("log"), h, FAST);
        assertThat(st.size()).isEqualTo(13);
        assertThat(st.version()).isEqualTo("1");
        assertThat(st.checksum().value()).isEqualTo(PutGetTest.xxhash("one,two,three".getBytes()));
        assertThat(new String(fx.get("log"))).isEqualTo("one,two,three");
        assertThat(EngineFixture.filesUnder(dir.resolve("mp").resolve(Fqn.WORK)))
                .isEmpty();
        // the handle is gone after the flush
        assertThatThrownBy(() -> fx.engine.append(id("log"), h, in("x")))
                .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void appendStartsFromTheExistingObject() throws Exception {
        fx.put("log", "base|");
        String h = fx.engine.append(id("log"), "", in("more"));
        fx.put("log", "overwritten meanwhile");
        ObjectStat st = fx.engine.flushAppend(id("log"), h, FAST);
        assertThat(new String(fx.get("log"))).isEqualTo("base|more");
        assertThat(st.version()).isEqualTo("3");
    }

    @Test
    void handlesAreValidatedStrictly() throws Exception {
        String h = fx.engine.append(id("a"), null, in("x"));
        for (String bad : new String[] {"../../etc", "ABCDEF0123456789", h + "0", "xyz", " " + h}) {
            assertThatThrownBy(() -> fx.engine.append(id("a"), bad, in("y")))
                    .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(Reason.BAD_REQUEST));
            assertThatThrownBy(() -> fx.engine.flushAppend(id("a"), bad, FAST))
                    .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(Reason.BAD_REQUEST));
        }
        assertThatThrownBy(() -> fx.engine.append(id("a"), "0123456789abcdef", in("y")))
                .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(Reason.NOT_FOUND));
        // a handle of another object is unknown for this one
        assertThatThrownBy(() -> fx.engine.flushAppend(id("b"), h, FAST))
                .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(Reason.NOT_FOUND));
        assertThat(fx.engine.stat(id("a"))).isEmpty();
        assertThat(fx.engine.flushAppend(id("a"), h, FAST).size()).isEqualTo(1);
    }

    @Test
    void aFailedAppendLeavesThePreviousContent() throws Exception {
        String h = fx.engine.append(id("a"), null, in("keep"));
        InputStream broken = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ > 10) {
                    throw new IOException("reset");
                }
                return 'z';
            }
        };
        assertThatThrownBy(() -> fx.engine.append(id("a"), h, broken))
                .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(Reason.IO));
        fx.engine.flushAppend(id("a"), h, FAST);
        assertThat(new String(fx.get("a"))).isEqualTo("keep");
    }

    @Test
    void flushVerifiesTheExpectedChecksum() throws Exception {
        String h = fx.engine.append(id("a"), null, in("data"));
        var wrong = new Checksum(ChecksumType.XXHASH2, "1234");
        assertThatThrownBy(() -> fx.engine.flushAppend(id("a"), h, FAST.withExpected(wrong, -1)))
                .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(Reason.BAD_CHECKSUM));
        assertThat(fx.engine.stat(id("a"))).isEmpty();
        assertThat(EngineFixture.filesUnder(dir.resolve("mp").resolve(Fqn.WORK)))
                .isEmpty();
    }
}
