package net.aisj.web.authn;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import net.aisj.cluster.AuthnJson;
import net.aisj.core.AisException;
import net.aisj.core.auth.Access;
import net.aisj.core.auth.AuthException;
import net.aisj.core.auth.Claims;
import net.aisj.core.auth.User;
import net.aisj.service.LocalNode;
import net.aisj.service.auth.AuthnDirectory;
import net.aisj.service.auth.AuthnService;
import net.aisj.service.auth.CallerAccess;
import net.aisj.web.nat.AisErrors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * AIS's AuthN server API, embedded in every node at {@code /authn} (so AIS's clients take
 * {@code AIS_AUTHN_URL=http://node:port/authn/}, trailing slash included). Same paths, bodies and statuses as
 * AIS's {@code cmd/authn}: administrator calls answer 401 to a caller that is not an administrator; login, revoke,
 * role and cluster reads, the public key, discovery and JWKS need no token. Extension of ours:
 * {@code POST/DELETE /authn/v1/users/<id>/s3-keys[/<access key>]} for S3 keys that act as the user.
 */
@Path("authn")
public class AuthnResource {

    @Inject
    AuthnService authn;

    @Inject
    LocalNode node;

    @Inject
    CallerAccess access;

    @Inject
    AuthnDirectory directory;

    /** AIS's {@code AIS_AUTHN_EXTERNAL_URL}: the {@code iss} of tokens; default: this node's URL + /authn. */
    @Inject
    @ConfigProperty(name = "AIS_AUTHN_EXTERNAL_URL")
    Optional<String> externalUrl;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    // ------------------------------------------------------------------ tokens

    @POST
    @Path("v1/users/{id}")
    public Response login(@PathParam("id") String id, String body) {
        return call(() -> {
            JsonObject o = AuthnJson.object(body);
            String pass = o.get("password") instanceof JsonString s ? s.getString() : null;
            Long expiresIn = o.get("expires_in") instanceof JsonNumber n ? n.longValue() : null;
            String token = authn.login(id, pass, expiresIn, issuer());
            return json(Json.createObjectBuilder().add("token", token));
        });
    }

    @DELETE
    @Path("v1/tokens")
    public Response revoke(String body) {
        return call(() -> {
            JsonObject o = AuthnJson.object(body);
            if (!(o.get("token") instanceof JsonString t) || t.getString().isEmpty()) {
                throw AisException.badRequest("expected {\"token\": \"<token>\"}");
            }
            authn.revoke(t.getString());
            return Response.ok().build();
        });
    }

    @GET
    @Path("v1/public-key")
    public Response publicKey() {
        return call(() ->
                json(Json.createObjectBuilder().add("public_key", authn.tokens().publicKeyPem())));
    }

    @GET
    @Path(".well-known/jwks.json")
    public Response jwks() {
        return call(() -> Response.ok(authn.tokens().jwks(), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "max-age=300, public")
                .build());
    }

    @GET
    @Path(".well-known/openid-configuration")
    public Response discovery() {
        return call(() -> {
            String iss = issuer();
            return json(Json.createObjectBuilder()
                    .add("issuer", iss)
                    .add("token_endpoint", iss + "/v1/tokens")
                    .add("userinfo_endpoint", iss + "/v1/users")
                    .add("jwks_uri", iss + "/.well-known/jwks.json")
                    .add(
                            "id_token_signing_alg_values_supported",
                            authn.tokens().algorithm().equals("HS256")
                                    ? Json.createArrayBuilder().add("HS256").add("RS256")
                                    : Json.createArrayBuilder().add("RS256")));
        });
    }

    /**
     * An extension of ours: the caller's effective permissions on this cluster (what the console shows). Auth off:
     * {@code {"auth": false, ...}} with what the buckets' {@code access} masks allow anybody, no token needed. Auth
     * on: the bearer's, 401 without a valid token. Permissions are AIS's decimal strings.
     */
    @GET
    @Path("v1/permissions")
    public Response permissions(@HeaderParam("Authorization") String auth) {
        return call(() -> {
            Optional<Claims> claims = authn.enabled() ? Optional.of(caller(auth)) : Optional.empty();
            CallerAccess.Effective e = access.effective(claims);
            JsonArrayBuilder bs = Json.createArrayBuilder();
            e.buckets()
                    .forEach((b, perm) -> bs.add(Json.createObjectBuilder()
                            .add("name", b.name())
                            .add("provider", b.provider())
                            .add("perm", Access.format(perm))));
            JsonObjectBuilder o = Json.createObjectBuilder().add("auth", authn.enabled());
            claims.ifPresent(c -> o.add("user", c.subject()).add("admin", c.admin()));
            return json(o.add("cluster", Access.format(e.cluster())).add("buckets", bs));
        });
    }

    // ------------------------------------------------------------------ users

    @POST
    @Path("v1/users")
    public Response addUser(@HeaderParam("Authorization") String auth, String body) {
        return call(() -> {
            admin(auth);
            JsonObject o = AuthnJson.object(body);
            directory.addUser(str(o, "id"), password(o), roleNames(o));
            return Response.ok().build();
        });
    }

    @PUT
    @Path("v1/users/{id}")
    public Response updateUser(@HeaderParam("Authorization") String auth, @PathParam("id") String id, String body) {
        return call(() -> {
            Claims c = caller(auth);
            JsonObject o = AuthnJson.object(body);
            List<String> roles = o.containsKey("roles") && o.get("roles") != JsonValue.NULL ? roleNames(o) : null;
            if (!c.admin() && (!c.subject().equals(id) || roles != null)) {
                throw AuthException.unauthenticated(
                        "not authorized: only an administrator may change another" + " user or roles");
            }
            directory.updateUser(id, password(o), roles);
            return Response.ok().build();
        });
    }

    @GET
    @Path("v1/users")
    public Response users(@HeaderParam("Authorization") String auth) {
        return call(() -> {
            admin(auth);
            JsonObjectBuilder out = Json.createObjectBuilder();
            directory.users().forEach(u -> out.add(u.id(), AuthnJson.user(u)));
            return json(out);
        });
    }

    @GET
    @Path("v1/users/{id}")
    public Response user(@HeaderParam("Authorization") String auth, @PathParam("id") String id) {
        return call(() -> {
            self(auth, id);
            return json(AuthnJson.user(directory.user(id)));
        });
    }

    @DELETE
    @Path("v1/users/{id}")
    public Response deleteUser(@HeaderParam("Authorization") String auth, @PathParam("id") String id) {
        return call(() -> {
            admin(auth);
            directory.deleteUser(id);
            return Response.ok().build();
        });
    }

    @POST
    @Path("v1/users/{id}/s3-keys")
    public Response addS3Key(@HeaderParam("Authorization") String auth, @PathParam("id") String id) {
        return call(() -> {
            self(auth, id);
            User.S3Key k = directory.addS3Key(id);
            return json(
                    Json.createObjectBuilder().add("access_key", k.accessKey()).add("secret_key", k.secretKey()));
        });
    }

    @DELETE
    @Path("v1/users/{id}/s3-keys/{ak}")
    public Response deleteS3Key(
            @HeaderParam("Authorization") String auth, @PathParam("id") String id, @PathParam("ak") String ak) {
        return call(() -> {
            self(auth, id);
            directory.deleteS3Key(id, ak);
            return Response.ok().build();
        });
    }

    // ------------------------------------------------------------------ roles

    @POST
    @Path("v1/roles")
    public Response addRole(@HeaderParam("Authorization") String auth, String body) {
        return call(() -> {
            admin(auth);
            directory.addRole(AuthnJson.roleOf(AuthnJson.object(body)));
            return Response.ok().build();
        });
    }

    @PUT
    @Path("v1/roles/{name}")
    public Response updateRole(@HeaderParam("Authorization") String auth, @PathParam("name") String name, String body) {
        return call(() -> {
            admin(auth);
            directory.updateRole(name, AuthnJson.roleOf(AuthnJson.object(body)));
            return Response.ok().build();
        });
    }

    @DELETE
    @Path("v1/roles/{name}")
    public Response deleteRole(@HeaderParam("Authorization") String auth, @PathParam("name") String name) {
        return call(() -> {
            admin(auth);
            directory.deleteRole(name);
            return Response.ok().build();
        });
    }

    @GET
    @Path("v1/roles")
    public Response roles() {
        return call(() -> {
            JsonArrayBuilder out = Json.createArrayBuilder();
            directory.roles().forEach(r -> out.add(AuthnJson.role(directory.role(r.name()))));
            return Response.ok(out.build().toString(), MediaType.APPLICATION_JSON_TYPE)
                    .build();
        });
    }

    @GET
    @Path("v1/roles/{name}")
    public Response role(@PathParam("name") String name) {
        return call(() -> json(AuthnJson.role(directory.role(name))));
    }

    // ------------------------------------------------------------------ clusters

    @POST
    @Path("v1/clusters")
    public Response register(@HeaderParam("Authorization") String auth, String body) {
        return call(() -> {
            admin(auth);
            authn.registerCluster(AuthnJson.clusterOf(AuthnJson.object(body)));
            return Response.ok().build();
        });
    }

    @PUT
    @Path("v1/clusters/{id}")
    public Response updateCluster(@HeaderParam("Authorization") String auth, @PathParam("id") String id, String body) {
        return call(() -> {
            admin(auth);
            authn.updateCluster(id, AuthnJson.clusterOf(AuthnJson.object(body)));
            return Response.ok().build();
        });
    }

    @DELETE
    @Path("v1/clusters/{id}")
    public Response deleteCluster(@HeaderParam("Authorization") String auth, @PathParam("id") String id) {
        return call(() -> {
            admin(auth);
            authn.deleteCluster(id);
            return Response.ok().build();
        });
    }

    @GET
    @Path("v1/clusters")
    public Response clusters() {
        return call(() -> {
            JsonObjectBuilder m = Json.createObjectBuilder();
            authn.clusters().forEach(c -> m.add(c.id(), AuthnJson.cluster(c, false)));
            return json(Json.createObjectBuilder().add("clusters", m));
        });
    }

    @GET
    @Path("v1/clusters/{id}")
    public Response cluster(@PathParam("id") String id) {
        return call(() -> {
            var c = authn.cluster(id);
            return json(Json.createObjectBuilder()
                    .add("clusters", Json.createObjectBuilder().add(c.id(), AuthnJson.cluster(c, false))));
        });
    }

    // ------------------------------------------------------------------ helpers

    private String issuer() {
        return externalUrl
                .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u)
                .orElseGet(() -> {
                    String base = uri.getBaseUri().toString();
                    return (base.endsWith("/") ? base : base + "/") + "authn";
                });
    }

    private Claims caller(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw AuthException.unauthenticated("token required (Authorization: Bearer <token>)");
        }
        return authn.verify(authorization.substring(7).trim());
    }

    private Claims admin(String authorization) {
        Claims c = caller(authorization);
        if (!c.admin()) {
            throw AuthException.unauthenticated("not authorized: administrator token required");
        }
        return c;
    }

    private void self(String authorization, String id) {
        Claims c = caller(authorization);
        if (!c.admin() && !c.subject().equals(id)) {
            throw AuthException.unauthenticated("not authorized: administrator or user \"" + id + "\" only");
        }
    }

    private static String password(JsonObject o) {
        for (String k : List.of("pass", "password")) {
            if (o.get(k) instanceof JsonString s) {
                return s.getString();
            }
        }
        return null;
    }

    private static List<String> roleNames(JsonObject o) {
        return AuthnJson.rolesOf(o).stream().map(net.aisj.core.auth.Role::name).toList();
    }

    private static String str(JsonObject o, String k) {
        return o.get(k) instanceof JsonString s ? s.getString() : null;
    }

    private static Response json(JsonObjectBuilder b) {
        return Response.ok(b.build().toString(), MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    /** Runs a call and maps its failures to AIS's JSON errors. */
    private Response call(Supplier<Response> body) {
        try {
            return body.get();
        } catch (AuthException e) {
            return error(e.status(), e.getMessage());
        } catch (AisException e) {
            int status = switch (e.kind()) {
                case BAD_REQUEST -> 400;
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
                case UNAVAILABLE -> 503;
                default -> 500;
            };
            return error(status, e.getMessage());
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
    }

    private Response error(int status, String message) {
        return AisErrors.response(status, message, request, node.self().id());
    }
}
