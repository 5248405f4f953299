package net.aisj.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests under {@code payara/k8s} as typed objects (fabric8's Kubernetes model): every field must
 * be one the API knows, and the objects must agree with each other and with the image's entrypoint
 * ({@code payara/image/entrypoint.sh}): ports, probes on the health endpoints, a persistent volume under every
 * mountpath, stable node ids, and Hazelcast discovery through the headless Service.
 */
class KubernetesManifestsTest {

    private static final Path PAYARA =
            Path.of(System.getProperty("user.dir")).resolve("../payara").normalize();
    private static final Path K8S = PAYARA.resolve("k8s");

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final StatefulSet sts = load("ais-statefulset.yaml", StatefulSet.class);
    private final Service headless = load("ais-hz-service.yaml", Service.class);
    private final Service api = load("ais-service.yaml", Service.class);
    private final Container node =
            sts.getSpec().getTemplate().getSpec().getContainers().get(0);

    @Test
    void everyManifestIsOneOfTheseObjects() throws IOException {
        try (var files = Files.list(K8S)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("ais-hz-service.yaml", "ais-service.yaml", "ais-statefulset.yaml");
        }
        assertThat(sts.getKind()).isEqualTo("StatefulSet");
        assertThat(sts.getApiVersion()).isEqualTo("apps/v1");
        assertThat(List.of(headless.getKind(), api.getKind())).containsOnly("Service");
    }

    @Test
    void aFieldTheApiDoesNotKnowIsRefused() {
        // the check below must be able to fail: "replica" (for "replicas") and a misplaced field are caught
        assertThatThrownBy(() -> strict(
                        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: x}\nspec: {replica: 3}\n",
                        StatefulSet.class,
                        "typo"))
                .hasMessageContaining("spec.replica");
        assertThatThrownBy(() -> strict(
                        "apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {ports: [{port: 1, path: /}]}\n",
                        Service.class,
                        "typo"))
                .hasMessageContaining("path");
    }

    @Test
    void oneStatefulSetOfNodesWithStableIdsFoundThroughTheHeadlessService() {
        assertThat(sts.getSpec().getReplicas()).isGreaterThanOrEqualTo(3);
        assertThat(sts.getSpec().getServiceName())
                .isEqualTo(headless.getMetadata().getName());
        assertThat(sts.getSpec().getPodManagementPolicy()).isEqualTo("OrderedReady");
        assertThat(sts.getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
        Map<String, String> podLabels =
                sts.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).containsAllEntriesOf(sts.getSpec().getSelector().getMatchLabels());
        assertThat(podLabels).containsAllEntriesOf(headless.getSpec().getSelector());
        assertThat(podLabels).containsAllEntriesOf(api.getSpec().getSelector());

        // the node id and the public URL come from the pod's name: stable across restarts and rescheduling
        assertThat(env("POD_NAME").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(env("AIS_NODE_ID").getValue()).isEqualTo("$(POD_NAME)");
        assertThat(env("AIS_HTTP_ADDRESS").getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("status.podIP");
        assertThat(env("AIS_PUBLIC_URL").getValue())
                .isEqualTo("http://$(POD_NAME)." + headless.getMetadata().getName() + ":" + port("http"));

        // Hazelcast: Payara Micro's dns mode on the headless Service's name and the node's Hazelcast port; not-ready
        // pods are published (a node is ready only after joining, so it must be found before)
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(env("AIS_CLUSTER_MODE").getValue())
                .isEqualTo("dns:" + headless.getMetadata().getName() + ":" + port("hazelcast"));
        assertThat(servicePort(headless, "hazelcast").getPort()).isEqualTo(port("hazelcast"));
    }

    @Test
    void portsAreTheOnesTheNodeIsStartedWith() {
        // the entrypoint passes AIS_HTTP_PORT to --port and AIS_HZ_PORT to --startport
        assertThat(Integer.parseInt(env("AIS_HTTP_PORT").getValue())).isEqualTo(port("http"));
        assertThat(Integer.parseInt(env("AIS_HZ_PORT").getValue())).isEqualTo(port("hazelcast"));
        ServicePort apiPort = servicePort(api, "http");
        assertThat(apiPort.getTargetPort().getStrVal()).isEqualTo("http");
        assertThat(api.getSpec().getClusterIP()).isNull();
    }

    @Test
    void everyEnvironmentVariableIsReadByTheEntrypointOrIsAnAisSetting() throws IOException {
        String entrypoint = Files.readString(PAYARA.resolve("image/entrypoint.sh"));
        for (String v : List.of(
                "AIS_HTTP_ADDRESS",
                "AIS_HTTP_PORT",
                "AIS_HZ_PORT",
                "AIS_CLUSTER_NAME",
                "AIS_CLUSTER_MODE",
                "AIS_NODE_NAME",
                "JAVA_OPTS")) {
            assertThat(entrypoint).as("entrypoint reads " + v).contains("${" + v);
        }
        // the rest are ais.* settings read through MicroProfile Config (README "Settings")
        Set<String> settings = Set.of("AIS_NODE_ID", "AIS_PUBLIC_URL", "AIS_MOUNTPATHS");
        for (EnvVar e : node.getEnv()) {
            String n = e.getName();
            assertThat(n.equals("POD_NAME") || settings.contains(n) || entrypoint.contains("${" + n))
                    .as(n + " is used")
                    .isTrue();
        }
    }

    @Test
    void probesHitTheHealthEndpointsOnTheHttpPort() {
        HTTPGetAction ready = node.getReadinessProbe().getHttpGet();
        assertThat(ready.getPath()).isEqualTo("/v1/health");
        assertThat(ready.getPort().getStrVal()).isEqualTo("http");
        // liveness: the application answers (MicroProfile Health); not /v1/health, which also says "joined and a
        // mountpath usable": a node out of the cluster map or with failed disks is taken out of the Service, not
        // restarted in a loop
        HTTPGetAction live = node.getLivenessProbe().getHttpGet();
        assertThat(live.getPath()).isEqualTo("/health/live");
        assertThat(live.getPort().getStrVal()).isEqualTo("http");
        assertThat(node.getStartupProbe().getHttpGet().getPath()).isEqualTo("/health/live");
        // a first start may take minutes (Payara unpacks itself): liveness must not kill it meanwhile
        assertThat(node.getStartupProbe().getPeriodSeconds()
                        * node.getStartupProbe().getFailureThreshold())
                .isGreaterThanOrEqualTo(180);
    }

    @Test
    void everyMountpathIsAPersistentVolume() {
        List<String> mountpaths = Arrays.asList(env("AIS_MOUNTPATHS").getValue().split(","));
        assertThat(mountpaths).isNotEmpty().doesNotHaveDuplicates();
        Map<String, String> mounts = node.getVolumeMounts().stream()
                .collect(Collectors.toMap(VolumeMount::getMountPath, VolumeMount::getName));
        Set<String> claims = sts.getSpec().getVolumeClaimTemplates().stream()
                .map(c -> c.getMetadata().getName())
                .collect(Collectors.toSet());
        assertThat(mounts.keySet()).containsExactlyInAnyOrderElementsOf(mountpaths);
        assertThat(claims).containsExactlyInAnyOrderElementsOf(mounts.values());
        assertThat(sts.getSpec().getTemplate().getSpec().getVolumes()).isNullOrEmpty();
        for (PersistentVolumeClaim c : sts.getSpec().getVolumeClaimTemplates()) {
            assertThat(c.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
            assertThat(c.getSpec().getResources().getRequests()).containsKey("storage");
        }
    }

    private int port(String name) {
        return node.getPorts().stream()
                .filter(p -> name.equals(p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container port " + name));
    }

    private static ServicePort servicePort(Service s, String name) {
        return s.getSpec().getPorts().stream()
                .filter(p -> name.equals(p.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(s.getMetadata().getName() + " has no port " + name));
    }

    private EnvVar env(String name) {
        return node.getEnv().stream()
                .filter(e -> name.equals(e.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
    }

    private static <T> T load(String file, Class<T> type) {
        try {
            return strict(Files.readString(K8S.resolve(file)), type, file);
        } catch (IOException e) {
            throw new AssertionError(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code yaml} as {@code type}. fabric8's objects keep fields they do not know in
     * {@code additionalProperties} instead of refusing them, so every object reached is checked to have none.
     */
    static <T> T strict(String yaml, Class<T> type, String what) throws IOException {
        T value = YAML.readValue(yaml, type);
        List<String> unknown = new ArrayList<>();
        walk(value, "", unknown, new IdentityHashMap<>());
        if (!unknown.isEmpty()) {
            throw new AssertionError(what + ": fields the Kubernetes API does not know: " + unknown);
        }
        return value;
    }

    private static void walk(Object o, String path, List<String> unknown, IdentityHashMap<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                walk(e, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path + "." + k, unknown, seen));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                Object v;
                try {
                    v = f.get(o);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if (f.getName().equals("additionalProperties") && v instanceof Map<?, ?> extra) {
                    extra.keySet()
                            .forEach(k -> unknown.add(path.isEmpty() ? k.toString() : path.substring(1) + "." + k));
                } else {
                    walk(v, path + "." + f.getName(), unknown, seen);
                }
            }
        }
    }
}
