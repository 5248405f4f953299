package net.aisj.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.aisj.core.AisException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * AIS's deprecated pod-spec init message ({@code InitSpecMsg}: {@code spec} = a base64 Kubernetes pod YAML, as AIS's
 * SDK {@code init_spec} and its templates send it) read as far as it maps to a local process: the one container's
 * image, command and arguments, env; the annotations {@code communication_type}, {@code support_direct_put} and
 * {@code wait_timeout}. AIS's checks: exactly one container, with a port named {@code default}.
 *
 * @param image       the container's image
 * @param command     its {@code command} then {@code args}
 * @param env         its {@code env} (name/value pairs; {@code valueFrom} is not supported)
 * @param comm        annotation {@code communication_type} ("" when absent)
 * @param directPut   annotation {@code support_direct_put}
 * @param waitTimeout annotation {@code wait_timeout} (a Go duration, "" when absent)
 */
public record EtlPodSpec(
        String image,
        List<String> command,
        Map<String, String> env,
        String comm,
        boolean directPut,
        String waitTimeout) {

    /** A larger pod YAML is refused (AIS's templates are well under 2 KiB). */
    static final int MAX_BYTES = 1 << 20;

    /**
     * Reads {@code base64Yaml} for ETL {@code name}.
     *
     * @throws AisException BAD_REQUEST naming the ETL for bad base64, bad YAML or a pod AIS would refuse
     */
    public static EtlPodSpec parse(String name, String base64Yaml) {
        String prefix = "etl job " + name + ": pod spec: ";
        byte[] yaml;
        try {
            yaml = Base64.getDecoder().decode(base64Yaml == null ? "" : base64Yaml.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw AisException.badRequest(prefix + "\"spec\" is not base64: " + e.getMessage());
        }
        if (yaml.length == 0 || yaml.length > MAX_BYTES) {
            throw AisException.badRequest(prefix + "empty or larger than " + MAX_BYTES + " bytes");
        }
        LoaderOptions opts = new LoaderOptions();
        opts.setAllowDuplicateKeys(false);
        opts.setMaxAliasesForCollections(10);
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(opts)).load(new String(yaml, StandardCharsets.UTF_8));
        } catch (YAMLException e) {
            throw AisException.badRequest(prefix + "invalid YAML: " + e.getMessage());
        }
        Map<?, ?> pod = map(doc, prefix + "not a pod");
        Map<?, ?> annotations =
                map(map(pod.get("metadata"), prefix + "no metadata").get("annotations"), null);
        List<?> containers = list(map(pod.get("spec"), prefix + "no spec").get("containers"));
        if (containers.size() != 1) {
            throw AisException.badRequest(prefix + "expected exactly one container, found " + containers.size());
        }
        Map<?, ?> c = map(containers.get(0), prefix + "the container is not a map");
        boolean defaultPort = list(c.get("ports")).stream()
                .anyMatch(p -> p instanceof Map<?, ?> m && "default".equals(String.valueOf(m.get("name"))));
        if (!defaultPort) {
            throw AisException.badRequest(prefix + "the container needs a port named \"default\"");
        }
        String image = c.get("image") == null ? "" : String.valueOf(c.get("image"));
        if (image.isBlank()) {
            throw AisException.badRequest(prefix + "the container has no image");
        }
        List<String> cmd = new ArrayList<>();
        list(c.get("command")).forEach(a -> cmd.add(String.valueOf(a)));
        list(c.get("args")).forEach(a -> cmd.add(String.valueOf(a)));
        Map<String, String> env = new LinkedHashMap<>();
        for (Object e : list(c.get("env"))) {
            Map<?, ?> m = map(e, prefix + "env must be a list of name/value");
            if (m.get("name") == null) {
                throw AisException.badRequest(prefix + "env must be a list of name/value");
            }
            env.put(String.valueOf(m.get("name")), m.get("value") == null ? "" : String.valueOf(m.get("value")));
        }
        return new EtlPodSpec(
                image,
                cmd,
                env,
                str(annotations.get("communication_type")),
                "true".equalsIgnoreCase(str(annotations.get("support_direct_put"))),
                str(annotations.get("wait_timeout")));
    }

    private static Map<?, ?> map(Object o, String error) {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        if (o == null && error == null) {
            return Map.of();
        }
        throw AisException.badRequest(error == null ? "pod spec: expected a map" : error);
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o).strip();
    }
}
