package net.aisj.web.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import net.aisj.connector.api.MountpathInfo;
import net.aisj.connector.api.NodeVolume;
import net.aisj.core.AisException;
import net.aisj.service.LocalNode;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile Health for {@code /health/live} and {@code /health/ready}. Ready means exactly what
 * {@code GET /v1/health} 200 means (deployed, joined the cluster map, a mountpath usable); live means the
 * application is deployed and answers (a node that is still joining is live but not ready).
 */
@ApplicationScoped
public class NodeHealth {

    @Inject
    LocalNode node;

    @Produces
    @Liveness
    HealthCheck live() {
        return () -> HealthCheckResponse.named("ais-node")
                .up()
                .withData("uptime_seconds", node.uptimeNanos() / 1_000_000_000L)
                .build();
    }

    @Produces
    @Readiness
    HealthCheck ready() {
        return () -> {
            HealthCheckResponseBuilder b = HealthCheckResponse.named("ais-node").status(node.healthy());
            if (node.self() != null) {
                b.withData("node_id", node.self().id());
            }
            try {
                NodeVolume v = node.volume();
                long usable =
                        v.mountpaths().stream().filter(MountpathInfo::enabled).count();
                b.withData("mountpaths", v.mountpaths().size()).withData("mountpaths_usable", usable);
            } catch (AisException | IllegalStateException e) {
                b.withData("error", String.valueOf(e.getMessage()));
            }
            return b.build();
        };
    }
}
