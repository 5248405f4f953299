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
    TlsSettings tls;

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

    /**
     * Where the servlet container's listener binds: set by the uber-jar's launcher ({@code 127.0.0.1} when the data
     * plane holds the public port); unset elsewhere, meaning {@code ais.http.address}.
     */
    @Inject
    @ConfigProperty(name = "ais.servlet.address")
    Optional<String> servletAddress;

    /** Set by the launcher when Payara's listener is its internal loopback one (see {@link #servletTls()}). */
    @Inject
    @ConfigProperty(name = "ais.servlet.internal")
    Optional<Boolean> servletInternal;

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
    /**
     * The data-plane listener ({@code net.aisj.web.dataplane}) is on: object calls bypass the servlet container.
     * Unset: on in the uber-jar (Payara Micro), off on Payara Server (the EAR). Not baked into the uber-jar's
     * properties: those override {@code -D} options, and {@code -Dais.dataplane.enabled=false} must work.
     */
    @Inject
    @ConfigProperty(name = "ais.dataplane.enabled")
    Optional<Boolean> dataPlaneSetting;

    /** The data-plane listener's port; default: the HTTP port + {@value #DATA_PLANE_PORT_OFFSET}. */
    @Inject
    @ConfigProperty(name = "ais.dataplane.port")
    Optional<Integer> dataPlanePortSetting;

    /** The data plane's default port is the HTTP port plus this. */
    public static final int DATA_PLANE_PORT_OFFSET = 100;

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

    /**
     * What the cluster map publishes and redirects point to: {@code ais.public.url}, else the data-plane listener's
     * {@code http(s)://<address>:<data-plane port>} when it is on, else the servlet container's {@link #servletUrl()};
     * {@code https} when TLS is on ({@link TlsSettings}).
     */
    public String publicUrl() {
        return publicUrl
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> s.replaceAll("/+$", ""))
                .orElseGet(() -> dataPlaneEnabled()
                        ? tls.scheme() + "://" + hostForUrl() + ":" + dataPlanePort()
                        : servletUrl());
    }

    /** The port the cluster map lists for this node: the data plane's when it is on, else the HTTP port. */
    public int publicPort() {
        return dataPlaneEnabled() ? dataPlanePort() : httpPort();
    }

    /** The servlet container's own HTTP listener: {@code http(s)://<address>:<port>}. */
    public String servletUrl() {
        String h = servletHost();
        return (servletTls() ? "https" : "http") + "://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + httpPort();
    }

    /**
     * Payara's listener speaks TLS: TLS is on ({@link TlsSettings}) and the listener is not the launcher's internal
     * loopback one ({@code ais.servlet.internal}, set by {@code net.aisj.launcher.NodeLauncher} when the data plane
     * holds the public port): that one only the node's own hand-off reaches, and loopback traffic never leaves the
     * machine, so it stays plain.
     */
    public boolean servletTls() {
        return tls.enabled() && !servletInternal.orElse(false);
    }

    /**
     * The address to reach the servlet container's listener at from this node: {@code ais.servlet.address}, else
     * {@code ais.http.address}; a wildcard address is reached on loopback.
     */
    public String servletHost() {
        String h = servletAddress.map(String::trim).filter(s -> !s.isEmpty()).orElse(httpAddress);
        return h.equals("0.0.0.0") ? "127.0.0.1" : h.equals("::") ? "::1" : h;
    }

    /** {@code ais.dataplane.enabled}; unset: true on Payara Micro (the uber-jar), false on Payara Server. */
    public boolean dataPlaneEnabled() {
        return dataPlaneSetting.orElseGet(PayaraRuntime::isMicro);
    }

    /** {@code ais.dataplane.port}, else the HTTP port + {@value #DATA_PLANE_PORT_OFFSET}. */
    public int dataPlanePort() {
        return dataPlanePortSetting.orElseGet(() -> httpPort() + DATA_PLANE_PORT_OFFSET);
    }

    private String hostForUrl() {
        String h = httpAddress.equals("0.0.0.0") ? "127.0.0.1" : httpAddress;
        return h.contains(":") ? "[" + h + "]" : h;
    }
}
