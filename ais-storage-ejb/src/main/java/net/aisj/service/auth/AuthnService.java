package net.aisj.service.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.aisj.cluster.AuthnJson;
import net.aisj.cluster.DataGrid;
import net.aisj.cluster.VersionedStore;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageException;
import net.aisj.core.AisException;
import net.aisj.core.GoDuration;
import net.aisj.core.auth.Access;
import net.aisj.core.auth.AuthException;
import net.aisj.core.auth.AuthnState;
import net.aisj.core.auth.Claims;
import net.aisj.core.auth.ClusterAcl;
import net.aisj.core.auth.Passwords;
import net.aisj.core.auth.Role;
import net.aisj.core.auth.Tokens;
import net.aisj.core.auth.User;
import net.aisj.service.LocalNode;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * AIS's AuthN, embedded: the state ({@link AuthnState}) is one versioned document on the data grid, written to every
 * node's mountpaths like the BMD, so every node serves the AuthN API and checks tokens with the same key, and a full
 * restart keeps users, roles, revocations and the key. On first start the signing key is generated and, when
 * {@code AIS_AUTHN_SU_PASS} is set, the administrator {@code AIS_AUTHN_SU_NAME} (default {@code admin}) with role
 * {@code Admin} is created (AIS's bootstrap). Failures are {@link AuthException} (401/403) or {@link AisException}
 * (400/404/409). Thread-safe.
 */
@ApplicationScoped
public class AuthnService {

    private static final Logger LOG = Logger.getLogger(AuthnService.class.getName());
    private static final String DOC = "authn";
    private static final long MIN_TTL_SEC = 60;
    /** AIS's {@code selfTokenTTL}: AuthN's own token for its calls to a cluster. */
    private static final long SELF_TOKEN_SEC = 300;

    @Inject
    LocalNode node;

    @Inject
    DataGrid grid;

    @Inject
    AuthnPeers peers;

    /** AIS's {@code auth.enabled}: every native and S3 call needs a valid token or key. */
    @Inject
    @ConfigProperty(name = "auth.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "AIS_AUTHN_SU_NAME", defaultValue = "admin")
    String suName;

    @Inject
    @ConfigProperty(name = "AIS_AUTHN_SU_PASS")
    Optional<String> suPass;

    /** Default token lifetime (AIS {@code auth.expiration_time}, env {@code AIS_AUTHN_TTL}). */
    @Inject
    @ConfigProperty(name = "auth.expiration_time", defaultValue = "24h")
    String ttl;

    @Inject
    @ConfigProperty(name = "auth.max_token_age", defaultValue = "2160h")
    String maxAge;

    /** AIS's {@code AIS_AUTHN_EXTERNAL_URL}: the {@code iss} of tokens (default: the node's URL + /authn). */
    @Inject
    @ConfigProperty(name = "AIS_AUTHN_EXTERNAL_URL")
    Optional<String> externalUrl;

    /** AIS AuthN's HMAC secret: when set, tokens are issued HS256 with it (RS256 otherwise). */
    @Inject
    @ConfigProperty(name = "AIS_AUTHN_SECRET_KEY")
    Optional<String> issueSecret;

    /** AIS's {@code auth.signature.key}: the HMAC secret HS256 tokens are checked with (default: the one above). */
    @Inject
    @ConfigProperty(name = "auth.signature.key")
    Optional<String> checkSecret;

    private volatile VersionedStore<AuthnState> store;
    private volatile Tokens tokens;
    private volatile String tokensKey = "";

    /** Opens the state at startup (StorageNode): the newest copy on the mountpaths is offered to the grid. */
    public synchronized void open(StorageConnection c) throws StorageException {
        if (store != null) {
            return;
        }
        AuthnState best = null;
        for (byte[] doc : c.loadMeta(DOC)) {
            try {
                AuthnState s = AuthnJson.stateOf(new String(doc, StandardCharsets.UTF_8));
                if (best == null || s.version() > best.version()) {
                    best = s;
                }
            } catch (RuntimeException e) {
                LOG.warning("ignoring an unreadable " + DOC + " copy on a mountpath: " + e.getMessage());
            }
        }
        VersionedStore<AuthnState> s = grid.versionedStore(
                DOC, AuthnJson::stateOf, AuthnJson::stateText, AuthnState::version, AuthnState::empty);
        s.addListener(this::persist);
        if (best != null) {
            s.offer(best);
        }
        store = s;
        bootstrap();
        try {
            tokens();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("AIS_AUTHN_SECRET_KEY / auth.signature.key: " + e.getMessage(), e);
        }
        if (enabled) {
            LOG.info(() -> "auth.enabled: every API call needs an AuthN token; "
                    + store.current().users().size() + " user(s)");
        }
    }

    private void bootstrap() {
        String pass = suPass.map(String::trim).orElse("");
        store.update(st -> {
            AuthnState next = st;
            if (next.signingJwk().isEmpty()) {
                next = next.withSigningJwk(Tokens.newKey());
            }
            if (!next.roles().containsKey(Role.ADMIN_ROLE)) {
                next = next.withRole(new Role(Role.ADMIN_ROLE, "AuthN administrator", List.of(), List.of(), true));
            }
            if (!pass.isEmpty() && !next.users().containsKey(suName)) {
                next = next.withUser(new User(
                        suName, Passwords.hash(pass), List.of(next.roles().get(Role.ADMIN_ROLE)), List.of()));
            }
            return next;
        });
        if (enabled && !store.current().users().containsKey(suName)) {
            LOG.warning("auth.enabled but no administrator \"" + suName + "\": set AIS_AUTHN_SU_PASS (and"
                    + " AIS_AUTHN_SU_NAME) on the first start");
        }
    }

    /** Whether calls need a token ({@code auth.enabled}). */
    public boolean enabled() {
        return enabled;
    }

    /** This cluster's id (the Smap uuid, what AIS's clients read as the cluster's): what cluster ACLs name. */
    public String clusterId() {
        return node.clusterMap().uuid();
    }

    /** The state now (read-only). */
    public AuthnState state() {
        return store().current();
    }

    /** The signer/verifier of the current key. */
    public Tokens tokens() {
        String jwk = state().signingJwk();
        Tokens t = tokens;
        if (t == null || !tokensKey.equals(jwk)) {
            t = new Tokens(jwk, issueSecret.orElse(null), checkSecret.orElse(null));
            tokens = t;
            tokensKey = jwk;
        }
        return t;
    }

    // ------------------------------------------------------------------ tokens

    /**
     * AIS's login: a token for {@code userId} when {@code password} matches.
     *
     * @param expiresInNanos the requested lifetime (AIS {@code expires_in}, ns); null = default; 0 = maximum
     * @throws AuthException 401 "invalid credentials"
     * @throws AisException  400 for a lifetime under a minute or over the maximum
     */
    public String login(String userId, String password, Long expiresInNanos, String issuer) {
        User u = state().users().get(userId);
        if (u == null || !Passwords.matches(password, u.passwordHash())) {
            throw AuthException.unauthenticated("invalid credentials");
        }
        long now = nowSec();
        long max = GoDuration.millis(maxAge, "auth.max_token_age") / 1000;
        long life;
        if (expiresInNanos == null) {
            life = GoDuration.millis(ttl, "auth.expiration_time") / 1000;
        } else if (expiresInNanos == 0) {
            life = max;
        } else {
            life = expiresInNanos / 1_000_000_000L;
            if (life < MIN_TTL_SEC || life > max) {
                throw AisException.badRequest("invalid expires_in: " + expiresInNanos + "ns (expected at least 1m"
                        + " and at most " + maxAge + ")");
            }
        }
        return issue(Claims.of(u, now + life), issuer, now);
    }

    /** A token for {@code claims} (tests and S3 keys use the same path as login). */
    String issue(Claims claims, String issuer, long now) {
        List<String> aud = new ArrayList<>();
        if (claims.admin()) {
            aud.addAll(state().clusters().keySet());
        } else {
            claims.clusters().stream()
                    .map(ClusterAcl::id)
                    .filter(id -> !id.isEmpty())
                    .distinct()
                    .forEach(aud::add);
        }
        return tokens().issue(claims, issuer, aud, now);
    }

    /**
     * The claims of a token, checked offline: signature with this cluster's AuthN key, expiry, and the revoked list.
     *
     * @throws AuthException 401
     */
    public Claims verify(String token) {
        Claims c = tokens().verify(token, nowSec());
        if (state().revoked().containsKey(Tokens.hash(token))) {
            throw AuthException.unauthenticated("token has been revoked");
        }
        return c;
    }

    /**
     * Revokes a token (AIS logout) on every node, and sends it to every other registered cluster (in the background);
     * an expired one needs nothing. Idempotent.
     */
    public void revoke(String token) {
        if (addRevoked(token, true)) {
            String own = clusterId();
            List<ClusterAcl> others =
                    clusters().stream().filter(c -> !c.id().equals(own)).toList();
            if (!others.isEmpty()) {
                peers.broadcastRevoked(others, this::selfToken, token);
            }
        }
    }

    /**
     * The cluster's side (AIS {@code DELETE /v1/tokens} on a proxy): this cluster refuses {@code token} from now on,
     * on every node. Not sent anywhere else. A token this cluster cannot verify (expired, foreign key) is ignored: it
     * is refused anyway. Idempotent.
     */
    public void acceptRevoked(String token) {
        try {
            addRevoked(token, false);
        } catch (AuthException e) {
            // a token this cluster cannot verify is refused anyway: nothing to keep
        }
    }

    /** Adds a revoked token; true when it was not revoked before. */
    private boolean addRevoked(String token, boolean keepText) {
        long now = nowSec();
        try {
            tokens().verify(token, now);
        } catch (AuthException e) {
            if (e.getMessage().equals("token expired")) {
                return false;
            }
            throw e;
        }
        String h = Tokens.hash(token);
        long exp = Tokens.expiryOf(token);
        boolean[] added = {false};
        store().update(st -> {
            added[0] = false;
            if (st.revoked().containsKey(h)) {
                return st;
            }
            added[0] = true;
            return st.withRevoked(h, keepText ? token : null, exp, now);
        });
        return added[0];
    }

    /**
     * AuthN's own token for its calls to cluster {@code clusterId} (AIS {@code selfToken}): an administrator token,
     * {@code sub} {@code AuthN}, {@code aud} the cluster, valid 5 minutes.
     */
    String selfToken(String clusterId) {
        long now = nowSec();
        String iss = externalUrl
                .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u)
                .orElseGet(() -> node.self().publicUrl() + "/authn");
        return tokens().issue(
                        new Claims("AuthN", now + SELF_TOKEN_SEC, true, List.of(), List.of()),
                        iss,
                        List.of(clusterId),
                        now);
    }

    // ------------------------------------------------------------------ clusters

    /**
     * Registers a cluster (AIS {@code POST /v1/clusters}) after AIS's handshake with it ({@link AuthnPeers#handshake}:
     * it is the cluster of that id, accepts this AuthN's tokens and gets the revoked ones) and creates its three
     * predefined roles ({@code ClusterOwner-}, {@code BucketOwner-}, {@code Guest-<alias>}).
     *
     * @throws AisException CONFLICT for an id or alias already registered, BAD_REQUEST when the handshake fails
     */
    public void registerCluster(ClusterAcl c) {
        if (c.id().isEmpty()) {
            throw AisException.badRequest("cluster id is required");
        }
        String alias = c.alias().isEmpty() ? c.id() : c.alias();
        notRegistered(state(), c.id(), alias);
        peers.handshake(c, selfToken(c.id()), state().liveRevokedTokens(nowSec()));
        store().update(st -> {
            notRegistered(st, c.id(), alias);
            AuthnState next = st.withCluster(new ClusterAcl(c.id(), alias, c.urls(), 0));
            next = predefined(next, "ClusterOwner-" + alias, "Admin access to " + alias, c.id(), Access.ALL);
            next = predefined(next, "BucketOwner-" + alias, "Full access to buckets in " + alias, c.id(), Access.RW);
            return predefined(next, "Guest-" + alias, "Read-only access to buckets in " + alias, c.id(), Access.RO);
        });
    }

    private static void notRegistered(AuthnState st, String id, String alias) {
        if (st.clusters().containsKey(id)
                || st.clusters().values().stream().anyMatch(x -> x.alias().equals(alias))) {
            throw AisException.conflict("cluster " + id + " (alias " + alias + ") is already registered");
        }
    }

    private static AuthnState predefined(AuthnState st, String name, String desc, String id, long perm) {
        return st.roles().containsKey(name)
                ? st
                : st.withRole(new Role(name, desc, List.of(new ClusterAcl(id, perm)), List.of(), false));
    }

    /** Changes a cluster's alias or URLs (AIS {@code PUT /v1/clusters/<id>}); new URLs go through the handshake. */
    public void updateCluster(String id, ClusterAcl c) {
        ClusterAcl now = cluster(id);
        if (!c.urls().isEmpty() && !c.urls().equals(now.urls())) {
            peers.handshake(new ClusterAcl(now.id(), now.alias(), c.urls(), 0), selfToken(now.id()), List.of());
        }
        store().update(st -> {
            ClusterAcl old = cluster(st, id);
            return st.withCluster(new ClusterAcl(
                    old.id(),
                    c.alias().isEmpty() ? old.alias() : c.alias(),
                    c.urls().isEmpty() ? old.urls() : c.urls(),
                    0));
        });
    }

    public void deleteCluster(String id) {
        store().update(st -> {
            return st.withoutCluster(cluster(st, id).id());
        });
    }

    public Collection<ClusterAcl> clusters() {
        return state().clusters().values();
    }

    public ClusterAcl cluster(String id) {
        return cluster(state(), id);
    }

    // ------------------------------------------------------------------ helpers

    /** The registered cluster whose id or alias is {@code id} (AIS looks clusters up either way). */
    private static ClusterAcl cluster(AuthnState st, String id) {
        ClusterAcl c = st.clusters().get(id);
        if (c == null) {
            c = st.clusters().values().stream()
                    .filter(x -> x.alias().equals(id))
                    .findFirst()
                    .orElse(null);
        }
        if (c == null) {
            throw AisException.notFound("cluster " + id + " is not registered");
        }
        return c;
    }

    private static long nowSec() {
        return System.currentTimeMillis() / 1000;
    }

    /** Changes the state on every node (the directory's writes go through here). */
    void update(java.util.function.UnaryOperator<AuthnState> change) {
        store().update(change::apply);
    }

    /** The built-in administrator's name ({@code AIS_AUTHN_SU_NAME}). */
    String adminName() {
        return suName;
    }

    private VersionedStore<AuthnState> store() {
        VersionedStore<AuthnState> s = store;
        if (s == null) {
            throw new AisException(AisException.Kind.UNAVAILABLE, "the node is starting: AuthN not open yet");
        }
        return s;
    }

    private void persist(AuthnState st) {
        try (StorageConnection c = node.connection()) {
            c.storeMeta(DOC, AuthnJson.stateText(st).getBytes(StandardCharsets.UTF_8));
        } catch (StorageException | AisException e) {
            LOG.log(Level.WARNING, "cannot persist " + DOC + " v" + st.version() + ": " + e.getMessage());
        }
    }
}
