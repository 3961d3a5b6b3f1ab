package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static dev.sluice.it.ChangeEvents.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Initial snapshots: consistent with the stream that follows, resumable, and mode by mode. */
class SnapshotIT {

    private static final Duration LONG = Duration.ofSeconds(300);

    static Stream<DbServer> servers() {
        return Stream.of(DbServer.mysql(), DbServer.mariadb());
    }

    private static Map<String, String> env(DbServer server, TestDatabase db, String mode) {
        Map<String, String> env = SluiceProcess.env(server, db.connector(), db.name() + ".*");
        env.put("SLUICE_SNAPSHOT_MODE", mode);
        return env;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void snapshotUnderConcurrentWritesConvergesToTheTable(DbServer server) throws Exception {
        int rows = 200_000;
        try (TestDatabase db = new TestDatabase(server, "snapbig")) {
            String table = db.name() + ".big";
            server.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v INT NOT NULL, s VARCHAR(20))");
            for (int from = 1; from <= rows; from += 2_000) {
                StringBuilder insert = new StringBuilder("INSERT INTO " + table + " VALUES ");
                for (int id = from; id < from + 2_000; id++) {
                    insert.append(id == from ? "" : ",").append('(').append(id).append(',').append(id)
                            .append(",'initial row ").append(id).append("')");
                }
                server.execute(insert.toString());
            }
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicReference<Throwable> writerFailure = new AtomicReference<>();
            Thread writer = new Thread(() -> churn(server, table, rows, writing, writerFailure), "churn");
            try (SluiceProcess sluice = SluiceProcess.start("snapshot-big-" + server.label().replace(' ', '-'),
                    env(server, db, "initial"))) {
                writer.start();
                sluice.awaitLog("Snapshot complete", LONG);
                sluice.awaitStreaming();
                writing.set(false);
                writer.join(60_000);
                assertTrue(writerFailure.get() == null, String.valueOf(writerFailure.get()));
                Map<String, JsonNode> expected = tableState(server, "SELECT id, v, s FROM " + table);
                List<ConsumerRecord<String, String>> records = KafkaTopics.await(db.topic("big"),
                        "the table's final content", r -> TopicState.of(r).equals(expected), LONG);
                assertEquals(expected, TopicState.of(records));
                assertTrue(records.size() >= rows, "every initial row was delivered");
                assertTrue(sluice.output().contains("consistent by"), sluice.output());
            }
        }
    }

    /** Random inserts, updates and deletes until told to stop. */
    static void churn(DbServer server, String table, int rows, AtomicBoolean writing,
            AtomicReference<Throwable> failure) {
        Random random = new Random(42);
        int nextId = rows + 1;
        try (Connection c = server.admin(); Statement s = c.createStatement()) {
            while (writing.get()) {
                int id = 1 + random.nextInt(rows);
                switch (random.nextInt(3)) {
                    case 0 -> s.execute("UPDATE " + table + " SET v = v + 1, s = 'updated' WHERE id = " + id);
                    case 1 -> s.execute("DELETE FROM " + table + " WHERE id = " + id);
                    default -> s.execute("INSERT INTO " + table + " VALUES (" + nextId++ + ", 0, 'new')");
                }
            }
        } catch (SQLException | RuntimeException e) {
            failure.set(e);
        }
    }

