package dev.sluice.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names of every SLUICE_* environment variable Sluice reads, so that a misspelt one is an
 * error rather than a setting silently left at its default. ConfigurationReferenceTest keeps this
 * list equal to {@link SluiceConfig} and the variables application.properties reads.
 */
public final class KnownSettings {

    /** Prefixes of variables the project's own scripts and tests use; not settings. */
    private static final List<String> TOOLING = List.of("SLUICE_TEST_", "SLUICE_STACK_", "SLUICE_DEMO_");

    private static final Set<String> NAMES = Set.of(
            "BIGINT_UNSIGNED_HANDLING_MODE",
            "BINARY_HANDLING_MODE",
            "BINLOG_SKIP_STATEMENT_CHANGES",
            "COLUMN_EXCLUDE_LIST", "COLUMN_INCLUDE_LIST", "COLUMN_MASK_HASH_SALT", "COLUMN_MASK_HASH_SALT_FILE",
            "COLUMN_MASKS",
            "CONNECTION_TIMEZONE",
            "DECIMAL_HANDLING_MODE",
            "EXACTLY_ONCE",
            "FLAT_ROWS", "FLAT_ROWS_ADD_FIELDS", "FLAT_ROWS_DELETE_HANDLING",
            "GTID_SOURCE_EXCLUDES", "GTID_SOURCE_INCLUDES",
            "HEALTH_MAX_SILENCE",
            "HEARTBEAT_ENABLED", "HEARTBEAT_INTERVAL", "HEARTBEAT_MAX_AGE", "HEARTBEAT_TABLE", "HEARTBEAT_TOPIC",
            "HTTP_HOST", "HTTP_PORT",
            "INCLUDE_SCHEMA_CHANGES",
            "INCREMENTAL_SNAPSHOT_CHUNK_SIZE", "INCREMENTAL_SNAPSHOT_CHUNK_TIMEOUT",
            "MESSAGE_KEY_COLUMNS",
            "METRICS_BINLOG_POLL_INTERVAL",
            "MYSQL_ALLOW_PUBLIC_KEY_RETRIEVAL", "MYSQL_CONNECT_TIMEOUT", "MYSQL_HOST", "MYSQL_PASSWORD",
            "MYSQL_PASSWORD_FILE", "MYSQL_PORT", "MYSQL_READ_TIMEOUT", "MYSQL_SERVER_ID", "MYSQL_SSL_CA",
            "MYSQL_SSL_CERT", "MYSQL_SSL_KEY", "MYSQL_SSL_MODE", "MYSQL_USER",
            "NAME",
            "OFFSETS_FLUSH_INTERVAL", "OFFSETS_TOPIC",
            "PROVIDE_TRANSACTION_METADATA",
            "QUEUE_MAX_BYTES", "QUEUE_MAX_EVENTS",
            "READ_ONLY",
            "SCHEMA_HISTORY_CAPTURED_DATABASES_ONLY", "SCHEMA_HISTORY_CAPTURED_TABLES_ONLY",
            "SCHEMA_HISTORY_SKIP_UNPARSEABLE_DDL", "SCHEMA_HISTORY_TOPIC",
            "SCHEMAS_ENABLE",
            "SIGNAL_ALLOW_ADDITIONAL_CONDITIONS", "SIGNAL_KAFKA_TOPIC", "SIGNAL_TABLE",
            "SKIPPED_OPERATIONS",
            "SNAPSHOT_MODE",
            "STANDBY",
            "SSH_CONNECT_TIMEOUT", "SSH_ENABLED", "SSH_HOST", "SSH_KNOWN_HOSTS_FILE", "SSH_PASSPHRASE",
            "SSH_PASSPHRASE_FILE", "SSH_PORT", "SSH_PRIVATE_KEY", "SSH_PRIVATE_KEY_FILE", "SSH_USER",
            "TABLES", "TABLES_EXCLUDE", "TABLES_FILE",
            "TIME_PRECISION_MODE",
            "TOMBSTONES_ON_DELETE",
            "TOPIC_PREFIX",
            "TOPIC_ROUTING_KEY_ENFORCE_UNIQUENESS", "TOPIC_ROUTING_KEY_FIELD_NAME", "TOPIC_ROUTING_KEY_FIELD_REGEX",
            "TOPIC_ROUTING_KEY_FIELD_REPLACEMENT", "TOPIC_ROUTING_REGEX", "TOPIC_ROUTING_REPLACEMENT",
            "TOPICS_PARTITIONS", "TOPICS_REPLICATION_FACTOR");

    private KnownSettings() {
    }

    public static Set<String> names() {
        Set<String> all = new java.util.TreeSet<>();
        NAMES.forEach(name -> all.add("SLUICE_" + name));
        return all;
    }

    /** One problem per SLUICE_* variable that is not a setting, with the closest setting's name. */
    public static List<String> unknown(Iterable<String> environment) {
        List<String> problems = new ArrayList<>();
        for (String variable : environment) {
            if (!variable.startsWith("SLUICE_") || TOOLING.stream().anyMatch(variable::startsWith)
                    || NAMES.contains(variable.substring("SLUICE_".length()))) {
                continue;
            }
            String closest = closest(variable.toUpperCase(Locale.ROOT));
            problems.add(variable + " is not a Sluice setting" + (closest == null ? " (see the settings table in the"
                    + " README)" : " (did you mean " + closest + "?)"));
        }
        return problems;
    }

    private static String closest(String variable) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : NAMES) {
            String given = variable.substring("SLUICE_".length());
            // a name missing its group (SSL_MODE for MYSQL_SSL_MODE) counts as two typos
            int distance = Math.min(distance(given, name), name.endsWith("_" + given) ? 2 : Integer.MAX_VALUE);
            if (distance < bestDistance) {
                best = name;
                bestDistance = distance;
            }
        }
        return bestDistance <= Math.max(2, best.length() / 4) ? "SLUICE_" + best : null;
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
