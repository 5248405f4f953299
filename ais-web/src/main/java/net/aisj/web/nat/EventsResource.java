package net.aisj.web.nat;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import net.aisj.connector.api.BucketId;
import net.aisj.service.events.ObjectEvents;
import net.aisj.web.nat.json.EventJson;

/**
 * {@code GET /v1/events?after=<position>&limit=<n>[&bucket=<name>[&provider=..&namespace=..]][&prefix=<p>]}: this
 * node's object events (objects it created or deleted as their owner) after a position of its journal, filtered by
 * bucket and name prefix. Not an AIS API: the JCA connector's inbound side polls it on every target. Answers
 * {@link EventJson#page}; 400 for a bad position or limit.
 */
@Path("v1/events")
public class EventsResource {

    @Inject
    ObjectEvents events;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response read(
            @QueryParam("after") @DefaultValue("0") String after,
            @QueryParam("limit") @DefaultValue("100") String limit,
            @QueryParam("bucket") String bucket,
            @QueryParam("provider") String provider,
            @QueryParam("namespace") String namespace,
            @QueryParam("prefix") String prefix) {
        BucketId b = bucket == null || bucket.isEmpty() ? null : Bck.of(bucket, provider, namespace);
        return Response.ok(EventJson.page(events.read(
                        number("after", after), (int) number("limit", limit), b, prefix == null ? "" : prefix)))
                .build();
    }

    private static long number(String what, String v) {
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw net.aisj.core.AisException.badRequest("events: '" + what + "' is not a number: " + v);
        }
    }
}
