package dev.sluice.config;

import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the README's settings table, the Kubernetes manifests, the compose example and the
 * container images honest against the configuration mapping: every SLUICE_* variable they name
 * exists, every setting is documented with its default, and probe paths and ports are the
 * application's.
 */
class ConfigurationReferenceTest {

    private static final Pattern VARIABLE = Pattern.compile("SLUICE_[A-Z0-9_]+");
    private static final Pattern PROPERTY_REFERENCE = Pattern.compile("\\$\\{(SLUICE_[A-Z0-9_]+):([^}]*)}");

    /** Every variable Sluice reads, with its default (null when it has none). */
    static Map<String, String> knownVariables() throws IOException {
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

    @Test
    void theListOfKnownSettingsIsTheMappings() throws IOException {
        assertEquals(knownVariables().keySet(), KnownSettings.names(),
                "KnownSettings, which refuses misspelt variables, must list exactly the settings Sluice reads");
    }

    @Test
    void theMappingIsReadAsExpected() throws IOException {
        Map<String, String> known = knownVariables();
        assertEquals("adaptive_time_microseconds", known.get("SLUICE_TIME_PRECISION_MODE"));
        assertEquals("30s", known.get("SLUICE_MYSQL_CONNECT_TIMEOUT"));
        assertTrue(known.containsKey("SLUICE_MYSQL_PASSWORD_FILE"));
        assertEquals("8080", known.get("SLUICE_HTTP_PORT"));
    }

    @Test
    void theReadmeDocumentsEverySettingWithItsDefault() throws IOException {
        Map<String, String> known = knownVariables();
        Set<String> documented = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (String row : settingsTable()) {
            String[] cells = row.split("(?<!\\\\)\\|");
            String names = cells[1];
            String defaults = cells[cells.length - 1];
            Matcher m = VARIABLE.matcher(names);
            while (m.find()) {
                String variable = m.group();
                documented.add(variable);
                String fallback = known.get(variable);
                if (!known.containsKey(variable)) {
                    problems.add(variable + " is documented but Sluice does not read it");
                } else if (fallback != null && !fallback.isEmpty() && !defaults.contains("`" + fallback + "`")) {
                    problems.add(variable + ": the README's default column '" + defaults.trim() + "' lacks `"
                            + fallback + "`");
                }
            }
        }
        for (String variable : known.keySet()) {
            if (!documented.contains(variable)) {
                problems.add(variable + " is missing from the README's settings table");
            }
        }
        assertEquals(List.of(), problems);
    }

    private static List<String> settingsTable() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int start = lines.indexOf("### Settings");
        assertTrue(start >= 0, "README has a '### Settings' section");
        List<String> rows = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
            if (lines.get(i).startsWith("| `SLUICE_")) {
                rows.add(lines.get(i));
            }
        }
        assertTrue(rows.size() > 20, "the settings table has its rows");
        return rows;
    }

    @Test
    void kubernetesManifestsUseRealSettingsAndTheApplicationsEndpoints() throws IOException {
        Map<String, String> known = knownVariables();
        List<String> problems = new ArrayList<>();
        int deployments = 0;
        try (var files = Files.list(Path.of("deploy/kubernetes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object document : yaml().loadAll(Files.newBufferedReader(file))) {
                    Map<?, ?> resource = (Map<?, ?>) document;
                    String kind = String.valueOf(resource.get("kind"));
                    if (kind.equals("ConfigMap")) {
                        ((Map<?, ?>) resource.get("data")).keySet().forEach(key ->
                                checkVariable(String.valueOf(key), known, file, problems));
                    } else if (kind.equals("Deployment")) {
                        deployments++;
                        checkDeployment(resource, known, file, problems);
                    }
                }
            }
        }
        assertTrue(deployments >= 1, "a Deployment manifest exists");
        assertEquals(List.of(), problems);
    }

    private static void checkDeployment(Map<?, ?> deployment, Map<String, String> known, Path file,
            List<String> problems) {
        Map<?, ?> spec = map(deployment, "spec");
        assertEquals(1, spec.get("replicas"), file + ": one replica per source");
        assertEquals("Recreate", map(spec, "strategy").get("type"), file + ": never two Sluices on one source");
        Map<?, ?> template = map(spec, "template");
        Map<?, ?> annotations = map(map(template, "metadata"), "annotations");
        assertEquals("/q/metrics", annotations.get("prometheus.io/path"));
        assertEquals("8080", annotations.get("prometheus.io/port"));
        for (Object c : (List<?>) map(template, "spec").get("containers")) {
            Map<?, ?> container = (Map<?, ?>) c;
            for (Object e : (List<?>) container.get("env")) {
                checkVariable(String.valueOf(((Map<?, ?>) e).get("name")), known, file, problems);
            }
            Map<?, ?> port = (Map<?, ?>) ((List<?>) container.get("ports")).get(0);
            assertEquals(imageHttpPort(), port.get("containerPort"), file + ": the image's SLUICE_HTTP_PORT");
            assertEquals("/q/health/live", map(map(container, "livenessProbe"), "httpGet").get("path"));
            assertEquals("/q/health/ready", map(map(container, "readinessProbe"), "httpGet").get("path"));
            assertEquals(port.get("name"), map(map(container, "livenessProbe"), "httpGet").get("port"));
            assertEquals(port.get("name"), map(map(container, "readinessProbe"), "httpGet").get("port"));
        }
    }

    @Test
    void theComposeExampleUsesRealSettings() throws IOException {
        Map<String, String> known = knownVariables();
        Path file = Path.of("deploy/compose/docker-compose.yml");
        Map<?, ?> compose;
        try (Reader reader = Files.newBufferedReader(file)) {
            compose = (Map<?, ?>) yaml().load(reader);
        }
        Map<?, ?> sluice = map(map(compose, "services"), "sluice");
        List<String> problems = new ArrayList<>();
        map(sluice, "environment").keySet().forEach(key -> checkVariable(String.valueOf(key), known, file, problems));
        assertEquals(List.of(), problems);
        assertEquals(List.of(imageHttpPort() + ":" + imageHttpPort()), sluice.get("ports"));
    }

    /** The HTTP port the container images set, which probes and Prometheus use. */
    private static int imageHttpPort() {
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

    private static void checkVariable(String name, Map<String, String> known, Path file, List<String> problems) {
        if (name.startsWith("SLUICE_") && !known.containsKey(name)) {
            problems.add(file + " sets " + name + ", which Sluice does not read");
        }
    }

    private static Map<?, ?> map(Map<?, ?> parent, String key) {
        Object child = parent.get(key);
        assertTrue(child instanceof Map, "'" + key + "' is a mapping");
        return (Map<?, ?>) child;
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }
}
