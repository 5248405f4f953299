package net.aisj.backend;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import net.aisj.backend.ais.AisBackend;
import net.aisj.backend.ais.RemoteAisDirectory;
import net.aisj.backend.azure.AzureBackend;
import net.aisj.backend.azure.AzureSettings;
import net.aisj.backend.gcp.GcsBackend;
import net.aisj.backend.gcp.GcsSettings;
import net.aisj.backend.hdfs.HdfsBackend;
import net.aisj.backend.hdfs.HdfsSettings;
import net.aisj.backend.ht.HttpBackend;
import net.aisj.backend.s3.S3Backend;
import net.aisj.backend.s3.S3Settings;
import net.aisj.connector.api.BucketId;
import net.aisj.core.AisException;
import net.aisj.core.BucketProps;
import net.aisj.core.CloudExtra;
import net.aisj.core.RemoteAis;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The providers of this node, by AIS name ({@code aws} with alias {@code s3}, {@code azure} ({@code az}),
 * {@code gcp} ({@code gs}), {@code hdfs}, {@code ais} for attached remote clusters, {@code ht} for HTTP origins); a
 * bucket's backend is picked from its provider, namespace and props. The node's settings come from MicroProfile
 * Config or the environment under AIS's names; S3, Azure and GCS clients are made once per distinct settings (the
 * node's plus the bucket's {@code extra.aws.*}, {@code extra.azure.*}, {@code extra.gcp.*}) and kept; HDFS, remote
 * clusters and origins share one HTTP client. Thread-safe.
 */
@ApplicationScoped
public class Backends {

    private static final Logger LOG = Logger.getLogger(Backends.class.getName());

    private final S3Settings envS3 = S3Settings.from(Backends::setting);
    private final Map<S3Settings, S3Backend> s3 = new ConcurrentHashMap<>();
    private final HttpCalls http = new HttpCalls();
    private final AzureSettings envAzure = AzureSettings.from(Backends::setting);
    private final Map<AzureSettings, AzureBackend> azure = new ConcurrentHashMap<>();
    private final GcsSettings envGcs = GcsSettings.from(Backends::setting);
    private final Map<GcsSettings, GcsBackend> gcs = new ConcurrentHashMap<>();
    private final HdfsSettings envHdfs = HdfsSettings.from(Backends::setting);

    @Inject
    RemoteAisDirectory remoteClusters;

    /** AIS's provider aliases: {@code s3} is {@code aws}, {@code gs} {@code gcp}, {@code az} {@code azure}. */
    public static String normalise(String provider) {
        if (provider == null || provider.isEmpty()) {
            return BucketId.AIS;
        }
        return switch (provider) {
            case "s3" -> "aws";
            case "gs" -> "gcp";
            case "az" -> "azure";
            case "oc" -> "oci";
            default -> provider;
        };
    }

    /** Whether objects of {@code id} (with props {@code p}) live in a backend. */
    public static boolean isRemote(BucketId id, BucketProps p) {
        return !BucketId.AIS.equals(id.provider())
                || !id.namespace().isEmpty()
                || p.remote().hasBackendBck();
    }

    /**
     * The remote side of a bucket.
     *
     * @throws AisException BAD_REQUEST when the provider is not one this node has
     */
    public RemoteBucket of(BucketId id, BucketProps p) {
        BucketId remote = p.remote().hasBackendBck()
                ? new BucketId(
                        p.remote().backendProvider(),
                        p.remote().backendNamespace(),
                        p.remote().backendName())
                : id;
        return new RemoteBucket(backend(remote.provider(), remote.namespace(), p.remote()), remote);
    }

