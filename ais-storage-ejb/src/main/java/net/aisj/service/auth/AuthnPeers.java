package net.aisj.service.auth;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Logger;
import net.aisj.cluster.AuthnCalls;
import net.aisj.core.AisException;
import net.aisj.core.auth.ClusterAcl;
import net.aisj.service.TlsSettings;

/**
 * AuthN's side of the clusters it registers (AIS {@code cmd/authn/aisreq.go}): the registration handshake (the
 * cluster at the given URLs must be the cluster of the given id, must accept this AuthN's tokens and receives the
 * revoked tokens) and the broadcast of a revoked token to every registered cluster. A cluster with several URLs is
 * asked at the first that answers. Calls to {@code https} URLs trust what intra-cluster calls trust (see
 * {@link TlsSettings#clientContext()}) when the node runs TLS, else the JDK's authorities. Thread-safe.
 */
@ApplicationScoped
public class AuthnPeers {

    private static final Logger LOG = Logger.getLogger(AuthnPeers.class.getName());
    /** Rounds of a revocation broadcast to a cluster that does not answer (AIS retries for a minute). */
    private static final int BROADCAST_ROUNDS = 5;

    private static final long ROUND_PAUSE_MS = 2000;

    @Inject
    TlsSettings tls;

    @Resource
    ManagedExecutorService executor;

    private volatile AuthnCalls calls;

    /**
     * The registration handshake: at the first of {@code c}'s URLs that answers, the cluster map's uuid must be
     * {@code c}'s id, the cluster must accept {@code selfToken} ({@code POST /v1/tokens}) and then gets
     * {@code revoked} ({@code DELETE /v1/tokens}).
     *
     * @throws AisException BAD_REQUEST naming the URL and what it answered: no URL, another cluster's id, a token
     *                      refused, or no URL reachable
     */
    public void handshake(ClusterAcl c, String selfToken, List<String> revoked) {
        if (c.urls().isEmpty()) {
            throw AisException.badRequest("cluster " + c.id() + ": \"urls\" is required (AuthN checks the cluster at"
                    + " them: that it is the cluster \"" + c.id() + "\" and that it accepts this AuthN's tokens)");
        }
        List<String> failures = new ArrayList<>();
        for (String url : c.urls()) {
            try {
                String id = calls().clusterId(url, selfToken);
                if (!id.equals(c.id())) {
                    throw AisException.badRequest("the cluster at " + url + " is \"" + id + "\", not \"" + c.id()
                            + "\": register it with its own id (its cluster map uuid)");
                }
                calls().validate(url, selfToken);
                if (!revoked.isEmpty()) {
                    calls().revoked(url, selfToken, revoked);
                }
                return;
            } catch (AuthnCalls.CallException e) {
                failures.add(e.getMessage()
                        + (e.status() == 401 ? " (the cluster does not trust this AuthN's signing key)" : ""));
            }
        }
        throw AisException.badRequest("cannot register cluster " + c.id() + ": " + String.join("; ", failures));
    }

    /**
     * Sends {@code token} as revoked to every cluster in {@code clusters}, in the background; a cluster that does not
     * answer is asked again a few times, then a WARNING names it.
     *
     * @param selfToken AuthN's token for a cluster id
     */
    public void broadcastRevoked(Collection<ClusterAcl> clusters, Function<String, String> selfToken, String token) {
        for (ClusterAcl c : clusters) {
            executor.execute(() -> sendRevoked(c, selfToken, token));
        }
    }

    private void sendRevoked(ClusterAcl c, Function<String, String> selfToken, String token) {
        String last = "no URL";
        for (int round = 0; round < BROADCAST_ROUNDS; round++) {
            for (String url : c.urls()) {
                try {
                    calls().revoked(url, selfToken.apply(c.id()), List.of(token));
                    return;
                } catch (AuthnCalls.CallException e) {
                    last = e.getMessage();
                } catch (RuntimeException e) {
                    last = e.toString();
                }
            }
            try {
                Thread.sleep(ROUND_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String why = last;
        LOG.warning(() -> "cluster " + c.id() + " (" + c.alias() + ") did not take a revoked token: " + why);
    }

    private AuthnCalls calls() {
        AuthnCalls a = calls;
        if (a == null) {
            a = new AuthnCalls(tls.enabled() ? tls.clientContext() : null);
            calls = a;
        }
        return a;
    }
}
