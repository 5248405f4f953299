package net.aisj.core.auth;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything the embedded AuthN keeps, as one versioned immutable document of the cluster (like the BMD): users,
 * roles, registered clusters, revoked tokens (by {@link Tokens#hash}, with their expiry so they can be dropped
 * once expired) and the signing key (a JWK with its private part; see {@link Tokens}). Every change makes a new
 * value with the next version.
 *
 * @param clusters registered clusters by id ({@code perm} unused)
 * @param revoked  revoked token hashes to their expiry (unix seconds)
 * @param revokedTokens the text of revoked tokens this AuthN revoked, by hash (dropped with them once expired): what
 *                 it sends to the clusters it registers (AIS's revoked list goes by token)
 */
public record AuthnState(
        long version,
        SortedMap<String, User> users,
        SortedMap<String, Role> roles,
        SortedMap<String, ClusterAcl> clusters,
        SortedMap<String, Long> revoked,
        SortedMap<String, String> revokedTokens,
        String signingJwk) {

    public AuthnState {
        users = Collections.unmodifiableSortedMap(new TreeMap<>(users));
        roles = Collections.unmodifiableSortedMap(new TreeMap<>(roles));
        clusters = Collections.unmodifiableSortedMap(new TreeMap<>(clusters));
        revoked = Collections.unmodifiableSortedMap(new TreeMap<>(revoked));
        revokedTokens = Collections.unmodifiableSortedMap(new TreeMap<>(revokedTokens));
        signingJwk = signingJwk == null ? "" : signingJwk;
    }

    /** Before anything was written: version 0, no key. */
    public static AuthnState empty() {
        return new AuthnState(
                0, new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), "");
    }

    public AuthnState withUser(User u) {
        return next(put(users, u.id(), u), roles, clusters, revoked, signingJwk);
    }

    public AuthnState withoutUser(String id) {
        return next(remove(users, id), roles, clusters, revoked, signingJwk);
    }

    /** Adds or replaces {@code r} and refreshes the copies users hold (AIS's role index). */
    public AuthnState withRole(Role r) {
        TreeMap<String, User> us = new TreeMap<>(users);
        us.replaceAll((id, u) -> u.withRoles(u.roles().stream()
                .map(old -> old.name().equals(r.name()) ? r : old)
                .toList()));
        return next(us, put(roles, r.name(), r), clusters, revoked, signingJwk);
    }

    /** Removes role {@code name} and takes it from every user. */
    public AuthnState withoutRole(String name) {
        TreeMap<String, User> us = new TreeMap<>(users);
        us.replaceAll((id, u) -> u.withRoles(
                u.roles().stream().filter(r -> !r.name().equals(name)).toList()));
        return next(us, remove(roles, name), clusters, revoked, signingJwk);
    }

    public AuthnState withCluster(ClusterAcl c) {
        return next(users, roles, put(clusters, c.id(), c), revoked, signingJwk);
    }

    public AuthnState withoutCluster(String id) {
        return next(users, roles, remove(clusters, id), revoked, signingJwk);
    }

    /**
     * Adds a revoked token and drops revoked tokens expired before {@code nowSec}.
     *
     * @param token the token's text to keep for the clusters this AuthN registers, or null (a token only this
     *              cluster must refuse, e.g. one another AuthN revoked)
     */
    public AuthnState withRevoked(String tokenHash, String token, long expiresAt, long nowSec) {
        TreeMap<String, Long> r = new TreeMap<>(revoked);
        r.values().removeIf(exp -> exp < nowSec);
        r.put(tokenHash, expiresAt);
        TreeMap<String, String> texts = new TreeMap<>(revokedTokens);
        texts.keySet().retainAll(r.keySet());
        if (token != null) {
            texts.put(tokenHash, token);
        }
        return new AuthnState(version + 1, users, roles, clusters, r, texts, signingJwk);
    }

    /** The revoked tokens (text) that have not expired by {@code nowSec}. */
    public java.util.List<String> liveRevokedTokens(long nowSec) {
        return revokedTokens.entrySet().stream()
                .filter(e -> revoked.getOrDefault(e.getKey(), 0L) >= nowSec)
                .map(Map.Entry::getValue)
                .toList();
    }

    public AuthnState withSigningJwk(String jwk) {
        return next(users, roles, clusters, revoked, jwk);
    }

    private AuthnState next(
            Map<String, User> u, Map<String, Role> r, Map<String, ClusterAcl> c, Map<String, Long> rv, String k) {
        return new AuthnState(
                version + 1, new TreeMap<>(u), new TreeMap<>(r), new TreeMap<>(c), new TreeMap<>(rv), revokedTokens, k);
    }

    private static <V> TreeMap<String, V> put(Map<String, V> m, String k, V v) {
        TreeMap<String, V> out = new TreeMap<>(m);
        out.put(k, v);
        return out;
    }

    private static <V> TreeMap<String, V> remove(Map<String, V> m, String k) {
        TreeMap<String, V> out = new TreeMap<>(m);
        out.remove(k);
        return out;
    }
}
