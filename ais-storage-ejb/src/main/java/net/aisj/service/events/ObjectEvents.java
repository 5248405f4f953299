package net.aisj.service.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.EventJournal;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageException;
import net.aisj.core.AisException;
import net.aisj.core.events.EventPage;
import net.aisj.core.events.ObjectEvent;
import net.aisj.service.LocalNode;
import net.aisj.service.StorageErrors;

/**
 * Records object events in this node's journal (through the storage engine, on a mountpath: they survive a restart)
 * and reads them back. Only the owner records an event, once per client-visible change: copies made for mirroring,
 * erasure coding or rebalance are not events. Recording never fails the write it follows: a journal that cannot be
 * written is logged (the object is stored all the same). Thread-safe.
 */
@ApplicationScoped
public class ObjectEvents {

    private static final Logger LOG = Logger.getLogger(ObjectEvents.class.getName());
    /** Records examined per read at most, so a narrow filter over a long journal still answers quickly. */
    static final int SCAN_MAX = 10_000;

    @Inject
    LocalNode local;

    /** For CDI. */
    public ObjectEvents() {}

    /** Outside a container (tests): events of {@code local}'s storage. */
    public ObjectEvents(LocalNode local) {
        this.local = local;
    }

    public void created(ObjectId id, ObjectStat st) {
        record(new ObjectEvent(
                ObjectEvent.Kind.CREATED,
                id.bucket(),
                id.name(),
                st == null ? 0 : st.size(),
                st == null ? "" : st.version(),
                System.currentTimeMillis()));
    }

    public void deleted(ObjectId id) {
        record(new ObjectEvent(ObjectEvent.Kind.DELETED, id.bucket(), id.name(), 0, "", System.currentTimeMillis()));
    }

    private void record(ObjectEvent e) {
        try (StorageConnection c = local.connection()) {
            c.appendEvent(e.encode());
        } catch (StorageException | RuntimeException ex) {
            LOG.log(Level.SEVERE, "cannot record " + e + " in the event journal: " + ex.getMessage(), ex);
        }
    }

    /**
     * At most {@code limit} events after position {@code after} of {@code bucket} (null: any) whose names start
     * with {@code prefix} (null: any).
     */
    public EventPage read(long after, int limit, BucketId bucket, String prefix) {
        if (after < 0 || limit < 1 || limit > 10_000) {
            throw AisException.badRequest("events: 'after' must be >= 0 and 'limit' within 1..10000");
        }
        List<EventPage.Sequenced> out = new ArrayList<>();
        try (StorageConnection c = local.connection()) {
            long at = after;
            EventJournal.Page p;
            int scanned = 0;
            String epoch;
            long first;
            do {
                p = c.readEvents(at, Math.min(1000, SCAN_MAX - scanned));
                epoch = p.epoch();
                first = p.first();
                for (EventJournal.Entry e : p.entries()) {
                    scanned++;
                    at = e.seq();
                    ObjectEvent ev = ObjectEvent.decode(e.data());
                    if (ev.matches(bucket, prefix)) {
                        out.add(new EventPage.Sequenced(e.seq(), ev));
                        if (out.size() == limit) {
                            return new EventPage(local.self().id(), epoch, first, at, out);
                        }
                    }
                }
            } while (!p.entries().isEmpty() && at < p.last() && scanned < SCAN_MAX);
            return new EventPage(local.self().id(), epoch, first, at, out);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
    }
}
