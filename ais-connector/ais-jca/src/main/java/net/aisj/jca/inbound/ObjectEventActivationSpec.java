package net.aisj.jca.inbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import net.aisj.client.ObjectEvent;
import net.aisj.jca.ObjectEventListener;

/**
 * What a message-driven bean subscribes to, as {@code @ActivationConfigProperty}s: {@code bucket} (required, an
 * {@code ais://} bucket), {@code prefix} (object names starting with it; default all), {@code kinds}
 * ({@code created}, {@code deleted} or both, comma-separated; default both), {@code endpoints} (default: the
 * adapter's), {@code consumer} (names the durable position; default the bean's activation name),
 * {@code positionDirectory} (where positions are kept; default {@code <domain>/ais-jca} on Payara/GlassFish, else
 * {@code java.io.tmpdir/ais-jca}), {@code pollMillis} (pause when nothing is new; default 1000), {@code batchSize}
 * (events per request; default 100), {@code user}/{@code password} (credentials carried to the cluster).
 */
@Activation(messageListeners = ObjectEventListener.class)
public class ObjectEventActivationSpec implements ActivationSpec {

    private String bucket = "";
    private String prefix = "";
    private String kinds = ObjectEvent.CREATED + "," + ObjectEvent.DELETED;
    private String endpoints = "";
    private String consumer = "";
    private String positionDirectory = "";
    private Integer pollMillis = 1000;
    private Integer batchSize = 100;
    private String user = "";
    private String password = "";
    private transient ResourceAdapter resourceAdapter;

    @Override
    public void validate() throws InvalidPropertyException {
        if (bucket == null || bucket.isBlank()) {
            throw new InvalidPropertyException("ais-jca activation: 'bucket' is required");
        }
        for (String k : kindSet()) {
            if (!k.equals(ObjectEvent.CREATED) && !k.equals(ObjectEvent.DELETED)) {
                throw new InvalidPropertyException(
                        "ais-jca activation: unknown event kind '" + k + "' (created, deleted)");
            }
        }
        if (pollMillis == null || pollMillis < 10 || batchSize == null || batchSize < 1 || batchSize > 10_000) {
            throw new InvalidPropertyException(
                    "ais-jca activation: pollMillis must be >= 10 and batchSize within 1..10000");
        }
    }

    /** The kinds subscribed to, lower case. */
    public Set<String> kindSet() {
        Set<String> out = new LinkedHashSet<>();
        for (String k : (kinds == null ? "" : kinds).split(",")) {
            if (!k.isBlank()) {
                out.add(k.strip().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** This activation's endpoints, else {@code fallback} (the adapter's). */
    public String endpointsOr(String fallback) {
        return endpoints == null || endpoints.isBlank() ? fallback : endpoints;
    }

    /** Where positions are kept. */
    public Path positionDir() {
        if (positionDirectory != null && !positionDirectory.isBlank()) {
            return Path.of(positionDirectory);
        }
        String domain = System.getProperty("com.sun.aas.instanceRoot");
        return domain != null ? Path.of(domain, "ais-jca") : Path.of(System.getProperty("java.io.tmpdir"), "ais-jca");
    }

    public String describe() {
        return kindSet() + " events of ais://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix + "*");
    }

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket == null ? "" : bucket.strip();
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix == null ? "" : prefix;
    }

    public String getKinds() {
        return kinds;
    }

    public void setKinds(String kinds) {
        this.kinds = kinds;
    }

    public String getEndpoints() {
        return endpoints;
    }

    public void setEndpoints(String endpoints) {
        this.endpoints = endpoints == null ? "" : endpoints.strip();
    }

    public String getConsumer() {
        return consumer;
    }

    public void setConsumer(String consumer) {
        this.consumer = consumer == null ? "" : consumer.strip();
    }

    public String getPositionDirectory() {
        return positionDirectory;
    }

    public void setPositionDirectory(String positionDirectory) {
        this.positionDirectory = positionDirectory;
    }

    public Integer getPollMillis() {
        return pollMillis;
    }

    public void setPollMillis(Integer pollMillis) {
        this.pollMillis = pollMillis;
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user == null ? "" : user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password == null ? "" : password;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        this.resourceAdapter = ra;
    }
}
