package net.aisj.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.aisj.it.faults.History.Kind;
import net.aisj.it.faults.History.Op;
import org.junit.jupiter.api.Test;

/** The checker on hand-made histories: each kind of violation is reported, correct histories pass. */
class CheckerTest {

    private final List<Op> ops = new ArrayList<>();

    private void op(
            Kind kind, String name, String value, boolean acked, int status, long start, long end, boolean fin) {
        ops.add(new Op(ops.size() + 1, fin ? -1 : 0, kind, name, value, acked, status, start, end, "n1", "", fin));
    }

    private void put(String name, String value, boolean acked, long start, long end) {
        op(Kind.PUT, name, value, acked, acked ? 200 : 0, start, end, false);
    }

    private void get(String name, String value, long start, long end) {
        op(
                Kind.GET,
                name,
                value,
                value != null,
                value == null ? 503 : History.ABSENT.equals(value) ? 404 : 200,
                start,
                end,
                false);
    }

    private void fin(String name, String value, long at) {
        op(
                Kind.GET,
                name,
                value,
                value != null,
                value == null ? 503 : History.ABSENT.equals(value) ? 404 : 200,
                at,
                at + 1,
                true);
    }

    private Checker.Result check() {
        List<Op> sorted = new ArrayList<>(ops);
        sorted.sort(Comparator.comparingLong(Op::start));
        Checker.Result r = Checker.check(sorted);
        System.out.println(r.report("unit", 5));
        return r;
    }

    @Test
    void aCorrectHistoryPasses() {
        put("b/x", "h1", true, 0, 10);
        get("b/x", "h1", 11, 12);
        put("b/x", "h2", true, 20, 30);
        get("b/x", "h1", 25, 26); // concurrent with the overwrite: the old value is fine
        get("b/x", "h2", 31, 32);
        op(Kind.DELETE, "b/x", History.ABSENT, true, 200, 40, 50, false);
        get("b/x", History.ABSENT, 51, 52);
        put("b/x", "h3", false, 60, 70); // failed: may or may not have happened
        get("b/x", History.ABSENT, 71, 72);
        get("b/x", "h3", 73, 74);
        get("b/y", History.ABSENT, 1, 2); // never written
        fin("b/x", "h3", 1000);
        fin("b/y", History.ABSENT, 1000);
        Checker.Result r = check();
        assertThat(r.violations()).isEmpty();
        assertThat(r.count("names_verified")).isEqualTo(2);
        assertThat(r.count("put")).isEqualTo(3);
        assertThat(r.count("put_ok")).isEqualTo(2);
    }

    @Test
    void aClockToleranceForgivesOnlyWritesCloserThanIt() {
        put("b/x", "h1", true, 0, 10);
        put("b/x", "h2", true, 15, 20); // 5 after h1 ended: within a tolerance of 8
        fin("b/x", "h1", 1000);
        put("b/y", "h3", true, 0, 10);
        put("b/y", "h4", true, 30, 40); // 20 after h3 ended: beyond it
        fin("b/y", "h3", 1000);
        List<Op> sorted = new ArrayList<>(ops);
        sorted.sort(Comparator.comparingLong(Op::start));
        Checker.Result r = Checker.check(sorted, 8);
        assertThat(r.violations()).extracting(v -> v.op().name()).containsExactly("b/y");
        assertThat(r.count("skew_tolerated")).isEqualTo(1);
        assertThat(Checker.check(sorted).violations()).hasSize(2);
    }

    @Test
    void aLostWriteIsReported() {
        put("b/x", "h1", true, 0, 10);
        put("b/x", "h2", true, 20, 30);
        fin("b/x", "h1", 1000); // the later acknowledged version is gone
        put("b/y", "h3", true, 0, 10);
        fin("b/y", History.ABSENT, 1000); // acknowledged, never deleted, gone
        Checker.Result r = check();
        assertThat(r.violations()).extracting(Checker.Violation::kind).containsExactly("LOST WRITE", "LOST WRITE");
        assertThat(r.violations().get(0).toString()).contains("h2").contains("history of b/x");
        assertThat(r.count("names_verified")).isZero();
    }

    @Test
    void aPhantomReadIsReported() {
        put("b/x", "h1", true, 0, 10);
        put("b/y", "h2", true, 0, 10);
        get("b/x", "h9", 11, 12); // bytes nobody wrote
        get("b/x", "h2", 13, 14); // bytes of another object
        put("b/x", "h3", true, 50, 60);
        get("b/x", "h3", 20, 30); // a value written only after the read ended
        Checker.Result r = check();
        assertThat(r.violations())
                .extracting(Checker.Violation::kind)
                .containsExactlyInAnyOrder("PHANTOM READ", "PHANTOM READ", "PHANTOM READ");
    }

    @Test
    void aStaleReadIsReported() {
        put("b/x", "h1", true, 0, 10);
        put("b/x", "h2", true, 20, 30);
        get("b/x", "h1", 31, 32); // began after h2 was acknowledged
        get("b/z", History.ABSENT, 0, 1);
        put("b/z", "h3", true, 5, 8);
        get("b/z", History.ABSENT, 9, 10); // read-after-write: 404 after an acknowledged PUT
        Checker.Result r = check();
        assertThat(r.violations()).extracting(Checker.Violation::kind).containsExactly("STALE READ", "STALE READ");
    }

    @Test
    void aDeleteAnswered404AfterAnAcknowledgedPutIsAStaleRead() {
        put("b/x", "h1", true, 0, 10);
        op(Kind.DELETE, "b/x", History.ABSENT, true, 404, 20, 21, false);
        Checker.Result r = check();
        assertThat(r.violations()).extracting(Checker.Violation::kind).containsExactly("STALE READ");
    }

    @Test
    void aNameNoFinalReadCouldReadIsReported() {
        put("b/x", "h1", true, 0, 10);
        fin("b/x", null, 1000);
        fin("b/x", null, 1100);
        Checker.Result r = check();
        assertThat(r.violations()).extracting(Checker.Violation::kind).containsExactly("UNREADABLE AFTER HEAL");
    }
}
