package net.aisj.service.ec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.aisj.cluster.EcIntra;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ChecksumType;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ec.EcMeta;
import net.aisj.core.AisException;
import net.aisj.service.ec.EcRefusals.Action;
import net.aisj.service.ec.EcRefusals.MainState;
import org.junit.jupiter.api.Test;

class EcRefusalsTest {

    private static final Checksum SUM = new Checksum(ChecksumType.XXHASH2, "0123456789abcdef");
    private static final Checksum OTHER = new Checksum(ChecksumType.XXHASH2, "fedcba9876543210");
    private static final ObjectId ID = new ObjectId(new BucketId(BucketId.AIS, "", "b"), "o");

    private static EcMeta meta(long gen, Checksum sum, String version, String main) {
        return new EcMeta(
                "o",
                100,
                gen,
                sum,
                version,
                "",
                main,
                Map.of(main, 0, "t2", 1),
                2,
                1,
                1,
                false,
                1_000,
                Map.of("k", "v"));
    }

    private static final EcMeta OURS = meta(100, SUM, "2", "main");

    @Test
    void aNewerGenerationOfTheSameContentIsStaleAndReplaced() {
        // e.g. another target restored the object from its slices while the main was away
        EcRefusals.Decision d = EcRefusals.decide(OURS, Optional.of(meta(200, SUM, "2", "t3")), MainState.CURRENT, 1);
        assertThat(d.action()).isEqualTo(Action.REPLACE);
        assertThat(d.why()).contains("stale generation 200", "t3");
    }

    @Test
    void theMainIsTheSourceOfTruthEvenAgainstOtherContent() {
        EcRefusals.Decision d = EcRefusals.decide(OURS, Optional.of(meta(200, OTHER, "3", "t3")), MainState.CURRENT, 1);
        assertThat(d.action()).isEqualTo(Action.REPLACE);
        assertThat(d.why()).contains("other content", "version 3");
    }

    @Test
    void aMainThatLostTheObjectOrChangedItGivesUp() {
        Optional<EcMeta> newer = Optional.of(meta(200, SUM, "2", "t3"));
        assertThat(EcRefusals.decide(OURS, newer, MainState.NOT_MAIN, 1).action())
                .isEqualTo(Action.GIVE_UP);
        assertThat(EcRefusals.decide(OURS, newer, MainState.CHANGED, 1).action())
                .isEqualTo(Action.GIVE_UP);
    }

    @Test
    void aGenerationGoneOrNoLongerNewerIsJustSentAgain() {
        assertThat(EcRefusals.decide(OURS, Optional.empty(), MainState.CURRENT, 1)
                        .action())
                .isEqualTo(Action.RESEND);
        assertThat(EcRefusals.decide(OURS, Optional.of(meta(100, SUM, "2", "t3")), MainState.CURRENT, 1)
                        .action())
                .isEqualTo(Action.RESEND);
    }

    @Test
    void oneReplacementAtMost() {
        Optional<EcMeta> newer = Optional.of(meta(300, SUM, "2", "t3"));
        assertThat(EcRefusals.decide(OURS, newer, MainState.CURRENT, EcRefusals.MAX_SENDS)
                        .action())
                .isEqualTo(Action.GIVE_UP);
        assertThat(EcRefusals.decide(OURS, Optional.empty(), MainState.CURRENT, EcRefusals.MAX_SENDS)
                        .action())
                .isEqualTo(Action.GIVE_UP);
    }

    @Test
    void sameContentIgnoresTheGenerationButNotMetadata() {
        assertThat(EcRefusals.sameContent(OURS, meta(999, SUM, "2", "x"))).isTrue();
        assertThat(EcRefusals.sameContent(OURS, meta(100, OTHER, "2", "main"))).isFalse();
        assertThat(EcRefusals.sameContent(OURS, meta(100, SUM, "3", "main"))).isFalse();
        EcMeta otherCustom =
                new EcMeta("o", 100, 100, SUM, "2", "", "main", Map.of(), 2, 1, 1, false, 1_000, Map.of("k", "w"));
        assertThat(EcRefusals.sameContent(OURS, otherCustom)).isFalse();
    }

    // ------------------------------------------------------------------ place: the sender's loop

