package dev.sluice.it;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The differential test: the same seeded workload captured by Sluice and by Debezium's embedded
 * engine on the same server, every record compared; a difference must be one of the documented
 * deviations. {@code -Doracle.seed=N} repeats a run, {@code -Doracle.rows=N} makes it longer (the
 * suite's run uses a new seed each time and a short workload).
 */
class DebeziumOracleIT {

    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final int ROWS = Integer.getInteger("oracle.rows", 24);

    /** A mode set: Sluice's settings and the same in Debezium's names. */
    record Modes(String label, Map<String, String> sluice, Map<String, String> debezium) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** Settings from name-value pairs (Map.of stops at ten). */
    private static Map<String, String> settings(String... pairs) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static Modes defaults() {
        return new Modes("default modes", Map.of(), Map.of("converter.schemas.enable", "false"));
    }

    /**
     * Other value modes, schemas, columns excluded, keys chosen (the unique-key table keyed by a
     * nullable column), transaction metadata, truncate events and every kind of mask.
     */
    static Modes otherModes() {
        return new Modes("hex, string, precise, connect, schemas on, nulls kept, columns excluded, keys chosen,"
                + " transaction metadata, truncates, masks",
                settings("SLUICE_BINARY_HANDLING_MODE", "hex", "SLUICE_DECIMAL_HANDLING_MODE", "string",
                        "SLUICE_BIGINT_UNSIGNED_HANDLING_MODE", "precise", "SLUICE_TIME_PRECISION_MODE", "connect",
                        "SLUICE_SCHEMAS_ENABLE", "true",
                        "SLUICE_COLUMN_EXCLUDE_LIST", "*.types.b1, *.types.bt64, *.charsets.u16",
                        "SLUICE_MESSAGE_KEY_COLUMNS", "*.ukey:code,id; *.serials:v",
                        "SLUICE_PROVIDE_TRANSACTION_METADATA", "true", "SLUICE_SKIPPED_OPERATIONS", "none",
                        "SLUICE_COLUMN_MASKS", "*.types.c5, *.types.i=mask(3); *.types.tx=truncate(5);"
                                + " *.types.vb, *.charsets.l1=truncate(2); *.types.vc=hash(SHA-256);"
                                + " *.types.st=hash-v2(MD5)", "SLUICE_COLUMN_MASK_HASH_SALT", "pepper"),
                Map.ofEntries(Map.entry("binary.handling.mode", "hex"), Map.entry("decimal.handling.mode", "string"),
                        Map.entry("bigint.unsigned.handling.mode", "precise"),
                        Map.entry("time.precision.mode", "connect"), Map.entry("converter.schemas.enable", "true"),
                        Map.entry("converter.replace.null.with.default", "false"),
                        Map.entry("column.exclude.list",
                                ".*\\.types\\.b1,.*\\.types\\.bt64,.*\\.charsets\\.u16"),
                        Map.entry("message.key.columns", ".*\\.ukey:code,id;.*\\.serials:v"),
                        Map.entry("provide.transaction.metadata", "true"), Map.entry("skipped.operations", "none"),
                        Map.entry("column.mask.with.3.chars", ".*\\.types\\.c5,.*\\.types\\.i"),
                        Map.entry("column.truncate.to.5.chars", ".*\\.types\\.tx"),
                        Map.entry("column.truncate.to.2.chars", ".*\\.types\\.vb,.*\\.charsets\\.l1"),
                        Map.entry("column.mask.hash.SHA-256.with.salt.pepper", ".*\\.types\\.vc"),
                        Map.entry("column.mask.hash.v2.MD5.with.salt.pepper", ".*\\.types\\.st")));
    }

    /** The columns named in a regular expression: some of one table, all of the others. */
    private static final String INCLUDED_COLUMNS = ".*\\.(types\\.(id|ti|i|d10|dtm|vc|en|extra|extra2)"
            + "|(charsets|charsets2|defaults|ukey|serials|oracle_end|t2|t3)\\..*)";

    static Modes urlSafeAndDoubles() {
        return new Modes("base64-url-safe, double, columns included, updates skipped, masks", Map.of(
                "SLUICE_BINARY_HANDLING_MODE", "base64-url-safe", "SLUICE_DECIMAL_HANDLING_MODE", "double",
                "SLUICE_COLUMN_INCLUDE_LIST", "/" + INCLUDED_COLUMNS + "/", "SLUICE_SKIPPED_OPERATIONS", "u",
                "SLUICE_COLUMN_MASKS", "*.types.vc, *.types.d10=truncate(3); *.types.en=mask(4)"),
                Map.of("binary.handling.mode", "base64-url-safe", "decimal.handling.mode", "double",
                        "converter.schemas.enable", "false", "column.include.list", INCLUDED_COLUMNS,
                        "skipped.operations", "u",
                        "column.truncate.to.3.chars", ".*\\.types\\.vc,.*\\.types\\.d10",
                        "column.mask.with.4.chars", ".*\\.types\\.en"));
    }

    static Modes schemasWithDefaultsReplacingNulls() {
        return new Modes("schemas on, JsonConverter replacing nulls with defaults, transaction metadata, masks,"
                + " routing",
                settings("SLUICE_SCHEMAS_ENABLE", "true", "SLUICE_PROVIDE_TRANSACTION_METADATA", "true",
                        "SLUICE_COLUMN_MASKS", "*.types.vb, *.types.bl=truncate(3); *.types.tx=hash(SHA-512)",
                        "SLUICE_COLUMN_MASK_HASH_SALT", "pepper", "SLUICE_TOPIC_ROUTING_REGEX", ROUTED,
                        "SLUICE_TOPIC_ROUTING_REPLACEMENT", "$1.routed"),
                settings("converter.schemas.enable", "true", "provide.transaction.metadata", "true",
                        "column.truncate.to.3.chars", ".*\\.types\\.vb,.*\\.types\\.bl",
                        "column.mask.hash.SHA-512.with.salt.pepper", ".*\\.types\\.tx", "transforms", "Reroute",
                        "transforms.Reroute.type", "io.debezium.transforms.ByLogicalTableRouter",
                        "transforms.Reroute.topic.regex", ROUTED, "transforms.Reroute.topic.replacement", "$1.routed"));
    }

    /** Two tables' topics, one of them created while streaming, routed into one. */
    private static final String ROUTED = "(.*)\\.(serials|t2)";

    /** Flat rows, deletes rewritten, envelope fields added, with schemas; routed first, key field rewritten. */
    static Modes flatRowsRewritten() {
        String added = "op,table,snapshot,source.db:database,server_id";
        return new Modes("flat rows, deletes rewritten, fields added, schemas on, routing", settings(
                "SLUICE_FLAT_ROWS", "true", "SLUICE_FLAT_ROWS_DELETE_HANDLING", "rewrite",
                "SLUICE_FLAT_ROWS_ADD_FIELDS", added, "SLUICE_SCHEMAS_ENABLE", "true",
                "SLUICE_TOPIC_ROUTING_REGEX", ROUTED, "SLUICE_TOPIC_ROUTING_REPLACEMENT", "$1.routed",
                "SLUICE_TOPIC_ROUTING_KEY_FIELD_NAME", "physical", "SLUICE_TOPIC_ROUTING_KEY_FIELD_REGEX",
                ".*\\.([^.]+)", "SLUICE_TOPIC_ROUTING_KEY_FIELD_REPLACEMENT", "table_$1"), settings(
                "transforms", "Reroute,unwrap",
                "transforms.Reroute.type", "io.debezium.transforms.ByLogicalTableRouter",
                "transforms.Reroute.topic.regex", ROUTED, "transforms.Reroute.topic.replacement", "$1.routed",
                "transforms.Reroute.key.field.name", "physical", "transforms.Reroute.key.field.regex",
                ".*\\.([^.]+)", "transforms.Reroute.key.field.replacement", "table_$1",
                "transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState",
                "transforms.unwrap.delete.tombstone.handling.mode", "rewrite", "transforms.unwrap.add.fields", added,
                "converter.schemas.enable", "true"));
    }

    /** Flat rows as ExtractNewRecordState leaves them by default: a delete is a record without a value. */
    static Modes flatRowsDefault() {
        return new Modes("flat rows", Map.of("SLUICE_FLAT_ROWS", "true", "SLUICE_FLAT_ROWS_ADD_FIELDS", "snapshot"),
                Map.of("transforms", "unwrap", "transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState",
                        "transforms.unwrap.add.fields", "snapshot", "converter.schemas.enable", "false"));
    }

    /** Flat rows with another way of handling deletes. */
    static Modes flatRowsDeleting(String handling) {
        return new Modes("flat rows, deletes " + handling, Map.of("SLUICE_FLAT_ROWS", "true",
                "SLUICE_FLAT_ROWS_ADD_FIELDS", "snapshot,op", "SLUICE_FLAT_ROWS_DELETE_HANDLING", handling),
                Map.of("transforms", "unwrap", "transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState",
                        "transforms.unwrap.add.fields", "snapshot,op", "converter.schemas.enable", "false",
                        "transforms.unwrap.delete.tombstone.handling.mode", handling));
    }

    static Stream<Arguments> cases() {
        return Stream.of(Arguments.of(DbServer.mysql(), defaults()), Arguments.of(DbServer.mariadb(), defaults()),
                Arguments.of(DbServer.mariadb114(), defaults()), Arguments.of(DbServer.mysql(), otherModes()),
                Arguments.of(DbServer.mariadb(), schemasWithDefaultsReplacingNulls()),
                Arguments.of(DbServer.mariadb114(), urlSafeAndDoubles()), Arguments.of(DbServer.mysql(),
                        flatRowsRewritten()), Arguments.of(DbServer.mariadb114(), flatRowsDefault()),
                Arguments.of(DbServer.mariadb(), flatRowsDeleting("rewrite-with-tombstone")),
                Arguments.of(DbServer.mysql(), flatRowsDeleting("drop")),
                Arguments.of(DbServer.mariadb114(), flatRowsDeleting("delete-to-tombstone")));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void sluiceMatchesDebeziumOrDeviatesAsDocumented(DbServer server, Modes modes) throws IOException {
        long seed = Long.getLong("oracle.seed", System.nanoTime());
        try (TestDatabase db = new TestDatabase(server, "oracle")) {
            OracleWorkload workload = new OracleWorkload(seed, server.isMariaDb(), db.name(), ROWS);
            run(server, workload.snapshotStatements());
            Map<String, String> env = SluiceProcess.env(server, db.connector(), db.name() + ".*");
            env.put("SLUICE_SNAPSHOT_MODE", "initial");
            env.putAll(modes.sluice());
            String label = "oracle-" + server.label().replace(' ', '-') + "-" + Math.abs(modes.label().hashCode());
            try (SluiceProcess sluice = SluiceProcess.start(label, env);
                    DebeziumOracle debezium = DebeziumOracle.start(server, db, "oracle_end", modes.debezium())) {
                sluice.awaitStreaming();
                debezium.awaitSnapshotDone(WAIT);
                run(server, workload.streamStatements());
                run(server, List.of(workload.stopStatement()));
                List<DebeziumOracle.Captured> theirs = debezium.awaitRecords(WAIT);
                KafkaTopics.await(db.topic("oracle_end"), 1, WAIT);
                List<DebeziumOracle.Captured> ours = sluiceRecords(db);
                OracleComparison.Report report = OracleComparison.compare(ours, theirs, db.connector(), db.name(),
                        server.isMariaDb());
                String run = server + ", " + modes + ", seed " + seed + ", " + ROWS + " rows: ";
                String summary = run + report;
                Path reports = Files.createDirectories(Path.of(System.getProperty("sluice.test.logs",
                        "target/it-logs")));
                Files.writeString(reports.resolve(label + "-report.txt"), run + report.summary(Integer.MAX_VALUE) + "\n",
                        StandardCharsets.UTF_8);
                System.out.println(summary);
                assertTrue(report.unexplained.isEmpty(), summary);
                assertTrue(report.compared > ROWS * 3, summary);
            }
        }
    }

    /** Every statement in a session that accepts zero dates and other legacy values, as real schemas hold them. */
    private static void run(DbServer server, List<String> statements) {
        List<String> all = new ArrayList<>(List.of("SET SESSION sql_mode = ''"));
        all.addAll(statements);
        server.execute(all.toArray(String[]::new));
    }

    /** The records Sluice wrote for this database: its data topics and the schema-change topic. */
    private static List<DebeziumOracle.Captured> sluiceRecords(TestDatabase db) {
        String dataPrefix = db.connector() + "." + db.name() + ".";
        List<DebeziumOracle.Captured> records = new ArrayList<>();
        for (String topic : KafkaTopics.topics().stream().sorted().toList()) {
            if (topic.equals(db.connector()) || topic.startsWith(dataPrefix)
                    || topic.equals(db.connector() + ".transaction")) {
                for (ConsumerRecord<String, String> r : KafkaTopics.read(topic)) {
                    records.add(new DebeziumOracle.Captured(topic, r.key(), r.value()));
                }
            }
        }
        return records;
    }
}
