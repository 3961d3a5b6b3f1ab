package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.sluice.it.ChangeEvents.fieldNames;
import static dev.sluice.it.ChangeEvents.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A DDL sequence with DML after every statement: every row must be decoded with the table's
 * definition at its own binlog position, whether Sluice reads the sequence live or restarts
 * behind each statement, with MINIMAL and FULL row metadata.
 */
class SchemaEvolutionIT {

    /** Each step: statements to run, in order (DDL, then the DML whose event the test checks). */
    private static List<List<String>> steps(String d) {
        return List.of(
                List.of("CREATE TABLE " + d + ".evo (id INT PRIMARY KEY, a VARCHAR(10))",
                        "INSERT INTO " + d + ".evo VALUES (1, 'one')"),
                List.of("ALTER TABLE " + d + ".evo ADD COLUMN b INT NOT NULL DEFAULT 5",
                        "INSERT INTO " + d + ".evo (id, a) VALUES (2, 'two')"),
                List.of("ALTER TABLE " + d + ".evo DROP COLUMN a",
                        "INSERT INTO " + d + ".evo VALUES (3, 6)"),
                List.of("ALTER TABLE " + d + ".evo ADD COLUMN c DATE FIRST",
                        "INSERT INTO " + d + ".evo VALUES ('2024-01-02', 4, 7)"),
                List.of("ALTER TABLE " + d + ".evo MODIFY b BIGINT",
                        "INSERT INTO " + d + ".evo VALUES (NULL, 5, 9000000000)"),
                List.of("ALTER TABLE " + d + ".evo CHANGE c d DATE",
                        "UPDATE " + d + ".evo SET d = '2024-01-03' WHERE id = 5"),
                List.of("RENAME TABLE " + d + ".evo TO " + d + ".evo2",
                        "INSERT INTO " + d + ".evo2 VALUES (NULL, 6, 1)"),
                List.of("TRUNCATE TABLE " + d + ".evo2",
                        "INSERT INTO " + d + ".evo2 VALUES (NULL, 7, 2)"),
                List.of("DROP TABLE " + d + ".evo2",
                        "CREATE TABLE " + d + ".evo2 (k VARCHAR(5) PRIMARY KEY, v TEXT)",
                        "INSERT INTO " + d + ".evo2 VALUES ('x', 'new shape')"));
    }

    /** The {@code after} of each DML event, literally, with its field order. */
    private static final List<String> EVO_AFTER = List.of(
            "{\"id\":1,\"a\":\"one\"}",
            "{\"id\":2,\"a\":\"two\",\"b\":5}",
            "{\"id\":3,\"b\":6}",
            "{\"c\":19724,\"id\":4,\"b\":7}",
            "{\"c\":null,\"id\":5,\"b\":9000000000}",
            "{\"d\":19725,\"id\":5,\"b\":9000000000}");
    private static final List<String> EVO2_AFTER = List.of(
            "{\"d\":null,\"id\":6,\"b\":1}",
            "{\"d\":null,\"id\":7,\"b\":2}",
            "{\"k\":\"x\",\"v\":\"new shape\"}");

    /**
     * Each server with the row metadata its other tests do not run under (the stack's MySQL has
     * MINIMAL, its MariaDB FULL); with {@code -Dsluice.test.long=true} both settings on both.
     */
    static Stream<Arguments> serversAndMetadata() {
        Stream<Arguments> unusual = Stream.of(Arguments.of(DbServer.mysql(), "FULL"),
                Arguments.of(DbServer.mariadb(), "MINIMAL"));
        return Boolean.getBoolean("sluice.test.long") ? Stream.concat(unusual, Stream.of(
                Arguments.of(DbServer.mysql(), "MINIMAL"), Arguments.of(DbServer.mariadb(), "FULL"))) : unusual;
    }

