package net.aisj.xact;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** This node's jobs: start, supersede, duplicate starts, queries, forgetting and the bound on finished jobs. */
class XactionRegistryTest {

    /** A job that counts its runs and ends when run (or stays running when its executor holds it). */
    static final class Job extends Xaction {
        final AtomicInteger runs = new AtomicInteger();

        Job(String id, XactKind kind, String bucket) {
            super(id, kind, "t1", bucket);
        }

        @Override
        protected void work() {
            runs.incrementAndGet();
        }
    }

    /** The container's executor as far as the registry uses it: {@code execute}, here delegated to {@code e}. */
    static ManagedExecutorService executor(Executor e) {
        return (ManagedExecutorService) Proxy.newProxyInstance(
                XactionRegistryTest.class.getClassLoader(),
                new Class<?>[] {ManagedExecutorService.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("execute")) {
                        e.execute((Runnable) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A registry whose jobs run at once, on the caller's thread. */
    static XactionRegistry running() {
        XactionRegistry r = new XactionRegistry();
        r.executor = executor(Runnable::run);
        return r;
    }

    /** A registry whose jobs are queued in {@code held} and stay running until the test runs them. */
    static XactionRegistry holding(List<Runnable> held) {
        XactionRegistry r = new XactionRegistry();
        r.executor = executor(held::add);
        return r;
    }

    /** Start times are in milliseconds: waits for the clock to move on, so that jobs made after it start later. */
    static void nextMillisecond() {
        long t = System.currentTimeMillis();
        while (System.currentTimeMillis() == t) {
            Thread.onSpinWait();
        }
    }

    @Test
    void startRunsTheJobOnTheExecutorOnceADuplicateStartIsANoOp() {
        XactionRegistry r = running();
        Job j = new Job("j1", XactKind.COPY_BUCKET, "b");
        assertThat(r.start(j)).isSameAs(j);
        assertThat(j.runs).hasValue(1);
        assertThat(j.isRunning()).isFalse();
        Job again = new Job("j1", XactKind.COPY_BUCKET, "b");
        assertThat(r.start(again)).isSameAs(j);
        assertThat(again.runs).hasValue(0);
        assertThat(r.get("j1")).containsSame(j);
        assertThat(r.get("nope")).isEmpty();
    }

    @Test
    void aNewJobOfAKindThatAbortsPreviousOnesSupersedesTheRunningOneInItsScope() {
        List<Runnable> held = new ArrayList<>();
        XactionRegistry r = holding(held);
        assertThat(XactKind.REBALANCE.abortsPrevious()).isTrue();
        assertThat(XactKind.REBALANCE.scope()).isEqualTo(XactKind.Scope.CLUSTER);
        Job g1 = new Job("g1", XactKind.REBALANCE, "");
        r.start(g1);
        Job g2 = new Job("g2", XactKind.REBALANCE, "");
        r.start(g2);
        assertThat(g1.isAborted()).isTrue();
        assertThat(g1.snapshot().abortErr()).isEqualTo("superseded by g2");
        assertThat(g2.isAborted()).isFalse();

        // bucket-scoped: only the job on the same bucket goes
        assertThat(XactKind.MAKE_N_COPIES.abortsPrevious()).isTrue();
        assertThat(XactKind.MAKE_N_COPIES.scope()).isEqualTo(XactKind.Scope.BUCKET);
        Job onA = new Job("m1", XactKind.MAKE_N_COPIES, "a");
        Job onB = new Job("m2", XactKind.MAKE_N_COPIES, "b");
        r.start(onA);
        r.start(onB);
        Job onAAgain = new Job("m3", XactKind.MAKE_N_COPIES, "a");
        r.start(onAAgain);
        assertThat(onA.isAborted()).isTrue();
        assertThat(onB.isAborted()).isFalse();
        assertThat(onAAgain.isAborted()).isFalse();

        // kinds that coexist, and other kinds, are left alone
        assertThat(XactKind.COPY_BUCKET.abortsPrevious()).isFalse();
        Job c1 = new Job("c1", XactKind.COPY_BUCKET, "a");
        Job c2 = new Job("c2", XactKind.COPY_BUCKET, "a");
        r.start(c1);
        r.start(c2);
        assertThat(c1.isAborted()).isFalse();
        assertThat(g2.isAborted()).isFalse();
        assertThat(held).hasSize(7);
    }

    @Test
    void aFinishedJobOfTheSameKindIsNotAbortedAgain() {
        XactionRegistry r = running();
        Job g1 = new Job("g1", XactKind.REBALANCE, "");
        r.start(g1);
        r.start(new Job("g2", XactKind.REBALANCE, ""));
        assertThat(g1.isAborted()).isFalse();
        assertThat(g1.snapshot().abortErr()).isEmpty();
    }

    @Test
    void aJobTheExecutorRejectsIsAbortedAndSaysWhy() {
        XactionRegistry r = new XactionRegistry();
        r.executor = executor(task -> {
            throw new RejectedExecutionException("shutting down");
        });
        Job j = new Job("j1", XactKind.SCRUB, "b");
        assertThat(r.start(j)).isSameAs(j);
        assertThat(j.isAborted()).isTrue();
        assertThat(j.snapshot().abortErr()).isEqualTo("rejected by the executor: shutting down");
        assertThat(j.runs).hasValue(0);
    }

    @Test
    void registerListsAJobWithoutRunningIt() {
        XactionRegistry r = holding(new ArrayList<>());
        Job j = new Job("pc1", XactKind.PUT_COPIES, "");
        r.register(j);
        r.register(new Job("pc1", XactKind.PUT_COPIES, ""));
        assertThat(j.runs).hasValue(0);
        assertThat(r.get("pc1")).containsSame(j);
        assertThat(r.snapshots(null, null, true)).extracting(XactSnapshot::id).containsExactly("pc1");
    }

    @Test
    void queriesFilterByIdKindAndStateNewestFirst() {
        List<Runnable> held = new ArrayList<>();
        XactionRegistry r = holding(held);
        Job old = new Job("s1", XactKind.SCRUB, "a");
        r.start(old);
        held.remove(0).run(); // s1 finished
        nextMillisecond();
        Job mid = new Job("s2", XactKind.SCRUB, "b");
        r.start(mid);
        nextMillisecond();
        Job other = new Job("r1", XactKind.RESILVER, "");
        r.start(other);

        assertThat(r.snapshots(null, null, false)).extracting(XactSnapshot::id).containsExactly("r1", "s2", "s1");
        assertThat(r.snapshots("", "", false)).extracting(XactSnapshot::id).containsExactly("r1", "s2", "s1");
        assertThat(r.snapshots(null, "scrub", false))
                .extracting(XactSnapshot::id)
                .containsExactly("s2", "s1");
        assertThat(r.snapshots(null, "scrub", true))
                .extracting(XactSnapshot::id)
                .containsExactly("s2");
        assertThat(r.snapshots("s1", null, false)).extracting(XactSnapshot::id).containsExactly("s1");
        assertThat(r.snapshots("s1", "resilver", false)).isEmpty();
        assertThat(r.snapshots(null, "no-such-kind", false)).isEmpty();
        assertThat(r.latest(XactKind.SCRUB)).containsSame(mid);
        assertThat(r.latest(XactKind.REBALANCE)).isEmpty();
    }

    @Test
    void removeForgetsOnlyFinishedJobs() {
        List<Runnable> held = new ArrayList<>();
        XactionRegistry r = holding(held);
        Job j = new Job("j1", XactKind.COPY_BUCKET, "b");
        r.start(j);
        assertThat(r.remove("j1")).isFalse();
        assertThat(r.get("j1")).isPresent();
        held.remove(0).run();
        assertThat(r.remove("j1")).isTrue();
        assertThat(r.get("j1")).isEmpty();
        assertThat(r.remove("j1")).isFalse();
    }

    @Test
    void onlyTheNewestFinishedJobsAreKeptRunningOnesAlways() {
        List<Runnable> held = new ArrayList<>();
        XactionRegistry r = holding(held);
        Job stillRunning = new Job("run", XactKind.COPY_BUCKET, "b");
        r.start(stillRunning);
        Runnable runLater = held.remove(0);
        int finished = XactionRegistry.KEEP_FINISHED + 5;
        for (int i = 0; i < finished; i++) {
            nextMillisecond();
            r.start(new Job("done-" + i, XactKind.COPY_BUCKET, "b"));
            held.remove(0).run();
        }
        r.register(new Job("last", XactKind.PUT_COPIES, "")); // trims once more, after the last job ended
        assertThat(r.get("run")).containsSame(stillRunning);
        List<XactSnapshot> done = r.snapshots(null, "copy-bck", false).stream()
                .filter(s -> !s.running())
                .toList();
        assertThat(done).hasSize(XactionRegistry.KEEP_FINISHED);
        for (int i = 0; i < 5; i++) {
            assertThat(r.get("done-" + i)).as("oldest finished job %d", i).isEmpty();
        }
        assertThat(r.get("done-5")).isPresent();
        assertThat(r.get("done-" + (finished - 1))).isPresent();
        runLater.run();
        assertThat(stillRunning.runs).hasValue(1);
    }

    @Test
    void abortAllAsksEveryJobToStop() {
        XactionRegistry r = holding(new ArrayList<>());
        Job a = new Job("a", XactKind.SCRUB, "x");
        Job b = new Job("b", XactKind.COPY_BUCKET, "y");
        r.start(a);
        r.start(b);
        r.abortAll("node stopping");
        assertThat(a.snapshot().abortErr()).isEqualTo("node stopping");
        assertThat(b.snapshot().aborted()).isTrue();
    }

    @Test
    void anAbortByIdThatArrivesBeforeTheJobsStartEndsTheJobWhenItStarts() {
        List<Runnable> held = new ArrayList<>();
        XactionRegistry r = holding(held);
        r.abort("d1", XactKind.DSORT.wire(), "target t2: failed");
        Job d1 = new Job("d1", XactKind.DSORT, "b");
        r.start(d1);
        assertThat(d1.isAborted()).isTrue();
        assertThat(d1.snapshot().abortErr()).isEqualTo("target t2: failed");
        Job other = new Job("d2", XactKind.DSORT, "b");
        r.start(other);
        assertThat(other.isAborted()).isFalse();
    }

    @Test
    void anAbortOfAKnownJobAbortsOnlyRunningOnesAndIsNotRememberedForLater() {
        List<Runnable> held = new ArrayList<>();
        XactionRegistry r = holding(held);
        Job running = new Job("d1", XactKind.DSORT, "b");
        r.start(running);
        r.abort("d1", null, "stop");
        assertThat(running.isAborted()).isTrue();
        XactionRegistry done = running();
        Job finished = new Job("d3", XactKind.DSORT, "b");
        done.start(finished);
        done.abort("d3", null, "late");
        assertThat(finished.isAborted()).isFalse();
        done.remove("d3");
        Job again = new Job("d3", XactKind.DSORT, "b");
        done.start(again);
        assertThat(again.isAborted()).isFalse();
    }
}
