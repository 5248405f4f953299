package net.aisj.core.auth;

import java.util.List;

/**
 * An AuthN user: its password hash ({@link Passwords}), its roles (copies, refreshed when a role changes) and the
 * S3 access keys that act as this user.
 */
public record User(String id, String passwordHash, List<Role> roles, List<S3Key> s3Keys) {

    public User {
        roles = roles == null ? List.of() : List.copyOf(roles);
        s3Keys = s3Keys == null ? List.of() : List.copyOf(s3Keys);
    }

    /** An S3 access key pair of a user (the secret is needed to check SigV4, so it is kept as is). */
    public record S3Key(String accessKey, String secretKey) {}

    /** Whether one of the user's roles is an administrator role. */
    public boolean admin() {
        return roles.stream().anyMatch(Role::admin);
    }

    public User withRoles(List<Role> r) {
        return new User(id, passwordHash, r, s3Keys);
    }

    public User withPasswordHash(String h) {
        return new User(id, h, roles, s3Keys);
    }

    public User withS3Keys(List<S3Key> k) {
        return new User(id, passwordHash, roles, k);
    }
}
