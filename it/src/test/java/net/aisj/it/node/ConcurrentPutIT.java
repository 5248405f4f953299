package net.aisj.it.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.PseudoRandomInputStream;
import net.aisj.it.support.Resp;
import net.aisj.it.support.SharedNode;
import net.aisj.it.support.Xxh;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** 16 simultaneous PUTs of one name: one of them wins whole, and the versions tell which. */
class ConcurrentPutIT {

    static final int WRITERS = 16;
    static final int SIZE = 4 << 20;
    static AisClient ais;
    static String b;

    @BeforeAll
    static void setUp() {
        ais = SharedNode.client();
        b = ItEnv.bucketName("race");
        ais.createBucket(b).expect(200);
    }

    @AfterAll
    static void tearDown() {
        if (ais != null) {
            ais.destroyQuietly(b);
        }
    }

    @Test
    void concurrentPutsOfOneNameLeaveExactlyOneWholeWinner() throws Exception {
        String o = "race/" + ItEnv.randomHex(4);
        byte[][] contents = new byte[WRITERS][];
        for (int i = 0; i < WRITERS; i++) {
            contents[i] = PseudoRandomInputStream.bytes(1000 + i, SIZE);
            contents[i][0] = (byte) i;
        }
        long versionBase = 0;
        for (int round = 1; round <= 2; round++) { // round 1 creates the object, round 2 overwrites it
            List<Resp> puts = putAllAtOnce(o, contents);
            Set<Long> versions = new HashSet<>();
            long maxVersion = -1;
            int winnerByVersion = -1;
            for (int i = 0; i < WRITERS; i++) {
                Resp r = puts.get(i).expect(200);
                assertThat(r.header("Ais-Checksum-Value"))
                        .as("writer %d: %s", i, r)
                        .isEqualTo(Xxh.hex(contents[i]));
                long v = Long.parseLong(r.header("Ais-Version"));
                versions.add(v);
                if (v > maxVersion) {
                    maxVersion = v;
                    winnerByVersion = i;
                }
            }
            Set<Long> want = LongStream.rangeClosed(versionBase + 1, versionBase + WRITERS)
                    .boxed()
                    .collect(Collectors.toSet());
            assertThat(versions)
                    .as("round %d: every PUT committed its own version", round)
                    .isEqualTo(want);

            Resp get = ais.get(b, o).expect(200);
            byte[] body = get.body();
            assertThat(body.length).as("round %d size", round).isEqualTo(SIZE);
            int k = body[0] & 0xFF;
            assertThat(k).as("first byte names the writer").isLessThan(WRITERS);
            assertThat(Arrays.equals(body, contents[k]))
                    .as("round %d: content is writer %d's, whole", round, k)
                    .isTrue();
            assertThat(get.header("Ais-Checksum-Value"))
                    .as("checksum header of the returned bytes")
                    .isEqualTo(Xxh.hex(body));
            assertThat(get.header("Ais-Version")).isEqualTo(Long.toString(maxVersion));
            assertThat(k)
                    .as("round %d: the winner is the PUT that got the highest version", round)
                    .isEqualTo(winnerByVersion);
            versionBase += WRITERS;
        }
    }

    private List<Resp> putAllAtOnce(String o, byte[][] contents) throws Exception {
        CyclicBarrier start = new CyclicBarrier(WRITERS);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<Resp>> fs = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                final byte[] c = contents[i];
                fs.add(pool.submit(() -> {
                    start.await(60, TimeUnit.SECONDS);
                    return ais.put(b, o, c);
                }));
            }
            List<Resp> out = new ArrayList<>();
            for (Future<Resp> f : fs) {
                out.add(f.get(5, TimeUnit.MINUTES));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
