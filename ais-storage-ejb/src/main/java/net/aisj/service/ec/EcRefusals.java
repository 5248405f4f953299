package net.aisj.service.ec;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.aisj.cluster.EcIntra;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ec.EcMeta;
import net.aisj.core.AisException;

/**
 * What the main target does when a holder refuses a replica or slice because it keeps a newer generation of the
 * object. The main is the object's source of truth: as long as it is still the object's main under the current
 * cluster map and its object is still the one its generation describes, the holder's newer generation is stale (for
 * example written by another target that restored or took the object while this one was away) and is dropped
 * (that generation only), then the main's replica or slice is sent again, once. Otherwise the main gives up on that
 * holder (reported as a failure, so the caller's job or queue counts it and a later check retries). Every refusal,
 * replacement and give-up is logged and counted. Pure besides its counters and log; thread-safe.
 */
final class EcRefusals {

    private static final Logger LOG = Logger.getLogger(EcRefusals.class.getName());

    /** Sends to one holder, the first one included: one replacement at most, so two writers cannot loop. */
    static final int MAX_SENDS = 2;

    /** How the main stands towards the replica or slice it is sending, checked when a holder refuses. */
    enum MainState {
        /** Still the object's main, and its object is still the content (and generation) being sent. */
        CURRENT,
        /** Not the object's main any more under the current cluster map: the new main decides. */
        NOT_MAIN,
        /** Its object (or metafile) changed since this round began: a newer round sends newer slices. */
        CHANGED
    }

    enum Action {
        /** Drop the holder's newer generation (only that one), then send again. */
        REPLACE,
        /** Send again as is (the holder's newer generation is gone, or no longer newer). */
        RESEND,
        /** Leave the holder as it is and report the slice as not placed. */
        GIVE_UP
    }

    record Decision(Action action, String why) {}

    /** One attempt to store the replica or slice on the holder (a fresh stream each time). */
    @FunctionalInterface
    interface Send {
        Optional<EcIntra.Refusal> attempt();
    }

    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong replaced = new AtomicLong();
    private final AtomicLong unresolved = new AtomicLong();

    /**
     * The rule. {@code ours} is the metafile being sent, {@code held} the holder's refused-with one (empty when it
     * was gone when the holder answered), {@code sends} how many times it was sent so far (1 after the first).
     */
    static Decision decide(EcMeta ours, Optional<EcMeta> held, MainState main, int sends) {
        if (main == MainState.NOT_MAIN) {
            return new Decision(Action.GIVE_UP, "this target is no longer the object's main; the new main decides");
        }
        if (main == MainState.CHANGED) {
            return new Decision(Action.GIVE_UP, "the object changed here meanwhile; a newer round sends its slices");
        }
        if (sends >= MAX_SENDS) {
            return new Decision(
                    Action.GIVE_UP,
                    "refused again after " + sends + " sends (generation "
                            + held.map(m -> Long.toString(m.generation())).orElse("unknown") + " there)");
        }
        if (held.isEmpty() || held.get().generation() <= ours.generation()) {
            return new Decision(Action.RESEND, "its newer generation is gone");
        }
        EcMeta h = held.get();
        String what = sameContent(ours, h)
                ? "a stale generation " + h.generation() + " of the same content"
                : "generation " + h.generation() + " of other content (version " + quoted(h.objVersion()) + ", "
                        + h.objSize() + " bytes, checksum " + h.objChecksum().value() + ")";
        return new Decision(
                Action.REPLACE,
                what + ", written by " + (h.mainNode().isEmpty() ? "?" : h.mainNode())
                        + "; this main's generation " + ours.generation() + " (version " + quoted(ours.objVersion())
                        + ", "
                        + ours.objSize() + " bytes) replaces it");
    }

    /** Same object content and metadata (generation aside): such a newer generation is only a stale number. */
    static boolean sameContent(EcMeta a, EcMeta b) {
        return a.objSize() == b.objSize()
                && a.objChecksum().equals(b.objChecksum())
                && a.objVersion().equals(b.objVersion())
                && a.custom().equals(b.custom())
                && a.isCopy() == b.isCopy();
    }

    /**
     * Stores {@code ours} on {@code holder} through {@code send}; on a refusal applies {@link #decide}: REPLACE drops
     * the holder's generation with {@code drop} and sends again, RESEND sends again, GIVE_UP throws.
     *
     * @param main checked on each refusal (after the refusal, so a change during the send counts)
     * @throws AisException CONFLICT when the holder keeps its generation; what {@code send} or {@code drop} throw
     */
    void place(String holder, ObjectId id, EcMeta ours, Send send, LongConsumer drop, Supplier<MainState> main) {
        String what = (ours.isCopy() ? "replica" : "slice " + ours.sliceId()) + " of " + id.cname();
        boolean overridden = false;
        for (int sends = 1; ; sends++) {
            Optional<EcIntra.Refusal> r = send.attempt();
            if (r.isEmpty()) {
                if (overridden) {
                    replaced.incrementAndGet();
                }
                return;
            }
            refused.incrementAndGet();
            Decision d = decide(ours, r.get().held(), main.get(), sends);
            switch (d.action()) {
                case GIVE_UP -> {
                    unresolved.incrementAndGet();
                    String msg = holder + " refused " + what + " (generation " + ours.generation() + "): " + d.why();
                    LOG.warning(msg);
                    throw new AisException(AisException.Kind.CONFLICT, msg);
                }
                case REPLACE -> {
                    boolean stale = sameContent(ours, r.get().held().orElseThrow());
                    LOG.log(
                            stale ? Level.INFO : Level.WARNING,
                            () -> holder + " refused " + what + ": it keeps " + d.why());
                    try {
                        drop.accept(r.get().generation());
                    } catch (RuntimeException e) {
                        unresolved.incrementAndGet();
                        throw e;
                    }
                    overridden = true;
                }
                case RESEND -> LOG.info(() -> holder + " refused " + what + " but " + d.why() + "; sending again");
            }
        }
    }

    /** {refused (every refusal answered), replaced (holders that now keep the main's generation), unresolved}. */
    long[] counters() {
        return new long[] {refused.get(), replaced.get(), unresolved.get()};
    }

    private static String quoted(String s) {
        return s.isEmpty() ? "none" : s;
    }
}