    /** A holder scripted with its answers to successive sends; records drops. */
    private static final class Holder {
        final Deque<Optional<EcIntra.Refusal>> answers = new ArrayDeque<>();
        final List<Long> dropped = new ArrayList<>();
        int sends;

        Holder answer(Optional<EcMeta> refusedWith) {
            answers.add(Optional.of(new EcIntra.Refusal(refusedWith, "refused")));
            return this;
        }

        Holder store() {
            answers.add(Optional.empty());
            return this;
        }

        Optional<EcIntra.Refusal> send() {
            sends++;
            return answers.remove();
        }
    }

    @Test
    void storedAtOnceNeedsNothing() {
        EcRefusals r = new EcRefusals();
        Holder h = new Holder().store();
        r.place("t2", ID, OURS, h::send, h.dropped::add, () -> MainState.CURRENT);
        assertThat(h.sends).isEqualTo(1);
        assertThat(h.dropped).isEmpty();
        assertThat(r.counters()).containsExactly(0, 0, 0);
    }

    @Test
    void aRefusalForANewerGenerationDropsThatGenerationAndSendsAgain() {
        EcRefusals r = new EcRefusals();
        Holder h = new Holder().answer(Optional.of(meta(200, SUM, "2", "t3"))).store();
        r.place("t2", ID, OURS, h::send, h.dropped::add, () -> MainState.CURRENT);
        assertThat(h.sends).isEqualTo(2);
        assertThat(h.dropped).containsExactly(200L);
        assertThat(r.counters()).containsExactly(1, 1, 0);
    }

    @Test
    void aHolderThatKeepsRefusingIsReportedNotLoopedOn() {
        EcRefusals r = new EcRefusals();
        Holder h = new Holder()
                .answer(Optional.of(meta(200, SUM, "2", "t3")))
                .answer(Optional.of(meta(300, SUM, "2", "t4")));
        assertThatThrownBy(() -> r.place("t2", ID, OURS, h::send, h.dropped::add, () -> MainState.CURRENT))
                .isInstanceOfSatisfying(AisException.class, e -> {
                    assertThat(e.kind()).isEqualTo(AisException.Kind.CONFLICT);
                    assertThat(e.getMessage()).contains("t2", "slice 1 of ais://b/o", "generation 300");
                });
        assertThat(h.sends).isEqualTo(2);
        assertThat(h.dropped).containsExactly(200L);
        assertThat(r.counters()).containsExactly(2, 0, 1);
    }

    @Test
    void aMainWhoseObjectChangedLeavesTheHolderAlone() {
        // an older round of the same main must not drop the slices a newer round already placed
        EcRefusals r = new EcRefusals();
        Holder h = new Holder().answer(Optional.of(meta(200, OTHER, "3", "main")));
        assertThatThrownBy(() -> r.place("t2", ID, OURS, h::send, h.dropped::add, () -> MainState.CHANGED))
                .isInstanceOf(AisException.class)
                .hasMessageContaining("changed");
        assertThat(h.dropped).isEmpty();
        assertThat(r.counters()).containsExactly(1, 0, 1);
    }

    @Test
    void aRefusalWhoseGenerationIsGoneIsSentAgainWithoutADrop() {
        EcRefusals r = new EcRefusals();
        Holder h = new Holder().answer(Optional.empty()).store();
        r.place("t2", ID, OURS, h::send, h.dropped::add, () -> MainState.CURRENT);
        assertThat(h.sends).isEqualTo(2);
        assertThat(h.dropped).isEmpty();
        assertThat(r.counters()).containsExactly(1, 0, 0);
    }

    @Test
    void aFailedDropIsCountedAndPropagated() {
        EcRefusals r = new EcRefusals();
        Holder h = new Holder().answer(Optional.of(meta(200, SUM, "2", "t3")));
        assertThatThrownBy(() -> r.place(
                        "t2",
                        ID,
                        OURS,
                        h::send,
                        g -> {
                            throw new AisException(AisException.Kind.UNAVAILABLE, "t2 unreachable");
                        },
                        () -> MainState.CURRENT))
                .hasMessageContaining("unreachable");
        assertThat(r.counters()).containsExactly(1, 0, 1);
    }
}