    static Stream<DbServer> servers() {
        return Stream.of(DbServer.mysql(), DbServer.mariadb());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void liveDdlSequenceDecodesEveryRowWithItsDefinition(DbServer server) {
        try (TestDatabase db = new TestDatabase(server, "evolive")) {
            try (SluiceProcess sluice = SluiceProcess.start("evolution-live-" + server.label().replace(' ', '-'),
                    SluiceProcess.env(server, db.connector(), db.name() + ".*"))) {
                sluice.awaitStreaming();
                for (List<String> step : steps(db.name())) {
                    server.execute(step.toArray(String[]::new));
                }
                checkTopics(db);
                List<ConsumerRecord<String, String>> schemaChanges = KafkaTopics.await(db.connector(), 9,
                        Duration.ofSeconds(60));
                JsonNode first = parse(schemaChanges.get(0).value());
                assertEquals("{\"databaseName\":\"" + db.name() + "\"}", schemaChanges.get(0).key());
                assertTrue(first.get("ddl").asText().startsWith("CREATE TABLE"), first.toString());
                assertEquals("CREATE", first.get("tableChanges").get(0).get("type").asText());
                assertEquals("\"" + db.name() + "\".\"evo\"", first.get("tableChanges").get(0).get("id").asText());
            }
        }
    }

    /**
     * Schema-change events cut and named as Debezium's: the table in the source block, type names
     * without lengths, ENUM members as the DDL quotes them, CREATE/DROP INDEX as events without
     * table changes, and a DROP TABLE of two tables as two events, each with its own DDL.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void schemaChangeEventsAreCutAndNamedAsDebeziumDoes(DbServer server) {
        try (TestDatabase db = new TestDatabase(server, "evoevents")) {
            String d = db.name();
            try (SluiceProcess sluice = SluiceProcess.start("evolution-events-" + server.label().replace(' ', '-'),
                    SluiceProcess.env(server, db.connector(), d + ".*"))) {
                sluice.awaitStreaming();
                server.execute("CREATE TABLE " + d + ".k (id INT PRIMARY KEY, s VARCHAR(10), e ENUM('p','it''s'),"
                                + " u INT UNSIGNED)",
                        "CREATE INDEX ix ON " + d + ".k (s)", "DROP INDEX ix ON " + d + ".k",
                        "CREATE TABLE " + d + ".x1 (id INT PRIMARY KEY)", "CREATE TABLE " + d + ".x2 (id INT PRIMARY KEY)",
                        "DROP TABLE " + d + ".x1, " + d + ".x2");
                List<JsonNode> events = KafkaTopics.await(db.connector(), 7, Duration.ofSeconds(60)).stream()
                        .map(r -> parse(r.value())).toList();
                assertEquals(List.of("k", "", "", "x1", "x2", "x1", "x2"),
                        events.stream().map(e -> e.get("source").get("table").asText()).toList());
                JsonNode columns = events.get(0).get("tableChanges").get(0).get("table").get("columns");
                assertEquals("VARCHAR", columns.get(1).get("typeName").asText());
                assertEquals("VARCHAR", columns.get(1).get("typeExpression").asText());
                assertEquals(10, columns.get(1).get("length").asInt());
                assertEquals("[\"'p'\",\"'it''s'\"]", columns.get(2).get("enumValues").toString());
                assertEquals("INT UNSIGNED", columns.get(3).get("typeName").asText());
                assertEquals(0, events.get(1).get("tableChanges").size(), "CREATE INDEX: " + events.get(1));
                assertTrue(events.get(1).get("ddl").asText().startsWith("CREATE INDEX"), events.get(1).toString());
                assertEquals(0, events.get(2).get("tableChanges").size(), "DROP INDEX: " + events.get(2));
                assertEquals("DROP TABLE `" + d + "`.`x1`", events.get(5).get("ddl").asText());
                assertEquals("DROP TABLE `" + d + "`.`x2`", events.get(6).get("ddl").asText());
                assertEquals("DROP", events.get(6).get("tableChanges").get(0).get("type").asText());
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("serversAndMetadata")
    void restartBehindEveryDdlStatementStillDecodesExactly(DbServer server, String rowMetadata) {
        String previous = server.query("SELECT @@GLOBAL.binlog_row_metadata").get(0).get(0);
        server.execute("SET GLOBAL binlog_row_metadata = " + rowMetadata);
        try (TestDatabase db = new TestDatabase(server, "evobehind")) {
            Map<String, String> env = SluiceProcess.env(server, db.connector(), db.name() + ".*");
            String log = "evolution-behind-" + server.label().replace(' ', '-') + "-" + rowMetadata;
            try (SluiceProcess first = SluiceProcess.start(log, env)) {
                first.awaitStreaming();
                first.stop();
            }
            // Each step runs while Sluice is stopped: on restart its offset lies behind the DDL.
            for (List<String> step : steps(db.name())) {
                server.execute(step.toArray(String[]::new));
                try (SluiceProcess sluice = SluiceProcess.start(log, env)) {
                    sluice.awaitStreaming();
                    sluice.stop();
                    assertTrue(sluice.output().contains("Stopped at"), sluice.output());
                }
            }
            try (SluiceProcess last = SluiceProcess.start(log, env)) {
                last.awaitStreaming();
                checkTopics(db);
            }
        } finally {
            server.execute("SET GLOBAL binlog_row_metadata = " + previous);
        }
    }

    @Test
    void lostSchemaHistoryIsReportedAndRecoveryModeRebuildsIt() throws Exception {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "evolost")) {
            server.execute("CREATE TABLE " + db.name() + ".t (id INT PRIMARY KEY, v VARCHAR(5))");
            Map<String, String> env = SluiceProcess.env(server, db.connector(), db.name() + ".*");
            String log = "evolution-lost-history";
            try (SluiceProcess first = SluiceProcess.start(log, env)) {
                first.awaitStreaming();
                first.stop();
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTopics.bootstrap()))) {
                admin.deleteTopics(List.of(db.connector() + ".schema-history")).all().get(60, TimeUnit.SECONDS);
            }
            Await.until(Duration.ofSeconds(60), "the history topic to be gone",
                    () -> !KafkaTopics.topics().contains(db.connector() + ".schema-history"));
            server.execute("INSERT INTO " + db.name() + ".t VALUES (1, 'a')");
            try (SluiceProcess refused = SluiceProcess.start(log, env)) {
                assertEquals(1, refused.awaitExit(Duration.ofSeconds(120)), refused.output());
                assertTrue(refused.output().contains("schema history topic " + db.connector()
                        + ".schema-history is missing or empty, but an offset exists"), refused.output());
                assertTrue(refused.output().contains("SLUICE_SNAPSHOT_MODE=recovery"), refused.output());
            }
            env.put("SLUICE_SNAPSHOT_MODE", "recovery");
            try (SluiceProcess recovered = SluiceProcess.start(log, env)) {
                recovered.awaitStreaming();
                List<ConsumerRecord<String, String>> rows = KafkaTopics.await(db.topic("t"), 1, Duration.ofSeconds(60));
                assertEquals(parse("{\"id\":1,\"v\":\"a\"}"), parse(rows.get(0).value()).get("after"));
            }
        }
    }

    /** MySQL's NOT SECONDARY column attribute (for HeatWave) is one Sluice's parser does not know. */
    @Test
    void unparseableDdlStopsOnCapturedTablesAndIsSkippedElsewhere() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "evoparse")) {
            String d = db.name();
            server.execute("CREATE TABLE " + d + ".t (id INT PRIMARY KEY, v INT)",
                    "CREATE TABLE " + d + ".other (id INT PRIMARY KEY, v INT)");
            Map<String, String> env = SluiceProcess.env(server, db.connector(), d + ".t");
            String log = "evolution-unparseable";
            try (SluiceProcess sluice = SluiceProcess.start(log, env)) {
                sluice.awaitStreaming();
                server.execute("ALTER TABLE " + d + ".other MODIFY v INT NOT SECONDARY",
                        "INSERT INTO " + d + ".t VALUES (1, 1)");
                KafkaTopics.await(db.topic("t"), 1, Duration.ofSeconds(60));
                assertTrue(sluice.output().contains("on the non-captured table " + d + ".other"), sluice.output());

                server.execute("ALTER TABLE " + d + ".t MODIFY v INT NOT SECONDARY",
                        "INSERT INTO " + d + ".t VALUES (2, 2)");
                sluice.awaitLog("Stopped: cannot parse the DDL at mysql-bin.", Duration.ofSeconds(60));
                String out = sluice.output();
                assertTrue(out.contains("ALTER TABLE " + d + ".t MODIFY v INT NOT SECONDARY"), out);
                assertTrue(out.contains("set SLUICE_SCHEMA_HISTORY_SKIP_UNPARSEABLE_DDL=true to skip it"), out);
                assertEquals(1, KafkaTopics.read(db.topic("t")).size(), "nothing after the statement was delivered");
                sluice.stop();
            }
            env.put("SLUICE_SCHEMA_HISTORY_SKIP_UNPARSEABLE_DDL", "true");
            try (SluiceProcess sluice = SluiceProcess.start(log, env)) {
                sluice.awaitStreaming();
                List<ConsumerRecord<String, String>> rows = KafkaTopics.await(db.topic("t"), 2, Duration.ofSeconds(60));
                assertEquals(parse("{\"id\":2,\"v\":2}"), parse(rows.get(1).value()).get("after"));
                assertTrue(sluice.output().contains("Skipped DDL Sluice cannot parse"), sluice.output());
            }
        }
    }

    private static void checkTopics(TestDatabase db) {
        List<ConsumerRecord<String, String>> evo = KafkaTopics.await(db.topic("evo"), EVO_AFTER.size(),
                Duration.ofSeconds(120));
        List<ConsumerRecord<String, String>> evo2 = KafkaTopics.await(db.topic("evo2"), EVO2_AFTER.size(),
                Duration.ofSeconds(120));
        assertAfters(EVO_AFTER, evo);
        assertAfters(EVO2_AFTER, evo2);
        assertEquals("{\"k\":\"x\"}", evo2.get(2).key());
        assertEquals(parse("{\"c\":null,\"id\":5,\"b\":9000000000}").toString(),
                parse(evo.get(5).value()).get("before").toString().replace("\"d\"", "\"c\""),
                "the update's before image is decoded with the renamed column's new name");
    }

    private static void assertAfters(List<String> expected, List<ConsumerRecord<String, String>> records) {
        assertEquals(expected.size(), records.size(), records.toString());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode after = parse(records.get(i).value()).get("after");
            assertEquals(parse(expected.get(i)), after, "event " + i);
            assertEquals(fieldNames(parse(expected.get(i))), fieldNames(after), "field order of event " + i);
        }
    }
}