    /** The backend of a provider, with a bucket's S3 overrides (may be {@link BucketProps.Remote#NONE}). */
    public Backend backend(String provider, String namespace, BucketProps.Remote overrides) {
        return switch (normalise(provider)) {
            case "aws" ->
                s3.computeIfAbsent(
                        envS3.overriddenBy(overrides.awsEndpoint(), overrides.awsProfile(), overrides.awsRegion()),
                        st -> {
                            LOG.info(() ->
                                    "S3 backend: endpoint " + (st.endpoint().isEmpty() ? "AWS" : st.endpoint())
                                            + (st.profile().isEmpty() ? "" : ", profile " + st.profile())
                                            + (st.region().isEmpty() ? "" : ", region " + st.region()));
                            return new S3Backend(st);
                        });
            case BucketId.AIS -> remoteCluster(namespace);
            case "azure" -> azure(overrides.cloud());
            case "gcp" -> gcs(overrides.cloud());
            case "hdfs" -> hdfs(overrides.cloud());
            case "ht" -> {
                if (overrides.httpOrigin().isEmpty()) {
                    throw AisException.badRequest("an ht:// bucket is known by its origin: GET an object with"
                            + " ?provider=ht&original_url=<the object's http(s) URL> first");
                }
                yield new HttpBackend(overrides.httpOrigin(), http);
            }
            default ->
                throw AisException.badRequest(
                        "provider \"" + provider + "\" is not supported (this node has"
                                + " the aws (s3), azure (az), gcp (gs), hdfs, ais (remote clusters) and ht (HTTP origins) backends)");
        };
    }

    /**
     * A provider setting by AIS's name ({@code AZURE_STORAGE_ACCOUNT}, ...): MicroProfile Config (system properties,
     * {@code microprofile-config.properties}, the environment), or the environment when no config is available.
     */
    static String setting(String name) {
        try {
            return ConfigProvider.getConfig()
                    .getOptionalValue(name, String.class)
                    .orElse(System.getenv(name));
        } catch (RuntimeException e) {
            return System.getenv(name);
        }
    }

    /** The Azure backend of these settings (node's plus the bucket's), made on first use and kept. */
    private AzureBackend azure(CloudExtra extra) {
        AzureSettings st;
        try {
            st = envAzure.overriddenBy(extra.azureEndpoint(), extra.azureAccount(), Backends::setting);
        } catch (IllegalArgumentException e) {
            throw AisException.badRequest(e.getMessage());
        }
        return made(azure, st, AzureBackend::new, "Azure");
    }

    /** The Google Cloud Storage backend of these settings, made on first use and kept. */
    private GcsBackend gcs(CloudExtra extra) {
        return made(gcs, envGcs.overriddenBy(extra.gcpCreds(), extra.gcpEndpoint()), GcsBackend::new, "GCS");
    }

    private static <S, B> B made(Map<S, B> cache, S settings, java.util.function.Function<S, B> make, String what) {
        B have = cache.get(settings);
        if (have != null) {
            return have;
        }
        try {
            return cache.computeIfAbsent(settings, st -> {
                B b = make.apply(st);
                LOG.info(() -> what + " backend: " + st);
                return b;
            });
        } catch (BackendException e) {
            throw new AisException(AisException.Kind.BAD_REQUEST, e.getMessage(), e);
        }
    }

    /** The HDFS backend (WebHDFS on the shared HTTP client) from the node's settings and the bucket's. */
    private HdfsBackend hdfs(CloudExtra extra) {
        try {
            return new HdfsBackend(envHdfs.overriddenBy(extra.hdfsUrl(), extra.hdfsUser(), extra.hdfsRoot()), http);
        } catch (BackendException e) {
            throw new AisException(AisException.Kind.BAD_REQUEST, e.getMessage(), e);
        }
    }

    /** The HTTP client of remote clusters and origins (also for attaching a cluster). */
    public HttpCalls http() {
        return http;
    }

    /** The remote cluster an {@code ais://@alias} namespace names (NOT_FOUND when none is attached by that name). */
    private Backend remoteCluster(String namespace) {
        String alias = new BucketId(BucketId.AIS, namespace, "x").remoteCluster();
        if (alias.isEmpty()) {
            throw AisException.badRequest("ais:// buckets of this cluster have no backend");
        }
        RemoteAis r = remoteClusters
                .resolve(alias)
                .orElseThrow(() -> AisException.notFound("remote cluster \"" + alias + "\" is not attached"
                        + " (attach it: PUT /v1/cluster/attach?what=remote with Ais-Remote-Ais-Alias and"
                        + " Ais-Remote-Ais-Url)"));
        return new AisBackend(r, http);
    }

    @PreDestroy
    void close() {
        s3.values().forEach(S3Backend::close);
        s3.clear();
        gcs.values().forEach(GcsBackend::close);
        gcs.clear();
    }
}
