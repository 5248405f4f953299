package net.aisj.cluster;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import net.aisj.core.auth.Access;
import net.aisj.core.auth.AuthnState;
import net.aisj.core.auth.BucketAcl;
import net.aisj.core.auth.ClusterAcl;
import net.aisj.core.auth.Role;
import net.aisj.core.auth.User;

/**
 * AuthN documents as JSON: AIS's wire types ({@code Role}, {@code User}, {@code CluACL}, {@code BckACL}; permissions
 * as decimal strings) for the AuthN API, and the whole {@link AuthnState} as it is kept on the data grid and the
 * mountpaths. Malformed input fails with {@link IllegalArgumentException}.
 */
public final class AuthnJson {

    private AuthnJson() {}

    /** Parses a JSON object. */
    public static JsonObject object(String text) {
        try (var r = Json.createReader(new StringReader(text == null ? "" : text))) {
            return r.readObject();
        } catch (jakarta.json.JsonException | ClassCastException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ wire types

    public static JsonObjectBuilder role(Role r) {
        JsonArrayBuilder cs = Json.createArrayBuilder();
        r.clusters().forEach(c -> cs.add(cluster(c, true)));
        JsonArrayBuilder bs = Json.createArrayBuilder();
        r.buckets().forEach(b -> bs.add(bucket(b)));
        return Json.createObjectBuilder()
                .add("name", r.name())
                .add("desc", r.desc())
                .add("clusters", cs)
                .add("buckets", bs)
                .add("admin", r.admin());
    }

    public static Role roleOf(JsonObject o) {
        List<ClusterAcl> cs = new ArrayList<>();
        for (JsonObject c : objects(o, "clusters")) {
            cs.add(clusterOf(c));
        }
        List<BucketAcl> bs = new ArrayList<>();
        for (JsonObject b : objects(o, "buckets")) {
            JsonObject bck = b.get("bck") instanceof JsonObject x ? x : JsonValue.EMPTY_JSON_OBJECT;
            JsonObject ns = bck.get("namespace") instanceof JsonObject x ? x : JsonValue.EMPTY_JSON_OBJECT;
            bs.add(new BucketAcl(str(bck, "provider"), str(bck, "name"), str(ns, "uuid"), str(ns, "name"), perm(b)));
        }
        return new Role(str(o, "name"), str(o, "desc"), cs, bs, o.getBoolean("admin", false));
    }

    /** A cluster ACL or registration ({@code perm} only when {@code withPerm}). */
    public static JsonObjectBuilder cluster(ClusterAcl c, boolean withPerm) {
        JsonArrayBuilder urls = Json.createArrayBuilder();
        c.urls().forEach(urls::add);
        JsonObjectBuilder b = Json.createObjectBuilder().add("id", c.id());
        if (!c.alias().isEmpty()) {
            b.add("alias", c.alias());
        }
        b.add("urls", urls);
        if (withPerm) {
            b.add("perm", Access.format(c.perm()));
        }
        return b;
    }

    public static ClusterAcl clusterOf(JsonObject c) {
        List<String> urls = new ArrayList<>();
        if (c.get("urls") instanceof JsonArray a) {
            for (JsonValue v : a) {
                if (v instanceof JsonString s) {
                    urls.add(s.getString());
                }
            }
        }
        return new ClusterAcl(str(c, "id"), str(c, "alias"), urls, perm(c));
    }

    private static JsonObjectBuilder bucket(BucketAcl b) {
        return Json.createObjectBuilder()
                .add(
                        "bck",
                        Json.createObjectBuilder()
                                .add("name", b.name())
                                .add("provider", b.provider())
                                .add(
                                        "namespace",
                                        Json.createObjectBuilder()
                                                .add("uuid", b.nsUuid())
                                                .add("name", b.nsName())))
                .add("perm", Access.format(b.perm()));
    }

    /** A user as AIS's AuthN shows it: id and roles, never the password. */
    public static JsonObjectBuilder user(User u) {
        JsonArrayBuilder rs = Json.createArrayBuilder();
        u.roles().forEach(r -> rs.add(role(r)));
        return Json.createObjectBuilder().add("id", u.id()).add("roles", rs);
    }

    /** The roles of a user body ({@code "roles":[Role...]}; a role given by name only is looked up by the caller). */
    public static List<Role> rolesOf(JsonObject o) {
        List<Role> out = new ArrayList<>();
        if (o.get("roles") instanceof JsonArray a) {
            for (JsonValue v : a) {
                if (v instanceof JsonString s) {
                    out.add(new Role(s.getString(), "", List.of(), List.of(), false));
                } else if (v instanceof JsonObject r) {
                    out.add(roleOf(r));
                } else {
                    throw new IllegalArgumentException("roles: expected role objects or names");
                }
            }
        } else if (o.containsKey("roles") && o.get("roles") != JsonValue.NULL) {
            throw new IllegalArgumentException("roles: expected a list");
        }
        return out;
    }

    // ------------------------------------------------------------------ the stored document

    public static String stateText(AuthnState s) {
        JsonObjectBuilder users = Json.createObjectBuilder();
        s.users().forEach((id, u) -> {
            JsonArrayBuilder keys = Json.createArrayBuilder();
            u.s3Keys()
                    .forEach(k -> keys.add(Json.createObjectBuilder()
                            .add("access_key", k.accessKey())
                            .add("secret_key", k.secretKey())));
            users.add(id, user(u).add("hash", u.passwordHash()).add("s3_keys", keys));
        });
        JsonObjectBuilder roles = Json.createObjectBuilder();
        s.roles().forEach((n, r) -> roles.add(n, role(r)));
        JsonObjectBuilder clusters = Json.createObjectBuilder();
        s.clusters().forEach((id, c) -> clusters.add(id, cluster(c, false)));
        JsonObjectBuilder revoked = Json.createObjectBuilder();
        s.revoked().forEach(revoked::add);
        JsonObjectBuilder revokedTokens = Json.createObjectBuilder();
        s.revokedTokens().forEach(revokedTokens::add);
        return Json.createObjectBuilder()
                .add("version", s.version())
                .add("users", users)
                .add("roles", roles)
                .add("clusters", clusters)
                .add("revoked", revoked)
                .add("revoked_tokens", revokedTokens)
                .add("signing_jwk", s.signingJwk())
                .build()
                .toString();
    }

    public static AuthnState stateOf(String text) {
        JsonObject o = object(text);
        TreeMap<String, User> users = new TreeMap<>();
        for (var e : obj(o, "users").entrySet()) {
            JsonObject u = e.getValue().asJsonObject();
            List<User.S3Key> keys = new ArrayList<>();
            for (JsonObject k : objects(u, "s3_keys")) {
                keys.add(new User.S3Key(str(k, "access_key"), str(k, "secret_key")));
            }
            users.put(e.getKey(), new User(e.getKey(), str(u, "hash"), rolesOf(u), keys));
        }
        TreeMap<String, Role> roles = new TreeMap<>();
        obj(o, "roles").forEach((n, r) -> roles.put(n, roleOf(r.asJsonObject())));
        TreeMap<String, ClusterAcl> clusters = new TreeMap<>();
        obj(o, "clusters").forEach((id, c) -> clusters.put(id, clusterOf(c.asJsonObject())));
        TreeMap<String, Long> revoked = new TreeMap<>();
        obj(o, "revoked").forEach((h, exp) -> revoked.put(h, ((JsonNumber) exp).longValue()));
        TreeMap<String, String> revokedTokens = new TreeMap<>();
        obj(o, "revoked_tokens").forEach((h, t) -> revokedTokens.put(h, ((JsonString) t).getString()));
        return new AuthnState(
                o.getJsonNumber("version").longValue(),
                users,
                roles,
                clusters,
                revoked,
                revokedTokens,
                str(o, "signing_jwk"));
    }

    // ------------------------------------------------------------------ helpers

    private static long perm(JsonObject o) {
        JsonValue v = o.get("perm");
        if (v instanceof JsonString s) {
            return Access.parse(s.getString());
        }
        if (v instanceof JsonNumber n) {
            return n.bigIntegerValueExact().longValue();
        }
        return Access.NONE;
    }

    private static JsonObject obj(JsonObject o, String k) {
        return o.get(k) instanceof JsonObject x ? x : JsonValue.EMPTY_JSON_OBJECT;
    }

    private static List<JsonObject> objects(JsonObject o, String k) {
        List<JsonObject> out = new ArrayList<>();
        if (o.get(k) instanceof JsonArray a) {
            for (JsonValue v : a) {
                if (!(v instanceof JsonObject x)) {
                    throw new IllegalArgumentException(k + ": expected a list of objects");
                }
                out.add(x);
            }
        }
        return out;
    }

    private static String str(JsonObject o, String k) {
        JsonValue v = o.get(k);
        if (v == null || v == JsonValue.NULL) {
            return "";
        }
        if (!(v instanceof JsonString s)) {
            throw new IllegalArgumentException(k + ": expected a string");
        }
        return s.getString();
    }
}
