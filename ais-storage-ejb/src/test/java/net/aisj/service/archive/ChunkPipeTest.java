package net.aisj.service.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChunkPipeTest {

    private final ExecutorService ex = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        ex.shutdownNow();
    }

    @Test
    void carriesEveryByteInOrder() throws Exception {
        byte[] data = new byte[5 * ChunkPipe.CHUNK + 123];
        new Random(7).nextBytes(data);
        ChunkPipe pipe = new ChunkPipe();
        Future<byte[]> got = ex.submit(() -> pipe.input().readAllBytes());
        for (int off = 0; off < data.length; off += 1000) {
            pipe.output().write(data, off, Math.min(1000, data.length - off));
        }
        pipe.finish();
        assertThat(got.get()).isEqualTo(data);
    }

    @Test
    void producerFailureReachesTheConsumer() throws Exception {
        ChunkPipe pipe = new ChunkPipe();
        Future<?> got = ex.submit(() -> {
            InputStream in = pipe.input();
            in.readAllBytes();
            return null;
        });
        pipe.output().write(new byte[10]);
        pipe.fail(new IOException("source vanished"));
        assertThatThrownBy(got::get).hasRootCauseMessage("source vanished");
    }

    @Test
    void cancelStopsTheProducer() {
        ChunkPipe pipe = new ChunkPipe();
        pipe.cancel();
        assertThatThrownBy(() -> {
                    for (int i = 0; i < ChunkPipe.CHUNKS + 2; i++) {
                        pipe.output().write(new byte[ChunkPipe.CHUNK]);
                    }
                })
                .isInstanceOf(IOException.class);
    }
}
