package net.aisj.service.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import net.aisj.core.AisException;
import net.aisj.core.auth.AuthException;
import net.aisj.core.auth.AuthnState;
import net.aisj.core.auth.Claims;
import net.aisj.core.auth.ClusterAcl;
import net.aisj.core.auth.Passwords;
import net.aisj.core.auth.Role;
import net.aisj.core.auth.User;

/**
 * AuthN's directory: users (with their S3 keys) and roles, AIS's {@code /v1/users} and {@code /v1/roles}. Kept in
 * the one AuthN state of {@link AuthnService} (which owns its storage, the tokens and the registered clusters).
 * Failures are {@link AuthException} (403 for the built-in administrator and role) or {@link AisException}
 * (400/404/409). Thread-safe.
 */
@ApplicationScoped
public class AuthnDirectory {

    private static final Pattern NICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AuthnService authn;

    // ------------------------------------------------------------------ users

    /** Adds a user; roles are named (their stored definitions are copied in). */
    public void addUser(String id, String password, List<String> roleNames) {
        checkName("user", id);
        if (password == null || password.isEmpty()) {
            throw AisException.badRequest("user " + id + ": password is required");
        }
        String hash = Passwords.hash(password);
        authn.update(st -> {
            if (st.users().containsKey(id)) {
                throw AisException.conflict("user \"" + id + "\" already exists");
            }
            return st.withUser(new User(id, hash, resolve(st, roleNames), List.of()));
        });
    }

    /**
     * Changes a user's password and/or roles (null = unchanged). The built-in administrator's roles cannot change.
     */
    public void updateUser(String id, String password, List<String> roleNames) {
        String hash = password == null || password.isEmpty() ? null : Passwords.hash(password);
        authn.update(st -> {
            User u = user(st, id);
            if (roleNames != null && id.equals(authn.adminName())) {
                throw AuthException.forbidden("cannot change the roles of the built-in administrator");
            }
            User next = hash == null ? u : u.withPasswordHash(hash);
            if (roleNames != null) {
                next = next.withRoles(resolve(st, roleNames));
            }
            return st.withUser(next);
        });
    }

    public void deleteUser(String id) {
        if (id.equals(authn.adminName())) {
            throw AuthException.forbidden("cannot delete the built-in administrator");
        }
        authn.update(st -> {
            user(st, id);
            return st.withoutUser(id);
        });
    }

    public Collection<User> users() {
        return authn.state().users().values();
    }

    public User user(String id) {
        return user(authn.state(), id);
    }

    /** A new S3 access key pair that acts as user {@code id} (an extension of ours). */
    public User.S3Key addS3Key(String id) {
        User.S3Key k = new User.S3Key("AK" + hex(9).toUpperCase(java.util.Locale.ROOT), hex(20));
        authn.update(st -> {
            User u = user(st, id);
            List<User.S3Key> keys = new ArrayList<>(u.s3Keys());
            keys.add(k);
            return st.withUser(u.withS3Keys(keys));
        });
        return k;
    }

    /** Deletes an S3 access key of user {@code id}. */
    public void deleteS3Key(String id, String accessKey) {
        authn.update(st -> {
            User u = user(st, id);
            List<User.S3Key> keys = u.s3Keys().stream()
                    .filter(k -> !k.accessKey().equals(accessKey))
                    .toList();
            if (keys.size() == u.s3Keys().size()) {
                throw AisException.notFound("user \"" + id + "\" has no S3 access key " + accessKey);
            }
            return st.withUser(u.withS3Keys(keys));
        });
    }

    /** The user an S3 access key belongs to, and its secret. */
    public Optional<KeyOwner> s3KeyOwner(String accessKey) {
        for (User u : authn.state().users().values()) {
            for (User.S3Key k : u.s3Keys()) {
                if (k.accessKey().equals(accessKey)) {
                    return Optional.of(new KeyOwner(u, k.secretKey()));
                }
            }
        }
        return Optional.empty();
    }

    /** An S3 key's user and secret. */
    public record KeyOwner(User user, String secretKey) {
        /** The claims the user's roles give now (checked per request, so role changes apply at once). */
        public Claims claims() {
            return Claims.of(user, Long.MAX_VALUE / 2);
        }
    }

    // ------------------------------------------------------------------ roles

    public void addRole(Role r) {
        checkName("role", r.name());
        authn.update(st -> {
            if (st.roles().containsKey(r.name())) {
                throw AisException.conflict("role \"" + r.name() + "\" already exists");
            }
            return st.withRole(r);
        });
    }

    public void updateRole(String name, Role r) {
        Role renamed = new Role(name, r.desc(), r.clusters(), r.buckets(), r.admin());
        authn.update(st -> {
            role(st, name);
            return st.withRole(renamed);
        });
    }

    public void deleteRole(String name) {
        if (name.equals(Role.ADMIN_ROLE)) {
            throw AuthException.forbidden("cannot delete the built-in role " + Role.ADMIN_ROLE);
        }
        authn.update(st -> {
            role(st, name);
            return st.withoutRole(name);
        });
    }

    public Collection<Role> roles() {
        return authn.state().roles().values();
    }

    /** A role, with the alias of each registered cluster filled in (AIS). */
    public Role role(String name) {
        AuthnState st = authn.state();
        Role r = role(st, name);
        return new Role(
                r.name(),
                r.desc(),
                r.clusters().stream()
                        .map(c -> Optional.ofNullable(st.clusters().get(c.id()))
                                .map(reg -> new ClusterAcl(c.id(), reg.alias(), reg.urls(), c.perm()))
                                .orElse(c))
                        .toList(),
                r.buckets(),
                r.admin());
    }

    // ------------------------------------------------------------------ helpers

    private static List<Role> resolve(AuthnState st, List<String> names) {
        List<Role> out = new ArrayList<>();
        for (String n : names == null ? List.<String>of() : names) {
            out.add(role(st, n));
        }
        return out;
    }

    private static User user(AuthnState st, String id) {
        User u = st.users().get(id);
        if (u == null) {
            throw AisException.notFound("user \"" + id + "\" does not exist");
        }
        return u;
    }

    private static Role role(AuthnState st, String name) {
        Role r = st.roles().get(name);
        if (r == null) {
            throw AisException.notFound("role \"" + name + "\" does not exist");
        }
        return r;
    }

    private static void checkName(String what, String name) {
        if (name == null || !NICE.matcher(name).matches()) {
            throw AisException.badRequest("invalid " + what + " name \"" + name
                    + "\": letters, digits, '-', '_' and '.' only (1 to 64, not starting with a symbol)");
        }
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
