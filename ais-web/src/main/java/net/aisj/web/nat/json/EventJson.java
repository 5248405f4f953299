package net.aisj.web.nat.json;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import net.aisj.core.events.EventPage;
import net.aisj.core.events.ObjectEvent;

/** The answer of {@code GET /v1/events}: a page of this node's object-event journal. */
public final class EventJson {

    private EventJson() {}

    /**
     * {@code {"node":..,"epoch":..,"first":..,"next":..,"events":[{"seq":..,"kind":"created","provider":"ais",
     * "namespace":"","bucket":..,"name":..,"size":..,"version":..,"time":..}]}}
     */
    public static JsonObject page(EventPage p) {
        JsonArrayBuilder events = Json.createArrayBuilder();
        for (EventPage.Sequenced s : p.events()) {
            ObjectEvent e = s.event();
            events.add(Json.createObjectBuilder()
                    .add("seq", s.seq())
                    .add("kind", e.kind().wire())
                    .add("provider", e.bucket().provider())
                    .add("namespace", e.bucket().namespace())
                    .add("bucket", e.bucket().name())
                    .add("name", e.name())
                    .add("size", e.size())
                    .add("version", e.version())
                    .add("time", e.timeMillis()));
        }
        return Json.createObjectBuilder()
                .add("node", p.node())
                .add("epoch", p.epoch())
                .add("first", p.first())
                .add("next", p.next())
                .add("events", events)
                .build();
    }
}
