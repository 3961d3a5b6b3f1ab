package dev.sluice;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad settings, each read the way a start reads them (the framework's mapping and converters, then
 * the validator): every one must be refused with a line that names the variable and says what it
 * expects, and never echo a secret.
 */
class HostileSettingsTest {

    private static final String PASSWORD = "s3cret-pw-4711";
    private static Path dir;
    private static String missing;
    private static String empty;
    private static String garbage;
    private static String directory;
    private static String badTablesFile;

    /** One bad input: variables to set (null removes one), and the line expected for it. */
    record Case(Map<String, String> changes, String variable, String expected) {
        @Override
        public String toString() {
            return changes.toString();
        }
    }

    static Map<String, String> valid() {
        Map<String, String> env = new HashMap<>();
        env.put("SLUICE_NAME", "shop");
        env.put("SLUICE_MYSQL_HOST", "db.internal");
        env.put("SLUICE_MYSQL_USER", "sluice");
        env.put("SLUICE_MYSQL_PASSWORD", PASSWORD);
        env.put("SLUICE_TABLES", "shop.*");
        env.put("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
        return env;
    }

    @BeforeAll
    static void files() throws IOException {
        dir = Files.createTempDirectory("hostile-settings");
        missing = dir.resolve("no-such-file").toString();
        empty = Files.writeString(dir.resolve("empty"), "").toString();
        garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate\n").toString();
        directory = Files.createDirectory(dir.resolve("a-directory")).toString();
        badTablesFile = Files.writeString(dir.resolve("tables.csv"), "shop,orders\njust-one-field\n").toString();
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // wrong types and ranges
        add(cases, "SLUICE_MYSQL_PORT", "abc", "expected an integer value, got \"abc\"");
        add(cases, "SLUICE_MYSQL_PORT", "3306.5", "expected an integer value");
        add(cases, "SLUICE_MYSQL_PORT", "99999999999", "expected an integer value");
        add(cases, "SLUICE_MYSQL_PORT", "0", "expected a TCP port between 1 and 65535, got 0");
        add(cases, "SLUICE_MYSQL_PORT", "-3306", "expected a TCP port between 1 and 65535");
        add(cases, "SLUICE_MYSQL_SERVER_ID", "abc", "expected a long value");
        add(cases, "SLUICE_MYSQL_SERVER_ID", "0", "expected a number between 1 and 4294967295, got 0");
        add(cases, "SLUICE_MYSQL_SERVER_ID", "-1", "expected a number between 1 and 4294967295");
        add(cases, "SLUICE_MYSQL_SERVER_ID", "4294967296", "expected a number between 1 and 4294967295");
        add(cases, "SLUICE_QUEUE_MAX_EVENTS", "lots", "expected an integer value");
        add(cases, "SLUICE_QUEUE_MAX_EVENTS", "0", "expected a positive number, got 0");
        add(cases, "SLUICE_QUEUE_MAX_EVENTS", "-5", "expected a positive number");
        add(cases, "SLUICE_QUEUE_MAX_BYTES", "1GB", "expected a long value");
        add(cases, "SLUICE_QUEUE_MAX_BYTES", "0", "expected a positive number");
        add(cases, "SLUICE_TOPICS_PARTITIONS", "0", "expected a positive number");
        add(cases, "SLUICE_TOPICS_PARTITIONS", "many", "expected an integer value");
        add(cases, "SLUICE_TOPICS_REPLICATION_FACTOR", "0", "expected a positive number");
        add(cases, "SLUICE_TOPICS_REPLICATION_FACTOR", "two", "expected an integer value");
        add(cases, "SLUICE_INCREMENTAL_SNAPSHOT_CHUNK_SIZE", "0", "expected a number of rows between 1 and 1000000");
        add(cases, "SLUICE_INCREMENTAL_SNAPSHOT_CHUNK_SIZE", "2000000", "between 1 and 1000000, got 2000000");
        add(cases, "SLUICE_INCREMENTAL_SNAPSHOT_CHUNK_TIMEOUT", "0s", "expected a positive duration");
        add(cases, "SLUICE_INCREMENTAL_SNAPSHOT_CHUNK_TIMEOUT", "soon", "expected a duration such as 500ms, 10s or 5m, got 'soon'");
        add(cases, "SLUICE_OFFSETS_FLUSH_INTERVAL", "0ms", "expected a positive duration");
        add(cases, "SLUICE_OFFSETS_FLUSH_INTERVAL", "-1s", "expected a positive duration");
        add(cases, "SLUICE_OFFSETS_FLUSH_INTERVAL", "fast", "expected a duration such as");
        add(cases, "SLUICE_OFFSETS_FLUSH_INTERVAL", "214748364865536500m", "expected a duration such as");
        add(cases, "SLUICE_SKIPPED_OPERATIONS", "c,r", "'r' is not an operation");
        add(cases, "SLUICE_COLUMN_EXCLUDE_LIST", "shop.users", "'shop.users' is not db.table.column");
        add(cases, "SLUICE_COLUMN_MASKS", "shop.users.ssn=blur(3)", "is not one of columns=mask(N)");
        add(cases, "SLUICE_MESSAGE_KEY_COLUMNS", "shop.users:", "is not db.table:column1,column2");
        add(cases, "SLUICE_HEARTBEAT_INTERVAL", "-5s", "expected a positive duration such as 500ms, 10s or 5m, got -5s");
        add(cases, "SLUICE_HEARTBEAT_MAX_AGE", "0s", "expected a positive duration");
        add(cases, "SLUICE_HEALTH_MAX_SILENCE", "0s", "expected a positive duration");
        add(cases, "SLUICE_MYSQL_CONNECT_TIMEOUT", "0s", "expected a positive duration");
        add(cases, "SLUICE_MYSQL_READ_TIMEOUT", "never", "expected a duration such as");
        add(cases, "SLUICE_METRICS_BINLOG_POLL_INTERVAL", "0s", "expected a positive duration");
        // on/off settings the framework would read as false
        add(cases, "SLUICE_READ_ONLY", "ture", "expected true or false, got 'ture'");
        add(cases, "SLUICE_READ_ONLY", "maybe", "expected true or false");
        add(cases, "SLUICE_TOMBSTONES_ON_DELETE", "2", "expected true or false");
        add(cases, "SLUICE_SCHEMAS_ENABLE", "enabled", "expected true or false");
        add(cases, "SLUICE_HEARTBEAT_ENABLED", "nope", "expected true or false");
        add(cases, "SLUICE_SSH_ENABLED", "yess", "expected true or false");
        add(cases, "SLUICE_MYSQL_ALLOW_PUBLIC_KEY_RETRIEVAL", "si", "expected true or false");
        add(cases, "SLUICE_SIGNAL_ALLOW_ADDITIONAL_CONDITIONS", "never", "expected true or false");
        add(cases, "SLUICE_BINLOG_SKIP_STATEMENT_CHANGES", "sure", "expected true or false");
        add(cases, "SLUICE_SCHEMA_HISTORY_SKIP_UNPARSEABLE_DDL", "t", "expected true or false");
        add(cases, "SLUICE_INCLUDE_SCHEMA_CHANGES", "y", "expected true or false");
        add(cases, "SLUICE_SCHEMA_HISTORY_CAPTURED_TABLES_ONLY", "ja", "expected true or false");
        // unknown values
        add(cases, "SLUICE_SNAPSHOT_MODE", "sometimes", "expected one of initial, initial_only");
        add(cases, "SLUICE_SNAPSHOT_MODE", "schema_only", "expected one of");
        add(cases, "SLUICE_MYSQL_SSL_MODE", "verify", "verify");
        add(cases, "SLUICE_MYSQL_SSL_MODE", "on", "on");
        add(cases, "SLUICE_BINARY_HANDLING_MODE", "base32", "base32");
        add(cases, "SLUICE_DECIMAL_HANDLING_MODE", "exact", "exact");
        add(cases, "SLUICE_TIME_PRECISION_MODE", "nanoseconds", "nanoseconds");
        add(cases, "SLUICE_BIGINT_UNSIGNED_HANDLING_MODE", "string", "string");
        add(cases, "SLUICE_CONNECTION_TIMEZONE", "Mars/Olympus_Mons", "expected SERVER or an IANA time zone");
        // names and lists
        add(cases, "SLUICE_NAME", "has space", "expected letters, digits");
        add(cases, "SLUICE_NAME", "a/b", "expected letters, digits");
        add(cases, "SLUICE_NAME", "  ", "SLUICE_NAME is required");
        add(cases, "SLUICE_NAME", null, "SLUICE_NAME is required");
        add(cases, "SLUICE_TOPIC_PREFIX", "bad prefix!", "expected letters, digits");
        add(cases, "SLUICE_TABLES", "justatable", "'justatable' is not db.table, db.* or /regex/");
        add(cases, "SLUICE_TABLES", "/[unclosed/", "[unclosed");
        add(cases, "SLUICE_TABLES", ",,,", "SLUICE_TABLES");
        add(cases, "SLUICE_TABLES", null, "SLUICE_TABLES is required");
        add(cases, "SLUICE_TABLES_EXCLUDE", "/(/", "(");
        add(cases, "SLUICE_SIGNAL_TABLE", "nodot", "expected db.table, got 'nodot'");
        add(cases, "SLUICE_SIGNAL_TABLE", "a.b.c", "expected db.table");
        add(cases, "SLUICE_HEARTBEAT_TABLE", "nodot", "expected db.table");
        add(cases, "SLUICE_MYSQL_HOST", " ", "SLUICE_MYSQL_HOST is required");
        add(cases, "SLUICE_MYSQL_USER", null, "SLUICE_MYSQL_USER is required");
        add(cases, "KAFKA_BOOTSTRAP_SERVERS", null, "KAFKA_BOOTSTRAP_SERVERS is required");
        add(cases, "KAFKA_BOOTSTRAP_SERVERS", " ", "KAFKA_BOOTSTRAP_SERVERS is required");
        // files and secrets
        Map<String, String> tablesFile = new HashMap<>();
        tablesFile.put("SLUICE_TABLES", null);
        tablesFile.put("SLUICE_TABLES_FILE", missing);
        cases.add(new Case(tablesFile, "SLUICE_TABLES_FILE", "cannot read '" + missing + "'"));
        cases.add(new Case(Map.of("SLUICE_TABLES_FILE", empty), "SLUICE_TABLES_FILE", "at least one schema,table"));
        cases.add(new Case(Map.of("SLUICE_TABLES_FILE", badTablesFile), "SLUICE_TABLES_FILE",
                "line 2 of " + badTablesFile + " is not schema,table: 'just-one-field'"));
        cases.add(new Case(Map.of("SLUICE_TABLES_FILE", directory), "SLUICE_TABLES_FILE", "cannot read"));
        Map<String, String> passwordFile = new HashMap<>();
        passwordFile.put("SLUICE_MYSQL_PASSWORD", null);
        passwordFile.put("SLUICE_MYSQL_PASSWORD_FILE", missing);
        cases.add(new Case(passwordFile, "SLUICE_MYSQL_PASSWORD_FILE", "cannot read '" + missing + "'"));
        passwordFile = new HashMap<>(passwordFile);
        passwordFile.put("SLUICE_MYSQL_PASSWORD_FILE", empty);
        cases.add(new Case(passwordFile, "SLUICE_MYSQL_PASSWORD_FILE", "is empty"));
        passwordFile = new HashMap<>(passwordFile);
        passwordFile.put("SLUICE_MYSQL_PASSWORD_FILE", directory);
        cases.add(new Case(passwordFile, "SLUICE_MYSQL_PASSWORD_FILE", "cannot read"));
        cases.add(new Case(Map.of("SLUICE_MYSQL_PASSWORD_FILE", garbage), "SLUICE_MYSQL_PASSWORD_FILE",
                "expected either SLUICE_MYSQL_PASSWORD or SLUICE_MYSQL_PASSWORD_FILE, not both"));
        cases.add(new Case(Map.of("KAFKA_SASL_JAAS_CONFIG_FILE", empty), "KAFKA_SASL_JAAS_CONFIG_FILE", "is empty"));
        cases.add(new Case(Map.of("KAFKA_SSL_KEYSTORE_PASSWORD_FILE", missing), "KAFKA_SSL_KEYSTORE_PASSWORD_FILE",
                "cannot read"));
        cases.add(new Case(Map.of("SLUICE_MYSQL_SSL_MODE", "verify_ca", "SLUICE_MYSQL_SSL_CA", missing),
                "SLUICE_MYSQL_SSL_CA", "no such file"));
        cases.add(new Case(Map.of("SLUICE_MYSQL_SSL_MODE", "verify_ca", "SLUICE_MYSQL_SSL_CA", garbage),
                "SLUICE_MYSQL_SSL_CA", "cannot use '" + garbage + "'"));
        cases.add(new Case(Map.of("SLUICE_MYSQL_SSL_MODE", "verify_ca", "SLUICE_MYSQL_SSL_CA", empty),
                "SLUICE_MYSQL_SSL_CA", "cannot use '" + empty + "'"));
        cases.add(new Case(Map.of("SLUICE_MYSQL_SSL_CERT", garbage, "SLUICE_MYSQL_SSL_KEY", garbage),
                "SLUICE_MYSQL_SSL_CERT", "cannot use"));
        cases.add(new Case(Map.of("SLUICE_MYSQL_SSL_CERT", garbage), "SLUICE_MYSQL_SSL_KEY",
                "needs both SLUICE_MYSQL_SSL_CERT and SLUICE_MYSQL_SSL_KEY"));
        // conflicting combinations
        cases.add(new Case(Map.of("SLUICE_MYSQL_SSL_CA", garbage), "SLUICE_MYSQL_SSL_CA",
                "a CA only verifies the server with SLUICE_MYSQL_SSL_MODE=verify_ca"));
        cases.add(new Case(Map.of("SLUICE_MYSQL_SSL_MODE", "disabled", "SLUICE_MYSQL_SSL_CERT", garbage,
                "SLUICE_MYSQL_SSL_KEY", garbage), "SLUICE_MYSQL_SSL_CERT", "a client certificate needs TLS"));
        Map<String, String> ssh = Map.of("SLUICE_SSH_ENABLED", "true", "SLUICE_SSH_HOST", "bastion",
                "SLUICE_SSH_USER", "tunnel", "SLUICE_SSH_PRIVATE_KEY", "key");
        cases.add(new Case(with(ssh, "SLUICE_MYSQL_SSL_MODE", "verify_identity"), "SLUICE_MYSQL_SSL_MODE",
                "use verify_ca with SLUICE_SSH_ENABLED"));
        cases.add(new Case(with(ssh, "SLUICE_SSH_HOST", null), "SLUICE_SSH_HOST", "is required"));
        cases.add(new Case(with(ssh, "SLUICE_SSH_USER", null), "SLUICE_SSH_USER", "is required"));
        cases.add(new Case(with(ssh, "SLUICE_SSH_PRIVATE_KEY", null), "SLUICE_SSH_PRIVATE_KEY", "is required"));
        cases.add(new Case(with(ssh, "SLUICE_SSH_PORT", "70000"), "SLUICE_SSH_PORT", "between 1 and 65535"));
        cases.add(new Case(with(ssh, "SLUICE_SSH_PRIVATE_KEY_FILE", empty), "SLUICE_SSH_PRIVATE_KEY_FILE",
                "not both"));
        cases.add(new Case(with(with(ssh, "SLUICE_SSH_PRIVATE_KEY", null), "SLUICE_SSH_PRIVATE_KEY_FILE", empty),
                "SLUICE_SSH_PRIVATE_KEY_FILE", "is empty"));
        cases.add(new Case(with(ssh, "SLUICE_SSH_PASSPHRASE_FILE", missing), "SLUICE_SSH_PASSPHRASE_FILE",
                "cannot read"));
        cases.add(new Case(with(ssh, "SLUICE_SSH_KNOWN_HOSTS_FILE", missing), "SLUICE_SSH_KNOWN_HOSTS_FILE",
                "expected a readable known_hosts file"));
        cases.add(new Case(with(ssh, "SLUICE_SSH_CONNECT_TIMEOUT", "0s"), "SLUICE_SSH_CONNECT_TIMEOUT",
                "expected a positive duration"));
        // found by SettingsFuzzTest: framework lines and exceptions instead of the variable's name
        add(cases, "SLUICE_MYSQL_READ_TIMEOUT", "", "is set but empty: give it a value, or remove it");
        add(cases, "SLUICE_INCREMENTAL_SNAPSHOT_CHUNK_TIMEOUT", "\n", "is set but empty");
        add(cases, "SLUICE_READ_ONLY", " ", "is set but empty");
        cases.add(new Case(Map.of("SLUICE_TABLES_FILE", "/tmp/a\u0000b"), "SLUICE_TABLES_FILE", "cannot read"));
        cases.add(new Case(Map.of("KAFKA_SASL_JAAS_CONFIG_FILE", "/tmp/a\u0000b"), "KAFKA_SASL_JAAS_CONFIG_FILE",
                "cannot read"));
        cases.add(new Case(with(ssh, "SLUICE_SSH_KNOWN_HOSTS_FILE", "/tmp/a\u0000b"), "SLUICE_SSH_KNOWN_HOSTS_FILE",
                "cannot read"));
        // misspelt variables would otherwise leave the setting at its default
        add(cases, "SLUICE_SNAPHSOT_MODE", "never", "is not a Sluice setting (did you mean SLUICE_SNAPSHOT_MODE?)");
        add(cases, "SLUICE_MYSQL_PASSWROD", "x", "did you mean SLUICE_MYSQL_PASSWORD?");
        add(cases, "SLUICE_READONLY", "true", "did you mean SLUICE_READ_ONLY?");
        add(cases, "SLUICE_TABLE", "shop.orders", "did you mean SLUICE_TABLES?");
        add(cases, "SLUICE_SSL_MODE", "required", "did you mean SLUICE_MYSQL_SSL_MODE?");
        add(cases, "SLUICE_COLOUR", "blue", "is not a Sluice setting (see the settings table in the README)");
        return cases;
    }

    private static void add(List<Case> cases, String variable, String value, String expected) {
        Map<String, String> changes = new HashMap<>();
        changes.put(variable, value);
        cases.add(new Case(changes, variable, expected));
    }

    private static Map<String, String> with(Map<String, String> base, String variable, String value) {
        Map<String, String> changed = new HashMap<>(base);
        changed.put(variable, value);
        return changed;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithALineNamingTheVariable(Case input) {
        Map<String, String> env = valid();
        input.changes().forEach((name, value) -> {
            if (value == null) {
                env.remove(name);
            } else {
                env.put(name, value);
            }
        });
        ConfigHarness.Outcome outcome = ConfigHarness.read(env);
        List<String> problems = outcome.problems();
        assertTrue(problems.stream().anyMatch(line -> line.startsWith(input.variable())
                        && line.contains(input.expected())),
                "expected a line starting " + input.variable() + " and saying \"" + input.expected() + "\", got "
                        + problems);
        for (String line : problems) {
            assertTrue(!line.contains(PASSWORD) && !line.contains("SRCFG") && !line.contains("Exception:"),
                    "a plain line without secrets or framework codes: " + line);
        }
    }

    @Test
    void theCasesAreMany() {
        assertTrue(cases().size() >= 100, "at least 100 bad settings are tried, got " + cases().size());
    }

    @Test
    void theValidBaseIsAccepted() {
        ConfigHarness.Outcome outcome = ConfigHarness.read(valid());
        assertEquals(List.of(), outcome.problems());
        assertNotNull(outcome.settings());
        assertEquals("shop", outcome.settings().name());
    }

    @Test
    void onOffWordsAreReadBothWays() {
        for (String yes : List.of("true", "TRUE", "yes", "on", "1", " true ")) {
            Map<String, String> env = valid();
            env.put("SLUICE_READ_ONLY", yes);
            assertTrue(ConfigHarness.read(env).settings().readOnly(), yes);
        }
        for (String no : List.of("false", "False", "no", "off", "0")) {
            Map<String, String> env = valid();
            env.put("SLUICE_READ_ONLY", no);
            assertTrue(!ConfigHarness.read(env).settings().readOnly(), no);
        }
    }
}
