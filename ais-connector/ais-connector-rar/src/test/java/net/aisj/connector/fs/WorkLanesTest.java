package net.aisj.connector.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.aisj.connector.api.WorkLane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lanes on a deliberately tiny pool: limits hold, idle lanes hold no thread, nested waits never starve. */
class WorkLanesTest {

    /** A Background with a fixed number of threads, like a bounded WorkManager pool. */
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    private final WorkLanes lanes = new WorkLanes(pool::execute);

    @AfterEach
    void stop() {
        lanes.releaseAll();
        pool.shutdownNow();
    }

    @Test
    void nestedWaitsOnAPoolSmallerThanTheWaitersDoNotDeadlock() throws Exception {
        WorkLane outer = lanes.lane("outer", 4);
        WorkLane leaf = lanes.lane("leaf", 4);
        Set<String> leafThreads = ConcurrentHashMap.newKeySet();
        List<FutureTask<Integer>> tops = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int base = i;
            // each outer task fans out 3 leaf tasks and waits for them: with 2 pool threads both busy waiting,
            // the leaf tasks only complete because join runs unstarted ones on the waiting worker
            tops.add(outer.submit(() -> {
                List<FutureTask<Integer>> parts = new ArrayList<>();
                for (int j = 0; j < 3; j++) {
                    int v = base * 10 + j;
                    parts.add(leaf.submit(() -> {
                        leafThreads.add(Thread.currentThread().getName());
                        return v;
                    }));
                }
                int sum = 0;
                for (FutureTask<Integer> p : parts) {
                    sum += leaf.join(p);
                }
                return sum;
            }));
        }
        int total = 0;
        for (FutureTask<Integer> t : tops) {
            total += t.get(20, TimeUnit.SECONDS); // a deadlock fails here
        }
        assertThat(total).isEqualTo(8 * 3 + 10 * 3 * (0 + 1 + 2 + 3 + 4 + 5 + 6 + 7));
        assertThat(leafThreads).allMatch(n -> n.startsWith("pool-")); // never on the test thread
    }

    @Test
    void aLaneRunsAtMostItsLimitAndEndsItsWorkersWhenIdle() throws Exception {
        ExecutorService big = Executors.newCachedThreadPool();
        try {
            WorkLanes wide = new WorkLanes(big::execute);
            WorkLane lane = wide.lane("two", 2);
            AtomicInteger now = new AtomicInteger();
            AtomicInteger peak = new AtomicInteger();
            List<FutureTask<Void>> fs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                fs.add(lane.submit(() -> {
                    peak.accumulateAndGet(now.incrementAndGet(), Math::max);
                    Thread.sleep(5); // work that takes time, so that workers overlap
                    now.decrementAndGet();
                    return null;
                }));
            }
            for (FutureTask<Void> f : fs) {
                lane.join(f); // the test thread is not a worker: it waits
            }
            assertThat(peak.get()).isBetween(1, 2);
            assertThat(lane.inWorker()).isFalse();
            big.shutdown();
            assertThat(big.awaitTermination(10, TimeUnit.SECONDS))
                    .as("idle lane workers ended")
                    .isTrue();
        } finally {
            big.shutdownNow();
        }
    }
}
