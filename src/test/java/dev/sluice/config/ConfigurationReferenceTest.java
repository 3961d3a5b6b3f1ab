package dev.sluice.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.sluice.config.DeploymentManifests.checkResources;
import static dev.sluice.config.DeploymentManifests.checkVariable;
import static dev.sluice.config.DeploymentManifests.imageHttpPort;
import static dev.sluice.config.DeploymentManifests.knownVariables;
import static dev.sluice.config.DeploymentManifests.map;
import static dev.sluice.config.DeploymentManifests.yaml;
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
                deployments += checkResources(yaml().loadAll(Files.newBufferedReader(file)), known, file.toString(),
                        problems);
            }
        }
        assertTrue(deployments >= 1, "a Deployment manifest exists");
        assertEquals(List.of(), problems);
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
        map(sluice, "environment").keySet().forEach(key -> checkVariable(String.valueOf(key), known, file.toString(), problems));
        assertEquals(List.of(), problems);
        assertEquals(List.of(imageHttpPort() + ":" + imageHttpPort()), sluice.get("ports"));
    }

}
