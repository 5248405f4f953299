package net.aisj.connector.ra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import java.nio.file.Path;
import java.util.List;
import net.aisj.connector.fs.StorageEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageResourceAdapterTest {

    @TempDir
    Path dir;

    @Test
    void startRunsOneJoggerWorkPerMountpathPlusPutCopiesAndStopEndsThem() throws Exception {
        StorageResourceAdapter ra = new StorageResourceAdapter();
        assertThatThrownBy(ra::engine).isInstanceOf(ResourceException.class);
        try (FakeBootstrapContext ctx = new FakeBootstrapContext(false)) {
            ra.start(ctx);
            StorageEngine engine = ra.engine();
            engine.open(
                    null, List.of(dir.resolve("a").toString(), dir.resolve("b").toString()));
            assertThat(ctx.scheduled).hasSize(3).allSatisfy(w -> assertThat(w).isInstanceOf(TaskWork.class));
            assertThat(engine.healthy()).isTrue();
            assertThat(ra.background().running()).isEqualTo(3); // two joggers and put-copies
            long t0 = System.nanoTime();
            ra.stop();
            assertThat(ctx.allDone(10_000)).isTrue();
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(StorageResourceAdapter.STOP_WAIT.toMillis());
            assertThat(ra.background().running()).isZero();
            assertThat(engine.healthy()).isFalse();
        }
    }

    @Test
    void rejectedWorkIsAHealthFailure() throws Exception {
        StorageResourceAdapter ra = new StorageResourceAdapter();
        try (FakeBootstrapContext ctx = new FakeBootstrapContext(true)) {
            ra.start(ctx);
            ra.engine().open(null, List.of(dir.resolve("a").toString()));
            assertThat(ra.engine().healthy()).isFalse();
            ra.stop();
        }
    }

    @Test
    void noInboundSideAndIdentityEquality() {
        StorageResourceAdapter ra = new StorageResourceAdapter();
        assertThatThrownBy(() -> ra.endpointActivation(null, null)).isInstanceOf(NotSupportedException.class);
        assertThat(ra.getXAResources(null)).isEmpty();
        assertThat(ra).isEqualTo(ra).isNotEqualTo(new StorageResourceAdapter());
    }
}