    static Map<String, JsonNode> tableState(DbServer server, String select) {
        Map<String, JsonNode> state = new HashMap<>();
        for (List<String> row : server.query(select)) {
            ObjectNode after = ChangeEvents.JSON.createObjectNode();
            after.put("id", Integer.parseInt(row.get(0)));
            after.put("v", Integer.parseInt(row.get(1)));
            after.put("s", row.get(2));
            state.put("{\"id\":" + row.get(0) + "}", after);
        }
        return state;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void snapshotRowsEqualStreamedRowsAndCarryDebeziumMarkers(DbServer server) {
        try (TestDatabase db = new TestDatabase(server, "snaptypes")) {
            String t = db.name() + ".types";
            server.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, iu INT UNSIGNED, bu BIGINT UNSIGNED,"
                    + " d DECIMAL(20,4), f FLOAT, db DOUBLE, dt DATE, dt3 DATETIME(3), dt6 DATETIME(6),"
                    + " ts TIMESTAMP(6) NULL, tm TIME(3), y YEAR, c CHAR(3), vc VARCHAR(20), lt TEXT CHARACTER SET latin1,"
                    + " j JSON, bl BLOB, e ENUM('a','b','c'), st SET('x','y','z'), b1 BIT(1), b10 BIT(10), flag TINYINT(1))"
                    + " DEFAULT CHARSET=utf8mb4",
                    "CREATE TABLE " + db.name() + ".second (id INT PRIMARY KEY)",
                    "INSERT INTO " + db.name() + ".second VALUES (1), (2), (3)");
            String values = "4294967295, 18446744073709551615, -12345.6789, 1.5, 2.25, '2024-02-29',"
                    + " '2024-02-29 13:14:15.678', '1999-12-31 23:59:59.999999', '2038-01-19 03:14:07.123456',"
                    + " '-12:34:56.789', 2155, 'ab', 'Zoë ✓', 'café', '{\"k\": [1, 2.5, \"x\"], \"a\": null}',"
                    + " 0x00FF, 'b', 'x,z', b'1', b'1000000001', 1)";
            server.execute("INSERT INTO " + t + " VALUES (1, " + values);
            try (SluiceProcess sluice = SluiceProcess.start("snapshot-types-" + server.label().replace(' ', '-'),
                    env(server, db, "initial"))) {
                sluice.awaitStreaming();
                server.execute("INSERT INTO " + t + " VALUES (2, " + values);
                List<ConsumerRecord<String, String>> records = KafkaTopics.await(db.topic("types"), 2,
                        Duration.ofSeconds(90));
                JsonNode snapshotted = parse(records.get(0).value());
                JsonNode streamed = parse(records.get(1).value());
                assertEquals("r", snapshotted.get("op").asText());
                assertEquals("c", streamed.get("op").asText());
                ObjectNode snapshotAfter = (ObjectNode) snapshotted.get("after").deepCopy();
                ObjectNode streamAfter = (ObjectNode) streamed.get("after").deepCopy();
                snapshotAfter.remove("id");
                streamAfter.remove("id");
                assertEquals(streamAfter, snapshotAfter, "a snapshot row renders exactly as the same row streamed");
                assertEquals("false", streamed.get("source").get("snapshot").asText());

                // Markers: the first table in name order is "second" (3 rows), then "types" (1 row).
                List<ConsumerRecord<String, String>> second = KafkaTopics.await(db.topic("second"), 3,
                        Duration.ofSeconds(60));
                assertEquals(List.of("first", "true", "last_in_data_collection"),
                        second.stream().map(r -> parse(r.value()).get("source").get("snapshot").asText()).toList());
                assertEquals("last", snapshotted.get("source").get("snapshot").asText());
            }
        }
    }

