package net.aisj.core.events;

import java.util.List;

/**
 * Events read from this node's journal for one request.
 *
 * @param node this node's id
 * @param epoch the journal's identity (see {@link net.aisj.connector.api.EventJournal.Page#epoch})
 * @param first the oldest position the journal holds
 * @param next the position to continue after: the last one examined, matching the filter or not
 * @param events the matching events with their positions
 */
public record EventPage(String node, String epoch, long first, long next, List<Sequenced> events) {

    public EventPage {
        events = List.copyOf(events);
    }

    /** An event and its journal position. */
    public record Sequenced(long seq, ObjectEvent event) {}
}
