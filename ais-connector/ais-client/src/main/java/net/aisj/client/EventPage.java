package net.aisj.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import net.aisj.connector.api.BucketId;

/**
 * A page of one target's object-event journal ({@code GET /v1/events} on the target).
 *
 * @param node the target's daemon id
 * @param epoch the journal's identity: a different epoch for the same node means its journal was recreated (new
 *     disks), and positions kept for the old one mean nothing
 * @param first the oldest position the journal still holds (older ones were dropped by retention)
 * @param next where to continue: the position of the last event read, matching the filter or not
 * @param events the matching events, in journal order
 */
public record EventPage(String node, String epoch, long first, long next, List<ObjectEvent> events) {

    public EventPage {
        events = List.copyOf(events);
    }

    static EventPage parse(JsonNode n) {
        List<ObjectEvent> out = new ArrayList<>();
        String node = n.path("node").asText();
        for (JsonNode e : n.path("events")) {
            out.add(new ObjectEvent(
                    node,
                    e.path("seq").asLong(),
                    e.path("kind").asText(),
                    new BucketId(
                            e.path("provider").asText(BucketId.AIS),
                            e.path("namespace").asText(""),
                            e.path("bucket").asText()),
                    e.path("name").asText(),
                    e.path("size").asLong(0),
                    e.path("version").asText(""),
                    e.path("time").asLong(0)));
        }
        return new EventPage(
                node,
                n.path("epoch").asText(),
                n.path("first").asLong(0),
                n.path("next").asLong(0),
                out);
    }
}