    /** Before its rows, the snapshot tells the schema-change topic each table's definition, as Debezium's does. */
    @Test
    void snapshotAnnouncesEachTableDefinition() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "snapddl")) {
            server.execute("CREATE TABLE " + db.name() + ".a (id INT PRIMARY KEY, s VARCHAR(5))",
                    "CREATE TABLE " + db.name() + ".b (id INT PRIMARY KEY)", "INSERT INTO " + db.name() + ".a VALUES (1, 'x')");
            try (SluiceProcess sluice = SluiceProcess.start("snapshot-definitions", env(server, db, "initial_only"))) {
                assertEquals(0, sluice.awaitExit(Duration.ofSeconds(120)), sluice.output());
            }
            List<JsonNode> all = KafkaTopics.read(db.connector()).stream().map(r -> parse(r.value())).toList();
            String d = "`" + db.name() + "`";
            assertEquals(List.of("SET character_set_server=", "DROP TABLE IF EXISTS " + d + ".`a`",
                    "DROP TABLE IF EXISTS " + d + ".`b`", "DROP DATABASE IF EXISTS " + d, "CREATE DATABASE " + d + " CHARSET",
                    "USE " + d, "CREATE TABLE `a`", "CREATE TABLE `b`"), all.stream().map(e -> {
                        String ddl = e.get("ddl").asText();
                        return ddl.startsWith("SET") ? "SET character_set_server=" : ddl.startsWith("CREATE DATABASE")
                                ? ddl.substring(0, ddl.indexOf(" CHARSET") + 8) : ddl.startsWith("CREATE TABLE")
                                ? ddl.substring(0, ddl.indexOf('`', 14) + 1) : ddl;
                    }).toList());
            assertEquals("", all.get(0).get("databaseName").asText());
            assertEquals("DROP", all.get(1).get("tableChanges").get(0).get("type").asText());
            List<JsonNode> events = all.subList(6, 8);
            for (int i = 0; i < 2; i++) {
                JsonNode event = events.get(i);
                String table = i == 0 ? "a" : "b";
                assertEquals("true", event.get("source").get("snapshot").asText());
                assertEquals(table, event.get("source").get("table").asText());
                assertEquals(db.name(), event.get("databaseName").asText());
                assertTrue(event.get("ddl").asText().startsWith("CREATE TABLE `" + table + "`"), event.toString());
                JsonNode change = event.get("tableChanges").get(0);
                assertEquals("CREATE", change.get("type").asText());
                assertEquals("\"" + db.name() + "\".\"" + table + "\"", change.get("id").asText());
            }
            assertEquals("s", events.get(0).get("tableChanges").get(0).get("table").get("columns").get(1).get("name")
                    .asText());
        }
    }

    @Test
    void initialOnlyStopsAndNoDataStreamsWithoutRows() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "snapmodes")) {
            server.execute("CREATE TABLE " + db.name() + ".t (id INT PRIMARY KEY)", "INSERT INTO " + db.name()
                    + ".t VALUES (1), (2)");
            try (SluiceProcess sluice = SluiceProcess.start("snapshot-initial-only", env(server, db, "initial_only"))) {
                assertEquals(0, sluice.awaitExit(Duration.ofSeconds(120)), sluice.output());
                assertTrue(sluice.output().contains("initial_only: the snapshot is delivered; stopping"));
                assertFalse(sluice.output().contains("Streaming from"));
            }
            assertEquals(2, KafkaTopics.read(db.topic("t")).size());
        }
        try (TestDatabase db = new TestDatabase(server, "snapnodata")) {
            server.execute("CREATE TABLE " + db.name() + ".t (id INT PRIMARY KEY)", "INSERT INTO " + db.name()
                    + ".t VALUES (1), (2)");
            try (SluiceProcess sluice = SluiceProcess.start("snapshot-no-data", env(server, db, "no_data"))) {
                sluice.awaitStreaming();
                assertFalse(sluice.output().contains("Requesting streaming from"),
                        "the binlog client's own connection lines reach the log:\n" + sluice.output());
                server.execute("INSERT INTO " + db.name() + ".t VALUES (3)");
                List<ConsumerRecord<String, String>> records = KafkaTopics.await(db.topic("t"), 1, Duration.ofSeconds(60));
                assertEquals(1, records.size());
                assertEquals("c", parse(records.get(0).value()).get("op").asText());
            }
        }
    }

    @Test
    void whenNeededSnapshotsAgainAfterTheBinlogIsPurged() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "snappurge")) {
            String t = db.name() + ".t";
            server.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, v INT)", "INSERT INTO " + t + " VALUES (1, 1)");
            Map<String, String> env = env(server, db, "initial");
            try (SluiceProcess sluice = SluiceProcess.start("snapshot-when-needed", env)) {
                sluice.awaitStreaming();
                sluice.stop();
            }
            server.execute("FLUSH BINARY LOGS", "INSERT INTO " + t + " VALUES (2, 2)", "FLUSH BINARY LOGS");
            List<String> logs = server.query("SHOW BINARY LOGS").stream().map(r -> r.get(0)).toList();
            String newest = logs.get(logs.size() - 1);
            // The server skips a file a dump thread still reads: the stopped Sluice's thread may
            // linger until it notices its connection closed.
            Await.until(Duration.ofSeconds(60), "the binlog files before " + newest + " purged", () -> {
                server.execute("PURGE BINARY LOGS TO '" + newest + "'");
                return server.query("SHOW BINARY LOGS").get(0).get(0).equals(newest);
            });
            try (SluiceProcess refused = SluiceProcess.start("snapshot-when-needed", env)) {
                assertEquals(1, refused.awaitExit(Duration.ofSeconds(120)), refused.output());
                assertTrue(refused.output().contains("which the server no longer has"), refused.output());
                assertTrue(refused.output().contains("SLUICE_SNAPSHOT_MODE=when_needed"), refused.output());
            }
            env.put("SLUICE_SNAPSHOT_MODE", "when_needed");
            try (SluiceProcess sluice = SluiceProcess.start("snapshot-when-needed", env)) {
                sluice.awaitStreaming();
                assertTrue(sluice.output().contains("taking a new snapshot"), sluice.output());
                Map<String, JsonNode> state = TopicState.of(KafkaTopics.await(db.topic("t"), 3, Duration.ofSeconds(60)));
                assertEquals(2, state.size(), "row 2, written while the offset's binlog was purged, arrives");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void killNineDuringTheSnapshotResumesWithTheRemainingTables(DbServer server) {
        try (TestDatabase db = new TestDatabase(server, "snapcrash")) {
            for (String name : List.of("t1", "t2", "t3", "t4")) {
                server.execute("CREATE TABLE " + db.name() + "." + name + " (id INT PRIMARY KEY, v VARCHAR(40))");
                for (int from = 1; from <= 40_000; from += 4_000) {
                    StringBuilder insert = new StringBuilder("INSERT INTO " + db.name() + "." + name + " VALUES ");
                    for (int id = from; id < from + 4_000; id++) {
                        insert.append(id == from ? "" : ",").append('(').append(id).append(",'").append(name)
                                .append(" row ").append(id).append("')");
                    }
                    server.execute(insert.toString());
                }
            }
            Map<String, String> env = env(server, db, "initial");
            String log = "snapshot-crash-" + server.label().replace(' ', '-');
            try (SluiceProcess first = SluiceProcess.start(log, env)) {
                first.awaitLog("Snapshot of " + db.name() + ".t2: starting", LONG);
                first.kill();
            }
            server.execute("UPDATE " + db.name() + ".t1 SET v = 'changed after the crash' WHERE id = 7");
            try (SluiceProcess second = SluiceProcess.start(log, env)) {
                second.awaitStreaming();
                java.util.regex.Matcher resumed = java.util.regex.Pattern
                        .compile("Resuming the interrupted snapshot \\((\\d+) table\\(s\\) already delivered\\)")
                        .matcher(second.output());
                assertTrue(resumed.find(), second.output());
                int alreadyDone = Integer.parseInt(resumed.group(1));
                assertTrue(alreadyDone >= 1 && alreadyDone < 4, "resumed after t1, before the end: " + alreadyDone);
                assertFalse(second.output().contains("Snapshot of " + db.name() + ".t1: starting"),
                        "t1, delivered before the crash, is not read again");
                for (String name : List.of("t1", "t2", "t3", "t4")) {
                    Map<String, JsonNode> state = TopicState.of(KafkaTopics.awaitKeys(db.topic(name), 40_000, LONG));
                    assertEquals(40_000, state.size(), name + " has every key");
                }
                Map<String, JsonNode> t1 = TopicState.of(KafkaTopics.await(db.topic("t1"), "the update",
                        records -> "changed after the crash".equals(
                                TopicState.of(records).get("{\"id\":7}").get("v").asText()), LONG));
                assertEquals("changed after the crash", t1.get("{\"id\":7}").get("v").asText());
            }
        }
    }

    /**
     * The snapshot's rows are read on a thread of their own: when its connection dies mid-table,
     * the failure must reach the pipeline (a retry), not pass for the table's end.
     */
    @Test
    void aSnapshotWhoseConnectionIsKilledMidTableRetriesAndDeliversEveryRow() {
        DbServer server = DbServer.mysql();
        int rows = 100_000;
        try (TestDatabase db = new TestDatabase(server, "snapkill")) {
            // 1 KB rows: 100 MB do not fit in the socket buffers, so the server's SELECT stays open to be killed.
            server.execute("CREATE TABLE " + db.name() + ".t (id INT PRIMARY KEY, v VARCHAR(1100))",
                    "SET SESSION cte_max_recursion_depth = " + rows,
                    "INSERT INTO " + db.name() + ".t WITH RECURSIVE n(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM n"
                            + " WHERE id < " + rows + ") SELECT id, CONCAT('row ', id, ' ', REPEAT('x', 1000)) FROM n");
            try (SluiceProcess sluice = SluiceProcess.start("snapshot-killed-connection", env(server, db, "initial"))) {
                String reading = Await.value(LONG, "the snapshot's SELECT", () -> server.query(
                        "SELECT ID FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND INFO LIKE"
                                + " 'SELECT %FROM `" + db.name() + "`.`t`%'").stream().map(row -> row.get(0))
                        .findFirst().orElse(null));
                server.execute("KILL " + reading);
                sluice.awaitLog("Snapshot interrupted", LONG);
                Map<String, JsonNode> state = TopicState.of(KafkaTopics.awaitKeys(db.topic("t"), rows, LONG));
                assertEquals(rows, state.size(), "every row, after the retry");
                assertTrue(state.get("{\"id\":4242}").get("v").asText().startsWith("row 4242 xxx"));
                sluice.awaitStreaming();
            }
        }
    }

    @Test
    void tablesAddedToTheIncludeListAreSnapshottedAlone() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "snapadded")) {
            server.execute("CREATE TABLE " + db.name() + ".a (id INT PRIMARY KEY)", "INSERT INTO " + db.name()
                    + ".a VALUES (1)", "CREATE TABLE " + db.name() + ".b (id INT PRIMARY KEY)", "INSERT INTO "
                    + db.name() + ".b VALUES (1), (2)");
            Map<String, String> env = env(server, db, "initial");
            env.put("SLUICE_TABLES", db.name() + ".a");
            try (SluiceProcess sluice = SluiceProcess.start("snapshot-added", env)) {
                sluice.awaitStreaming();
                KafkaTopics.await(db.topic("a"), 1, Duration.ofSeconds(60));
                sluice.stop();
            }
            server.execute("INSERT INTO " + db.name() + ".a VALUES (2)");
            env.put("SLUICE_TABLES", db.name() + ".a, " + db.name() + ".b");
            try (SluiceProcess sluice = SluiceProcess.start("snapshot-added", env)) {
                sluice.awaitStreaming();
                assertTrue(sluice.output().contains("1 table(s) newly captured since the last run"), sluice.output());
                List<ConsumerRecord<String, String>> b = KafkaTopics.await(db.topic("b"), 2, Duration.ofSeconds(60));
                assertEquals(List.of("r", "r"), b.stream().map(r -> parse(r.value()).get("op").asText()).toList());
                List<ConsumerRecord<String, String>> a = KafkaTopics.await(db.topic("a"), 2, Duration.ofSeconds(60));
                assertEquals(List.of("r", "c"), a.stream().map(r -> parse(r.value()).get("op").asText()).toList(),
                        "table a is not snapshotted again; its new row streams");
            }
        }
    }
}
