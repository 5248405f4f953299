package net.aisj.web.authn;

import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import net.aisj.cluster.AuthnJson;
import net.aisj.core.auth.AuthException;
import net.aisj.service.LocalNode;
import net.aisj.service.auth.AuthnService;
import net.aisj.web.nat.AisErrors;

/**
 * The cluster's side of AuthN (AIS {@code /v1/tokens} on a proxy): {@code DELETE} with
 * {@code {"tokens":[...]}} adds revoked tokens (ADMIN, checked by the access gate), {@code POST} answers 200 to a
 * caller whose token is valid (the registration handshake). The embedded AuthN shares its revoked list through the data
 * grid; this is how another AuthN this cluster trusts (its key in {@code auth.signature.key}) registers it and
 * pushes its revocations, as AIS's AuthN does.
 */
@Path("v1/tokens")
public class ClusterTokensResource {

    @Inject
    AuthnService authn;

    @Inject
    LocalNode node;

    @Context
    HttpServletRequest request;

    @DELETE
    public Response revoke(String body) {
        try {
            JsonObject o = AuthnJson.object(body);
            if (!(o.get("tokens") instanceof JsonArray a)) {
                return AisErrors.response(
                        400,
                        "expected {\"tokens\": [...]}",
                        request,
                        node.self().id());
            }
            for (JsonValue v : a) {
                if (v instanceof JsonString s) {
                    authn.acceptRevoked(s.getString());
                }
            }
            return Response.ok().build();
        } catch (AuthException e) {
            return AisErrors.response(
                    e.status(), e.getMessage(), request, node.self().id());
        } catch (IllegalArgumentException e) {
            return AisErrors.response(400, e.getMessage(), request, node.self().id());
        }
    }

    @POST
    public Response handshake() {
        String a = request.getHeader("Authorization");
        try {
            if (a == null || !a.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw AuthException.unauthenticated("token required");
            }
            authn.verify(a.substring(7).trim());
            return Response.ok().build();
        } catch (AuthException e) {
            return AisErrors.response(
                    e.status(), e.getMessage(), request, node.self().id());
        }
    }
}
