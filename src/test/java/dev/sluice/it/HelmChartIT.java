package dev.sluice.it;

import dev.sluice.config.DeploymentManifests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.sluice.config.DeploymentManifests.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Helm chart (deploy/helm/sluice), linted and rendered by a real Helm (deploy/local/helm.sh):
 * one Sluice per database from one values file, held to the checks the plain Kubernetes
 * manifests pass, and values that cannot work refused with the fix.
 */
class HelmChartIT {

    private static final Path CHART = Path.of("deploy/helm/sluice");
    private static final Path TWO_DATABASES = Path.of("deploy/helm/two-databases.yaml");
    private static String helm;

    @BeforeAll
    static void installHelm() {
        String output = LocalStack.capture("helm.sh", Map.of(), "path").strip();
        helm = output.substring(output.lastIndexOf('\n') + 1);
    }

    @Test
    void theChartLintsCleanWithItsDefaultsAndTheExample() {
        Result defaults = helm("lint", "--strict", CHART.toString());
        assertEquals(0, defaults.exitCode, defaults.output);
        Result example = helm("lint", "--strict", CHART.toString(), "-f", TWO_DATABASES.toString());
        assertEquals(0, example.exitCode, example.output);
    }

    @Test
    void oneValuesFileGivesEachDatabaseItsOwnSluice() throws IOException {
        List<Map<?, ?>> resources = render(TWO_DATABASES);
        List<String> problems = new ArrayList<>();
        int deployments = DeploymentManifests.checkResources(new ArrayList<>(resources),
                DeploymentManifests.knownVariables(), "helm template -f " + TWO_DATABASES, problems);
        assertEquals(List.of(), problems);
        assertEquals(2, deployments);

        Map<?, ?> shop = data(resources, "sluice-shop");
        Map<?, ?> billing = data(resources, "sluice-billing");
        assertEquals("shop", shop.get("SLUICE_NAME"));
        assertEquals("billing", billing.get("SLUICE_NAME"));
        assertEquals("kafka-bootstrap.kafka.svc:9093", billing.get("KAFKA_BOOTSTRAP_SERVERS"), "shared settings apply");
        assertEquals("10s", shop.get("SLUICE_HEARTBEAT_INTERVAL"));
        assertEquals("5s", billing.get("SLUICE_HEARTBEAT_INTERVAL"), "a database's own setting wins");
        assertEquals("true", billing.get("SLUICE_STANDBY"), "billing runs with a standby");
        assertEquals(2, map(find(resources, "Deployment", "sluice-billing"), "spec").get("replicas"));
        assertEquals(null, shop.get("SLUICE_STANDBY"));
        assertEquals(1, map(find(resources, "Deployment", "sluice-shop"), "spec").get("replicas"));

        Map<?, ?> billingContainer = container(resources, "sluice-billing");
        assertEquals(List.of(
                Map.of("name", "KAFKA_SASL_JAAS_CONFIG_FILE", "value", "/run/secrets/sluice/kafka-jaas"),
                Map.of("name", "SLUICE_COLUMN_MASK_HASH_SALT_FILE", "value", "/run/secrets/sluice/mask-salt"),
                Map.of("name", "SLUICE_MYSQL_PASSWORD_FILE", "value", "/run/secrets/sluice/mysql-password")),
                billingContainer.get("env"));
        assertEquals("1", map(map(billingContainer, "resources"), "requests").get("cpu"));
        assertEquals("500m", map(map(container(resources, "sluice-shop"), "resources"), "requests").get("cpu"));
        assertEquals("registry.example/sluice:0.1.0", billingContainer.get("image"));
    }

    @Test
    void theDefaultsDeployWhatTheKubernetesExampleDeploys() throws IOException {
        List<Map<?, ?>> chart = render(null);
        List<Map<?, ?>> manifests = new ArrayList<>();
        for (Object document : DeploymentManifests.yaml().loadAll(
                Files.newBufferedReader(Path.of("deploy/kubernetes/sluice-shop.yaml")))) {
            manifests.add((Map<?, ?>) document);
        }
        assertEquals(data(manifests, "sluice-shop"), data(chart, "sluice-shop"));
        Map<?, ?> fromChart = container(chart, "sluice-shop");
        Map<?, ?> fromManifest = container(manifests, "sluice-shop");
        for (String key : List.of("env", "ports", "livenessProbe", "readinessProbe", "resources", "volumeMounts")) {
            assertEquals(fromManifest.get(key), fromChart.get(key), key);
        }
    }

    @Test
    void aChangedSettingRollsThePod() {
        Object before = checksum(render(TWO_DATABASES), "sluice-shop");
        Object after = checksum(render(TWO_DATABASES, "--set", "settings.SLUICE_HEARTBEAT_INTERVAL=30s"), "sluice-shop");
        assertNotEquals(before, after);
    }

