package net.aisj.web.s3.auth;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The S3 access keys this node accepts: MicroProfile Config {@code ais.s3.credentials} (env
 * {@code AIS_S3_CREDENTIALS}), a comma-separated list of {@code accessKey:secretKey}. With none configured every
 * S3 request is served anonymously, and a WARNING says so at start.
 */
@ApplicationScoped
public class S3Credentials {

    private static final Logger LOG = Logger.getLogger(S3Credentials.class.getName());

    @Inject
    @ConfigProperty(name = "ais.s3.credentials")
    Optional<String> configured;

    private Map<String, String> secrets = Map.of();

    @PostConstruct
    void init() {
        secrets = parse(configured.orElse(""));
    }

    /** Logs the mode once the application starts. */
    void announce(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (secrets.isEmpty()) {
            LOG.warning("S3 API: no credentials configured (ais.s3.credentials / AIS_S3_CREDENTIALS): "
                    + "anonymous access is allowed and signatures are not verified");
        } else {
            LOG.info(() -> "S3 API: AWS Signature V4 required; " + secrets.size() + " access key(s) configured");
        }
    }

    /** Whether requests must be signed. */
    public boolean required() {
        return !secrets.isEmpty();
    }

    /** The secret of {@code accessKey}, or empty for an unknown key. */
    public Optional<String> secret(String accessKey) {
        return Optional.ofNullable(secrets.get(accessKey));
    }

    /** {@code ak:sk,ak2:sk2} (blanks around entries ignored; secrets may contain ':'). */
    static Map<String, String> parse(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String entry : s.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int colon = e.indexOf(':');
            if (colon <= 0 || colon == e.length() - 1) {
                throw new IllegalArgumentException("ais.s3.credentials: expected accessKey:secretKey, got an entry of "
                        + e.length() + " characters without one");
            }
            m.put(e.substring(0, colon), e.substring(colon + 1));
        }
        return Map.copyOf(m);
    }
}
