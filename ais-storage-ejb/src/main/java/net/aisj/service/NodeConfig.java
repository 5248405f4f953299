package net.aisj.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The node's settings, read through MicroProfile Config: {@code -Dais.x=...} and env {@code AIS_X=...} both work.
 * See the README's settings table.
 */
@ApplicationScoped
public class NodeConfig {

    @Inject
    @ConfigProperty(name = "ais.mountpaths", defaultValue = "ais-data/mp1")
    String mountpaths;

    @Inject
    @ConfigProperty(name = "ais.roles", defaultValue = "proxy,target")
    String roles;

    @Inject
    @ConfigProperty(name = "ais.node.id")
    Optional<String> nodeId;

    @Inject
    @ConfigProperty(name = "ais.public.url")
    Optional<String> publicUrl;

    @Inject
    @ConfigProperty(name = "ais.http.address", defaultValue = "127.0.0.1")
    String httpAddress;

    @Inject
    @ConfigProperty(name = "payaramicro.port", defaultValue = "8080")
    int configuredPort;

    /** The HTTP port where the runtime cannot tell it (Payara Server: the HTTP listener's port). */
    @Inject
    @ConfigProperty(name = "ais.http.port")
    Optional<Integer> httpPortSetting;

    /** The only tree {@code promote} reads files from (AIS's {@code PromoteRoot}). */
    @Inject
    @ConfigProperty(name = "ais.promote.root", defaultValue = "/var/lib/ais/promote")
    String promoteRoot;

    /** The directory {@code promote} may read from: absolute and normalised. */
    public java.nio.file.Path promoteRoot() {
        return Path.of(promoteRoot.trim()).toAbsolutePath().normalize();
    }

    /** Absolute, normalised mountpath directories. */
    public List<String> mountpaths() {
        return Arrays.stream(mountpaths.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> Path.of(s).toAbsolutePath().normalize().toString())
                .distinct()
                .toList();
    }

    public boolean isProxy() {
        return roleList().contains("proxy");
    }

    public boolean isTarget() {
        return roleList().contains("target");
    }

    private List<String> roleList() {
        return Arrays.stream(roles.toLowerCase(Locale.ROOT).split(","))
                .map(String::trim)
                .toList();
    }

    /** The operator's node id, or empty to use the one kept on disk. */
    public Optional<String> nodeId() {
        return nodeId.map(String::trim).filter(s -> !s.isEmpty());
    }

    public String httpAddress() {
        return httpAddress;
    }

    /**
     * The HTTP port the node listens on: {@code ais.http.port} when set, else the port Payara Micro really listens
     * on ({@code --port} wins over the baked default), else {@code payaramicro.port} (default 8080).
     */
    public int httpPort() {
        return httpPortSetting.orElseGet(() -> PayaraRuntime.httpPort().orElse(configuredPort));
    }

    /** What redirects point to: {@code ais.public.url}, else {@code http://<address>:<port>}. */
    public String publicUrl() {
        return publicUrl
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> s.replaceAll("/+$", ""))
                .orElseGet(() -> "http://" + hostForUrl() + ":" + httpPort());
    }

    private String hostForUrl() {
        String h = httpAddress.equals("0.0.0.0") ? "127.0.0.1" : httpAddress;
        return h.contains(":") ? "[" + h + "]" : h;
    }
}