    @Test
    void valuesThatCannotWorkAreRefusedWithTheFix() throws IOException {
        assertRefused("""
                databases:
                  - name: shop
                    secretName: sluice-shop
                    settings: {SLUICE_MYSQL_HOST: db, SLUICE_TABLES: "shop.*", SLUICE_MYSQL_PASSWORD: hunter2}
                """, "SLUICE_MYSQL_PASSWORD is a secret and must not be a plain setting; put it in the Secret \"sluice-shop\" and map SLUICE_MYSQL_PASSWORD_FILE");
        assertRefused("""
                databases:
                  - {name: shop, secretName: s, settings: {SLUICE_MYSQL_HOST: a, SLUICE_TABLES: "shop.*"}}
                  - {name: shop, secretName: s, settings: {SLUICE_MYSQL_HOST: b, SLUICE_TABLES: "shop.*"}}
                """, "\"shop\" appears twice");
        assertRefused("""
                databases:
                  - {name: shop, secretName: s, settings: {SLUICE_TABLES: "shop.*"}}
                """, "databases[shop]: settings.SLUICE_MYSQL_HOST is required");
        assertRefused("""
                databases:
                  - {name: shop, secretName: s, settings: {SLUICE_MYSQL_HOST: db}}
                """, "databases[shop]: settings.SLUICE_TABLES is required");
        assertRefused("""
                databases:
                  - {name: Shop_1, secretName: s, settings: {SLUICE_MYSQL_HOST: db, SLUICE_TABLES: "shop.*"}}
                """, "name \"Shop_1\" must be lower-case letters, digits and '-'");
        assertRefused("""
                databases:
                  - {name: shop, settings: {SLUICE_MYSQL_HOST: db, SLUICE_TABLES: "shop.*"}}
                """, "databases[shop]: secretName is required: the Secret holding mysql-password");
        // Helm reads 1000000 as a float and would write "1e+06"; the schema wants it quoted.
        assertRefused("""
                databases:
                  - {name: shop, secretName: s, settings: {SLUICE_MYSQL_HOST: db, SLUICE_TABLES: "shop.*", SLUICE_SNAPSHOT_FETCH_SIZE: 1000000}}
                """, "SLUICE_SNAPSHOT_FETCH_SIZE': got number, want boolean or string");
        assertRefused("""
                databases:
                  - {name: shop, secretName: s, settings: {mysql_host: db}}
                """, "mysql_host");
    }

    private void assertRefused(String values, String expected) throws IOException {
        Path file = Files.createTempFile("sluice-values", ".yaml");
        try {
            Files.writeString(file, values);
            Result result = helm("template", "sluice", CHART.toString(), "-f", file.toString());
            assertNotEquals(0, result.exitCode, "refused:\n" + values);
            assertTrue(result.output.contains(expected), "expected '" + expected + "' in:\n" + result.output);
        } finally {
            Files.delete(file);
        }
    }

    private static Object checksum(List<Map<?, ?>> resources, String name) {
        return map(map(map(map(find(resources, "Deployment", name), "spec"), "template"), "metadata"), "annotations")
                .get("checksum/settings");
    }

    private static Map<?, ?> data(List<Map<?, ?>> resources, String name) {
        return map(find(resources, "ConfigMap", name), "data");
    }

    private static Map<?, ?> container(List<Map<?, ?>> resources, String name) {
        List<?> containers = (List<?>) map(map(map(find(resources, "Deployment", name), "spec"), "template"), "spec")
                .get("containers");
        assertEquals(1, containers.size());
        return (Map<?, ?>) containers.get(0);
    }

    private static Map<?, ?> find(List<Map<?, ?>> resources, String kind, String name) {
        return resources.stream()
                .filter(r -> kind.equals(r.get("kind")) && name.equals(map(r, "metadata").get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered"));
    }

    private List<Map<?, ?>> render(Path values, String... extra) {
        List<String> args = new ArrayList<>(List.of("template", "sluice", CHART.toString()));
        if (values != null) {
            args.addAll(List.of("-f", values.toString()));
        }
        args.addAll(List.of(extra));
        Result result = helm(args.toArray(String[]::new));
        assertEquals(0, result.exitCode, result.output);
        List<Map<?, ?>> resources = new ArrayList<>();
        for (Object document : DeploymentManifests.yaml().loadAll(result.output)) {
            if (document != null) {
                resources.add((Map<?, ?>) document);
            }
        }
        return resources;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result helm(String... args) {
        List<String> command = new ArrayList<>(List.of(helm));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "helm finished");
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
