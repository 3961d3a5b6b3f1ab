package dev.sluice.config;

import io.smallrye.config.WithDefault;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every way of deploying Sluice (the Kubernetes manifests, the Helm chart's output, the
 * compose file) must get right: only settings Sluice reads, the application's probe paths and
 * port, one replica that is never rolled over while it runs, and secrets read from mounted files.
 */
public final class DeploymentManifests {

    private static final Pattern PROPERTY_REFERENCE = Pattern.compile("\\$\\{(SLUICE_[A-Z0-9_]+):([^}]*)}");

    private DeploymentManifests() {
    }

    /** Every variable Sluice reads, with its default (null when it has none). */
    public static Map<String, String> knownVariables() throws IOException {
        Map<String, String> known = new TreeMap<>();
        collect(SluiceConfig.class, "SLUICE", known);
        Matcher m = PROPERTY_REFERENCE.matcher(Files.readString(Path.of("src/main/resources/application.properties")));
        while (m.find()) {
            known.put(m.group(1), m.group(2));
        }
        return known;
    }

    private static void collect(Class<?> mapping, String prefix, Map<String, String> into) {
        for (Method method : mapping.getDeclaredMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isDefault() || method.getParameterCount() > 0) {
                continue;
            }
            String name = prefix + "_" + method.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase();
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getEnclosingClass() == SluiceConfig.class) {
                collect(type, name, into);
            } else {
                WithDefault fallback = method.getAnnotation(WithDefault.class);
                into.put(name, fallback == null ? null : fallback.value());
            }
        }
    }

    /**
     * Checks the ConfigMaps and Deployments among Kubernetes resources, adding a line per problem;
     * returns the number of Deployments.
     */
    public static int checkResources(Iterable<Object> documents, Map<String, String> known, String origin,
            List<String> problems) {
        int deployments = 0;
        Map<Object, Map<?, ?>> configMaps = new java.util.HashMap<>();
        List<Map<?, ?>> deploymentList = new java.util.ArrayList<>();
        for (Object document : documents) {
            if (document == null) {
                continue;
            }
            Map<?, ?> resource = (Map<?, ?>) document;
            String kind = String.valueOf(resource.get("kind"));
            if (kind.equals("ConfigMap")) {
                map(resource, "data").keySet().forEach(key -> checkVariable(String.valueOf(key), known, origin, problems));
                configMaps.put(map(resource, "metadata").get("name"), map(resource, "data"));
            } else if (kind.equals("Deployment")) {
                deploymentList.add(resource);
            }
        }
        for (Map<?, ?> deployment : deploymentList) {
            deployments++;
            checkDeployment(deployment, configMaps, known, origin, problems);
        }
        return deployments;
    }

    private static void checkDeployment(Map<?, ?> deployment, Map<Object, Map<?, ?>> configMaps,
            Map<String, String> known, String origin, List<String> problems) {
        Map<?, ?> spec = map(deployment, "spec");
        boolean standby = settingsOf(deployment, configMaps).stream().anyMatch(s -> "true".equals(s.get("SLUICE_STANDBY")));
        if (standby) {
            assertTrue((Integer) spec.get("replicas") >= 2, origin + ": SLUICE_STANDBY with a standby replica");
        } else {
            assertEquals(1, spec.get("replicas"), origin + ": one replica per source, or SLUICE_STANDBY");
        }
        assertEquals("Recreate", map(spec, "strategy").get("type"), origin + ": never two Sluices on one source");
        Map<?, ?> template = map(spec, "template");
        Map<?, ?> annotations = map(map(template, "metadata"), "annotations");
        assertEquals("/q/metrics", annotations.get("prometheus.io/path"));
        assertEquals("8080", annotations.get("prometheus.io/port"));
        Map<?, ?> podSpec = map(template, "spec");
        for (Object c : (List<?>) podSpec.get("containers")) {
            Map<?, ?> container = (Map<?, ?>) c;
            for (Object e : (List<?>) container.get("env")) {
                Map<?, ?> variable = (Map<?, ?>) e;
                String name = String.valueOf(variable.get("name"));
                checkVariable(name, known, origin, problems);
                if (name.endsWith("_FILE") && !onSecretMount(String.valueOf(variable.get("value")), container, podSpec)) {
                    problems.add(origin + ": " + name + " names " + variable.get("value")
                            + ", which is not inside a mounted Secret");
                }
            }
            Map<?, ?> port = (Map<?, ?>) ((List<?>) container.get("ports")).get(0);
            assertEquals(imageHttpPort(), port.get("containerPort"), origin + ": the image's SLUICE_HTTP_PORT");
            assertEquals("/q/health/live", map(map(container, "livenessProbe"), "httpGet").get("path"));
            assertEquals("/q/health/ready", map(map(container, "readinessProbe"), "httpGet").get("path"));
            assertEquals(port.get("name"), map(map(container, "livenessProbe"), "httpGet").get("port"));
            assertEquals(port.get("name"), map(map(container, "readinessProbe"), "httpGet").get("port"));
            assertTrue(map(map(container, "resources"), "limits").containsKey("memory"),
                    origin + ": a memory limit from the benchmark");
        }
    }

    /** The ConfigMaps a Deployment's containers take their variables from. */
    private static List<Map<?, ?>> settingsOf(Map<?, ?> deployment, Map<Object, Map<?, ?>> configMaps) {
        List<Map<?, ?>> settings = new java.util.ArrayList<>();
        for (Object c : (List<?>) map(map(map(deployment, "spec"), "template"), "spec").get("containers")) {
            Object envFrom = ((Map<?, ?>) c).get("envFrom");
            if (envFrom instanceof List<?> sources) {
                for (Object source : sources) {
                    Object ref = ((Map<?, ?>) source).get("configMapRef");
                    if (ref instanceof Map<?, ?> configMapRef && configMaps.containsKey(configMapRef.get("name"))) {
                        settings.add(configMaps.get(configMapRef.get("name")));
                    }
                }
            }
        }
        return settings;
    }

    private static boolean onSecretMount(String file, Map<?, ?> container, Map<?, ?> podSpec) {
        Object mounts = container.get("volumeMounts");
        Object volumes = podSpec.get("volumes");
        if (!(mounts instanceof List<?> mountList) || !(volumes instanceof List<?> volumeList)) {
            return false;
        }
        for (Object m : mountList) {
            Map<?, ?> mount = (Map<?, ?>) m;
            if (file.startsWith(mount.get("mountPath") + "/")) {
                for (Object v : volumeList) {
                    Map<?, ?> volume = (Map<?, ?>) v;
                    if (volume.get("name").equals(mount.get("name")) && volume.get("secret") instanceof Map) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The HTTP port the container images set, which probes and Prometheus use. */
    public static int imageHttpPort() {
        try {
            int port = -1;
            for (String image : List.of("Dockerfile.jvm", "Dockerfile.native")) {
                Matcher m = Pattern.compile("SLUICE_HTTP_PORT=(\\d+)")
                        .matcher(Files.readString(Path.of("deploy/docker", image)));
                assertTrue(m.find(), image + " sets SLUICE_HTTP_PORT");
                assertTrue(port < 0 || port == Integer.parseInt(m.group(1)), "both images use one port");
                port = Integer.parseInt(m.group(1));
            }
            return port;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static void checkVariable(String name, Map<String, String> known, String origin, List<String> problems) {
        if (name.startsWith("SLUICE_") && !known.containsKey(name)) {
            problems.add(origin + " sets " + name + ", which Sluice does not read");
        }
    }

    public static Map<?, ?> map(Map<?, ?> parent, String key) {
        Object child = parent.get(key);
        assertTrue(child instanceof Map, "'" + key + "' is a mapping");
        return (Map<?, ?>) child;
    }

    public static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }
}
