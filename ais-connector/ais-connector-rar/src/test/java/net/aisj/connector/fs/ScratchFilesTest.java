package net.aisj.connector.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Random;
import net.aisj.connector.api.ScratchFile;
import net.aisj.connector.api.StorageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchFilesTest {

    @TempDir
    Path dir;

    EngineFixture fx;

    @BeforeEach
    void open() throws StorageException {
        fx = EngineFixture.open(dir.resolve("mp1"), dir.resolve("mp2"));
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void appendsReadsRangesAndDeletesOnClose() throws Exception {
        byte[] a = new byte[100_000];
        byte[] b = new byte[3];
        new Random(1).nextBytes(a);
        new Random(2).nextBytes(b);
        ScratchFile f = fx.engine.createScratch("dsort-j1");
        ScratchFile g = fx.engine.createScratch("dsort-j1");
        assertThat(f.append(new ByteArrayInputStream(a), a.length)).isZero();
        assertThat(f.append(new ByteArrayInputStream(b), b.length)).isEqualTo(a.length);
        assertThat(f.size()).isEqualTo(a.length + 3);
        try (InputStream in = f.read(a.length, 3)) {
            assertThat(in.readAllBytes()).isEqualTo(b);
        }
        try (InputStream in = f.read(10, 70_000)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(a, 10, 70_010));
        }
        assertThat(EngineFixture.filesUnder(dir.resolve("mp1").resolve(Fqn.WORK)))
                .hasSize(1);
        assertThat(EngineFixture.filesUnder(dir.resolve("mp2").resolve(Fqn.WORK)))
                .as("round-robin")
                .hasSize(1);
        assertThatThrownBy(() -> f.read(a.length, 4)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> f.append(new ByteArrayInputStream(b), 4))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ended after 3 of 4");
        f.close();
        f.close();
        g.close();
        assertThat(EngineFixture.filesUnder(dir.resolve("mp1").resolve(Fqn.WORK)))
                .isEmpty();
        assertThat(EngineFixture.filesUnder(dir.resolve("mp2").resolve(Fqn.WORK)))
                .isEmpty();
    }
}
