package dev.sluice.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every bad input stops start-up with one clear line and a non-zero exit code. */
class BadConfigIT {

    private static final Duration EXIT = Duration.ofSeconds(120);

    private static Map<String, String> validEnv() {
        return SluiceProcess.env(DbServer.mysql(), "badconfig", "nosuchdb.*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SLUICE_NAME", "SLUICE_MYSQL_HOST", "SLUICE_MYSQL_USER", "SLUICE_TABLES",
            "KAFKA_BOOTSTRAP_SERVERS"})
    void missingRequiredSettingIsNamed(String variable) {
        Map<String, String> env = validEnv();
        env.remove(variable);
        try (SluiceProcess sluice = SluiceProcess.start("badconfig-missing-" + variable, env)) {
            assertEquals(2, sluice.awaitExit(EXIT), sluice.output());
            assertTrue(sluice.output().contains("Configuration error: " + variable + " is required"), sluice.output());
            assertFalse(sluice.output().contains("Exception"), "no stack trace:\n" + sluice.output());
        }
    }

    @Test
    void malformedValuesAreNamedWithWhatIsExpected() {
        Map<String, String> env = validEnv();
        env.put("SLUICE_MYSQL_PORT", "three-three-oh-six");
        env.put("SLUICE_SNAPSHOT_MODE", "sometimes");
        env.put("SLUICE_TABLES", "justatable");
        try (SluiceProcess sluice = SluiceProcess.start("badconfig-malformed", env)) {
            assertEquals(2, sluice.awaitExit(EXIT), sluice.output());
            assertTrue(sluice.output().contains("Configuration error: SLUICE_MYSQL_PORT: expected an integer value"),
                    sluice.output());
        }
        env.put("SLUICE_MYSQL_PORT", "3306");
        try (SluiceProcess sluice = SluiceProcess.start("badconfig-malformed", env)) {
            assertEquals(2, sluice.awaitExit(EXIT), sluice.output());
            String out = sluice.output();
            assertTrue(out.contains("Configuration error: SLUICE_SNAPSHOT_MODE: expected one of initial, initial_only,"
                    + " no_data, when_needed, never, recovery, got 'sometimes'"), out);
            assertTrue(out.contains("Configuration error: SLUICE_TABLES: 'justatable' is not db.table, db.* or /regex/"),
                    out);
        }
    }

    @Test
    void misspeltVariablesAndWordsTheFrameworkWouldReadAsFalseAreRefused() {
        Map<String, String> env = validEnv();
        env.put("SLUICE_SNAPHSOT_MODE", "never");
        env.put("SLUICE_READ_ONLY", "ture");
        try (SluiceProcess sluice = SluiceProcess.start("badconfig-misspelt", env)) {
            assertEquals(2, sluice.awaitExit(EXIT), sluice.output());
            String out = sluice.output();
            assertTrue(out.contains("Configuration error: SLUICE_READ_ONLY: expected true or false, got 'ture'"), out);
            assertTrue(out.contains("Configuration error: SLUICE_SNAPHSOT_MODE is not a Sluice setting (did you mean"
                    + " SLUICE_SNAPSHOT_MODE?)"), out);
        }
    }

    @Test
    void wrongPasswordIsReportedWithoutRevealingIt() {
        Map<String, String> env = validEnv();
        env.put("SLUICE_MYSQL_PASSWORD", "not-the-password-4711");
        try (SluiceProcess sluice = SluiceProcess.start("badconfig-password", env)) {
            assertEquals(1, sluice.awaitExit(EXIT), sluice.output());
            String out = sluice.output();
            assertTrue(out.contains("Cannot start: MySQL at 127.0.0.1:" + DbServer.mysql().port()
                    + " refused the login of user 'sluice' (check SLUICE_MYSQL_USER and SLUICE_MYSQL_PASSWORD"), out);
            assertFalse(out.contains("not-the-password-4711"), "the password never appears in the output");
        }
    }

    @Test
    void unreachableMysqlIsReported() {
        Map<String, String> env = validEnv();
        env.put("SLUICE_MYSQL_PORT", "1");
        env.put("SLUICE_MYSQL_CONNECT_TIMEOUT", "5s");
        try (SluiceProcess sluice = SluiceProcess.start("badconfig-unreachable", env)) {
            assertEquals(1, sluice.awaitExit(EXIT), sluice.output());
            assertTrue(sluice.output().contains("Cannot start: cannot reach MySQL at 127.0.0.1:1 (ConnectException"),
                    sluice.output());
        }
    }

    @Test
    void kafkaThatIsDownIsReported() {
        Map<String, String> env = validEnv();
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");
        try (SluiceProcess sluice = SluiceProcess.start("badconfig-kafka-down", env)) {
            assertEquals(1, sluice.awaitExit(EXIT), sluice.output());
            assertTrue(sluice.output().contains("Cannot start: cannot reach Kafka at 127.0.0.1:1 within 30s; check"
                    + " KAFKA_BOOTSTRAP_SERVERS and that the brokers run"), sluice.output());
        }
    }

    @Test
    void sameServerIdAsTheSourceIsRefused() {
        String sourceId = DbServer.mysql().query("SELECT @@server_id").get(0).get(0);
        Map<String, String> env = validEnv();
        env.put("SLUICE_MYSQL_SERVER_ID", sourceId);
        try (SluiceProcess sluice = SluiceProcess.start("badconfig-server-id", env)) {
            assertEquals(1, sluice.awaitExit(EXIT), sluice.output());
            assertTrue(sluice.output().contains("Cannot start: SLUICE_MYSQL_SERVER_ID=" + sourceId
                    + " is already used by the source server"), sluice.output());
        }
    }
}
