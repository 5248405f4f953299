package net.aisj.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javax.naming.InitialContext;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.NodeVolume;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.PutOptions;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageException;
import net.aisj.xact.XactKind;
import net.aisj.xact.XactSnapshot;
import net.aisj.xact.Xaction;
import net.aisj.xact.XactionRegistry;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs inside a real Payara Micro with the packaged {@code ais-connector.rar} deployed before this test's WAR
 * (see the surefire configuration in this module's pom): the connection factory reaches the adapter, the engine
 * stores and serves an object on a real directory, and jobs run on the container's managed threads with prompt
 * abort.
 */
@ExtendWith(ArquillianExtension.class)
class ContainerWiringTest {

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "wiring.war")
                .addClasses(
                        StorageConnectorBean.class,
                        XactionRegistry.class,
                        Xaction.class,
                        XactKind.class,
                        XactKind.Scope.class,
                        XactSnapshot.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @EJB
    StorageConnectorBean connector;

    @Inject
    XactionRegistry registry;

    @Test
    void theAdapterStoresAndServesAnObjectThroughTheConnectionFactory() throws Exception {
        Path mp = Files.createTempDirectory("arq-mp");
        byte[] body = "in-container round trip".getBytes(StandardCharsets.UTF_8);
        BucketId bucket = BucketId.ais("wiring");
        ObjectId id = new ObjectId(bucket, "dir/obj.bin");
        try (StorageConnection c = connector.connections().getConnection()) {
            NodeVolume volume = c.open("", List.of(mp.toString()));
            assertFalse(volume.nodeId().isBlank());
            assertTrue(c.healthy());
            c.createBucket(bucket);
            ObjectStat put = c.put(
                    id, new ByteArrayInputStream(body), PutOptions.defaults().withExpected(null, body.length));
            assertEquals(body.length, put.size());
            try (ObjectReader r = c.open(id, true)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                r.transferTo(out, 0, body.length);
                assertArrayEquals(body, out.toByteArray());
                assertEquals(put.checksum(), r.stat().checksum());
            }
            assertTrue(c.delete(id));
            StorageException gone = assertThrows(StorageException.class, () -> c.open(id, false));
            assertEquals(StorageException.Reason.NOT_FOUND, gone.reason());
        }
        // a second connection from the pool sees the same engine (the adapter is one per node)
        try (StorageConnection c = connector.connections().getConnection()) {
            assertTrue(c.stat(id).isEmpty());
            assertFalse(c.volume().mountpaths().isEmpty());
        }
    }

    @Test
    void jobsRunOnManagedThreadsAndAbortPromptly() throws Exception {
        String testThread = Thread.currentThread().getName();
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<String> ranOn = new AtomicReference<>();
        AtomicReference<Object> lookedUp = new AtomicReference<>();
        Xaction first = new Xaction("arq-1", XactKind.SCRUB, "node", "b") {
            @Override
            protected void work() {
                ranOn.set(Thread.currentThread().getName());
                try {
                    // the container's naming context is propagated to the job's thread
                    lookedUp.set(new InitialContext().lookup("java:comp/DefaultManagedExecutorService"));
                } catch (Exception e) {
                    lookedUp.set(e);
                }
                started.countDown();
                while (!isAborted()) {
                    Thread.onSpinWait();
                }
            }
        };
        assertSame(first, registry.start(first));
        assertTrue(started.await(30, TimeUnit.SECONDS));
        assertNotEquals(testThread, ranOn.get());
        assertInstanceOf(jakarta.enterprise.concurrent.ManagedExecutorService.class, lookedUp.get());
        assertEquals(1, registry.snapshots("arq-1", null, true).size());

        // a second scrub of the same bucket supersedes the first one
        Xaction second = new Xaction("arq-2", XactKind.SCRUB, "node", "b") {
            @Override
            protected void work() {}
        };
        registry.start(second);
        poll(() -> !first.isRunning() && !second.isRunning());
        XactSnapshot s = registry.get("arq-1").orElseThrow().snapshot();
        assertTrue(s.aborted());
        assertFalse(registry.snapshots("arq-2", null, false).get(0).aborted());
        // a duplicate start of a known id is a no-op
        assertSame(second, registry.start(new Xaction("arq-2", XactKind.SCRUB, "node", "b") {
            @Override
            protected void work() {
                throw new AssertionError("must not run");
            }
        }));
    }

    private static void poll(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition within 30 s");
            Thread.sleep(20);
        }
    }
}
