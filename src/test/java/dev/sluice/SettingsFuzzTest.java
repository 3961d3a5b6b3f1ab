package dev.sluice;

import dev.sluice.config.KnownSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random values in random settings, read the way a start reads them: each start either gets its
 * settings or one line per problem naming the variable, never an exception and never the password.
 */
class SettingsFuzzTest {

    private static final List<String> VALUES = List.of("", " ", "0", "-1", "1", "65536", "2147483648",
            "9223372036854775808", "true", "false", "yes", "maybe", "10s", "500ms", "-5m", "PT1S", "P1D", "1h",
            "shop.*", "/re(/", "db.table", "a.b.c", "/etc/passwd", "/nonexistent/file", "initial", "never",
            "verify_identity", "disabled", "precise", "connect", "hex", "Europe/Berlin", "SERVER", "x".repeat(300),
            "\u00e9\u20ac\ud83d\ude00", "\n", "${SLUICE_NAME}", "${undefined}", "%s%n", "'\"`;--", "\u0000");

    @Test
    void randomSettingsAreAcceptedOrRefusedLineByLine() {
        List<String> variables = new ArrayList<>(KnownSettings.names());
        // the password keeps its distinctive value, so that a line repeating it is noticed
        variables.removeIf(v -> v.equals("SLUICE_HTTP_HOST") || v.equals("SLUICE_HTTP_PORT")
                || v.equals("SLUICE_MYSQL_PASSWORD"));
        variables.addAll(List.of("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_SASL_JAAS_CONFIG_FILE", "SLUICE_UNKNOWN_THING"));
        Random random = Fuzz.random("settings");
        int iterations = Fuzz.iterations(3_000);
        int[] outcome = new int[2];
        assertTimeoutPreemptively(Duration.ofMinutes(10), () -> {
            for (int i = 0; i < iterations; i++) {
                Map<String, String> env = HostileSettingsTest.valid();
                int changes = 1 + random.nextInt(4);
                for (int c = 0; c < changes; c++) {
                    String value = VALUES.get(random.nextInt(VALUES.size()));
                    if (random.nextInt(3) == 0) {
                        value = Fuzz.mutate(random, value, VALUES);
                    }
                    env.put(variables.get(random.nextInt(variables.size())), value);
                }
                try {
                    ConfigHarness.Outcome read = ConfigHarness.read(env);
                    if (read.problems().isEmpty()) {
                        outcome[0]++;
                        continue;
                    }
                    outcome[1]++;
                    for (String line : read.problems()) {
                        boolean secret = line.contains(env.get("SLUICE_MYSQL_PASSWORD"));
                        assertTrue((line.startsWith("SLUICE_") || line.startsWith("KAFKA_")) && !secret,
                                Fuzz.describe("settings", i, env.toString()) + "\nline: " + line);
                    }
                } catch (RuntimeException e) {
                    fail(Fuzz.describe("settings", i, env.toString()) + "\n" + e, e);
                }
            }
        }, "reading settings must not hang (a hang shows as this timeout)");
        assertTrue(outcome[0] > 0 && outcome[1] > 0, "accepted " + outcome[0] + ", refused " + outcome[1]);
    }
}
