package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Incremental snapshots while streaming: triggered by a signal-table row (read-write, watermarks
 * in the signal table) or a Kafka message (read-only, GTID watermarks, a user that cannot write),
 * under concurrent inserts, updates and deletes of the same rows; pause, resume and stop; and a
 * kill -9 in the middle. Each ends with the topic's final state equal to the table's.
 */
class IncrementalSnapshotIT {

    private static final Duration LONG = Duration.ofSeconds(300);
    private static final String SIGNAL_COLUMNS = "(id VARCHAR(255) PRIMARY KEY, type VARCHAR(32) NOT NULL,"
            + " data VARCHAR(2000) NULL)";

    static Stream<DbServer> servers() {
        return Stream.of(DbServer.mysql(), DbServer.mariadb());
    }

    private static void fill(DbServer server, String table, int rows) {
        server.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v INT NOT NULL, s VARCHAR(20))");
        for (int from = 1; from <= rows; from += 2_000) {
            StringBuilder insert = new StringBuilder("INSERT INTO " + table + " VALUES ");
            for (int id = from; id < Math.min(from + 2_000, rows + 1); id++) {
                insert.append(id == from ? "" : ",").append('(').append(id).append(',').append(id)
                        .append(",'initial row ").append(id).append("')");
            }
            server.execute(insert.toString());
        }
    }

    /** The signal table, writable by Sluice's user (its watermarks are inserts). */
    private static void createSignalTable(DbServer server, TestDatabase db) {
        server.execute("CREATE TABLE " + db.name() + ".sig " + SIGNAL_COLUMNS,
                "GRANT SELECT, INSERT, UPDATE, DELETE ON " + db.name() + ".sig TO '" + server.user() + "'@'%'");
    }

    private static Map<String, String> env(DbServer server, TestDatabase db, int chunk) {
        Map<String, String> env = SluiceProcess.env(server, db.connector(), db.name() + ".big");
        env.put("SLUICE_SNAPSHOT_MODE", "never");
        env.put("SLUICE_SIGNAL_TABLE", db.name() + ".sig");
        env.put("SLUICE_INCREMENTAL_SNAPSHOT_CHUNK_SIZE", String.valueOf(chunk));
        return env;
    }

    private static String execute(TestDatabase db, String id) {
        return "INSERT INTO " + db.name() + ".sig VALUES ('" + id + "', 'execute-snapshot',"
                + " '{\"data-collections\": [\"" + db.name() + ".big\"]}')";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void signalTableSnapshotUnderConcurrentWritesConvergesToTheTable(DbServer server) throws Exception {
        int rows = 20_000;
        try (TestDatabase db = new TestDatabase(server, "incr")) {
            String table = db.name() + ".big";
            fill(server, table, rows);
            createSignalTable(server, db);
            try (SluiceProcess sluice = SluiceProcess.start("incremental-" + server.label().replace(' ', '-'),
                    env(server, db, 5_000)).awaitStreaming();
                    Churn churn = new Churn(server, table, rows)) {
                server.execute("INSERT INTO " + db.name() + ".sig VALUES ('bad-1', 'execute-snapshot', '{not json')",
                        execute(db, "s-1"));
                sluice.awaitLog("Incremental snapshot complete", LONG);
                churn.stop();
                assertConverged(server, db, table);
                List<ConsumerRecord<String, String>> reads = readEvents(db);
                assertTrue(reads.size() > rows / 2, "most rows arrive as reads: " + reads.size());
                JsonNode read = ChangeEvents.parse(reads.get(0).value());
                assertEquals("incremental", read.get("source").get("snapshot").asText());
                String out = sluice.output();
                assertTrue(out.contains("Signal 'bad-1' in " + db.name() + ".sig skipped: data is not JSON"), out);
                assertTrue(out.contains("signal-table watermarks"), out);
                assertTrue(superseded(out) > 0, "concurrent writes hit rows inside a window:\n" + out);
                assertFalse(out.contains("\tat "), "no stack trace:\n" + out);
            }
        }
    }

    /** A table without a primary key is read in chunks of the unique NOT NULL index that keys its records. */
    @Test
    void tableKeyedByAUniqueIndexIsSnapshotInChunksOfThatKey() throws Exception {
        DbServer server = DbServer.mysql();
        int rows = 3_000;
        try (TestDatabase db = new TestDatabase(server, "incruk")) {
            String table = db.name() + ".big";
            server.execute("CREATE TABLE " + table + " (v INT, id INT NOT NULL, UNIQUE KEY uk (id))");
            StringBuilder insert = new StringBuilder("INSERT INTO " + table + " VALUES ");
            for (int id = 1; id <= rows; id++) {
                insert.append(id == 1 ? "" : ",").append('(').append(id).append(',').append(id).append(')');
            }
            server.execute(insert.toString());
            createSignalTable(server, db);
            try (SluiceProcess sluice = SluiceProcess.start("incremental-unique-key", env(server, db, 1_000))
                    .awaitStreaming()) {
                server.execute(execute(db, "uk-1"));
                sluice.awaitLog("Incremental snapshot complete", LONG);
                List<ConsumerRecord<String, String>> reads = readEvents(db);
                assertEquals(rows, reads.size());
                assertEquals("{\"id\":1}", reads.get(0).key());
                assertEquals("{\"id\":" + rows + "}", reads.get(rows - 1).key());
            }
        }
    }

    @Test
    void readOnlySnapshotByKafkaSignalWritesNothing() throws Exception {
        DbServer server = DbServer.mysql();
        int rows = 20_000;
        try (TestDatabase db = new TestDatabase(server, "incrro")) {
            String table = db.name() + ".big";
            fill(server, table, rows);
            // This user cannot write: a read-only snapshot that tried would fail.
            server.execute("CREATE USER IF NOT EXISTS 'sluice_ro'@'%' IDENTIFIED BY 'ro-pw'",
                    "GRANT REPLICATION SLAVE, REPLICATION CLIENT, RELOAD, SHOW DATABASES, SELECT ON *.* TO 'sluice_ro'@'%'");
            Map<String, String> env = env(server, db, 5_000);
            env.remove("SLUICE_SIGNAL_TABLE");
            env.put("SLUICE_READ_ONLY", "true");
            env.put("SLUICE_MYSQL_USER", "sluice_ro");
            env.put("SLUICE_MYSQL_PASSWORD", "ro-pw");
            String signals = db.connector() + ".signals";
            env.put("SLUICE_SIGNAL_KAFKA_TOPIC", signals);
            try (SluiceProcess sluice = SluiceProcess.start("incremental-read-only", env).awaitStreaming();
                    Churn churn = new Churn(server, table, rows)) {
                sluice.awaitLog("Listening for signals on the Kafka topic " + signals, LONG);
                try (KafkaProducer<String, String> producer = producer()) {
                    producer.send(new ProducerRecord<>(signals, "someone-else", "{\"type\": \"pause-snapshot\"}"));
                    producer.send(new ProducerRecord<>(signals, db.connector(), "not json"));
                    producer.send(new ProducerRecord<>(signals, db.connector(), "{\"type\": \"execute-snapshot\","
                            + " \"data\": {\"data-collections\": [\"" + table + "\"]}}")).get(30, TimeUnit.SECONDS);
                }
                sluice.awaitLog("Incremental snapshot complete", LONG);
                churn.stop();
                assertConverged(server, db, table);
                String out = sluice.output();
                assertTrue(out.contains("GTID watermarks"), out);
                assertTrue(superseded(out) > 0, "concurrent writes hit rows inside a window:\n" + out);
                assertTrue(out.contains("skipped: the value is not JSON"), out);
                assertFalse(out.contains("paused"), "a signal keyed for another connector is ignored:\n" + out);
            }
        }
    }

    @Test
    void pauseResumeAndStop() {
        DbServer server = DbServer.mysql();
        int rows = 5_000;
        try (TestDatabase db = new TestDatabase(server, "incrctl")) {
            String table = db.name() + ".big";
            fill(server, table, rows);
            createSignalTable(server, db);
            try (SluiceProcess sluice = SluiceProcess.start("incremental-control", env(server, db, 20))
                    .awaitStreaming()) {
                server.execute(execute(db, "run-1"));
                KafkaTopics.await(db.topic("big"), 100, LONG);
                server.execute("INSERT INTO " + db.name() + ".sig VALUES ('pause-1', 'pause-snapshot', NULL)");
                sluice.awaitLog("incremental snapshot paused", LONG);
                int paused = passMarker(server, db, table, 1_000_001);
                assertEquals(paused, passMarker(server, db, table, 1_000_002), "no chunk is read while paused");
                assertTrue(paused < rows, "paused before the end: " + paused);

                server.execute("INSERT INTO " + db.name() + ".sig VALUES ('resume-1', 'resume-snapshot', NULL)");
                sluice.awaitLog("Incremental snapshot complete", LONG);
                assertEquals(rows, readKeys(db), "every row was read once the snapshot resumed");
                assertEquals(0, superseded(sluice.output()), "nothing was written meanwhile");

                server.execute(execute(db, "run-2"));
                sluice.awaitLog("Signal 'run-2'", LONG);
                server.execute("INSERT INTO " + db.name() + ".sig VALUES ('stop-1', 'stop-snapshot',"
                        + " '{\"data-collections\": [\"" + table + "\"]}')");
                sluice.awaitLog("Signal 'stop-1' (stop-snapshot): stopped [" + db.name() + ".big]", LONG);
                int afterStop = passMarker(server, db, table, 1_000_003);
                assertEquals(afterStop, passMarker(server, db, table, 1_000_004), "no chunk is read once stopped");
                assertTrue(afterStop < 2 * rows, "the second snapshot stopped early: " + afterStop);
                assertEquals(1, count(sluice.output(), "Incremental snapshot complete"), sluice.output());

                server.execute("INSERT INTO " + db.name() + ".sig VALUES ('run-3', 'execute-snapshot', '{\"data-collections\":"
                        + " [\"" + table + "\"], \"additional-conditions\": [{\"data-collection\": \"" + table + "\","
                        + " \"filter\": \"id <= 100\"}]}')");
                sluice.awaitLog("done, 100 rows read", LONG);
            }
        }
    }

    /** With conditions refused, a signal carrying one is skipped and reads nothing; a plain one still runs. */
    @Test
    void additionalConditionsCanBeRefused() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "incrcond")) {
            String table = db.name() + ".big";
            fill(server, table, 200);
            createSignalTable(server, db);
            Map<String, String> env = env(server, db, 50);
            env.put("SLUICE_SIGNAL_ALLOW_ADDITIONAL_CONDITIONS", "false");
            try (SluiceProcess sluice = SluiceProcess.start("incremental-conditions-refused", env).awaitStreaming()) {
                server.execute("INSERT INTO " + db.name() + ".sig VALUES ('cond-1', 'execute-snapshot', '{\"data-collections\":"
                        + " [\"" + table + "\"], \"additional-conditions\": [{\"data-collection\": \"" + table + "\","
                        + " \"filter\": \"id <= 100\"}]}')");
                sluice.awaitLog("Signal 'cond-1' (execute-snapshot) from", LONG);
                assertTrue(sluice.output().contains("SLUICE_SIGNAL_ALLOW_ADDITIONAL_CONDITIONS=false refuses"),
                        sluice.output());
                server.execute(execute(db, "plain-1"));
                sluice.awaitLog("Incremental snapshot complete", LONG);
                assertEquals(200, readKeys(db), "the plain signal read every row");
                assertFalse(sluice.output().contains("done, 100 rows read"), sluice.output());
            }
        }
    }

    @Test
    void killNineDuringAnIncrementalSnapshotResumesIt() throws Exception {
        DbServer server = DbServer.mysql();
        int rows = 50_000;
        try (TestDatabase db = new TestDatabase(server, "incrkill")) {
            String table = db.name() + ".big";
            fill(server, table, rows);
            createSignalTable(server, db);
            // Small chunks: the snapshot takes thousands of windows, so the kill lands inside it.
            Map<String, String> env = env(server, db, 10);
            try (Churn churn = new Churn(server, table, rows)) {
                try (SluiceProcess first = SluiceProcess.start("incremental-kill-1", env).awaitStreaming()) {
                    server.execute(execute(db, "kill-1"));
                    KafkaTopics.await(db.connector() + ".offsets", "an offset inside the incremental snapshot",
                            records -> records.stream().anyMatch(r -> r.value() != null && r.value().contains("last_key")),
                            LONG);
                    first.kill();
                }
                try (SluiceProcess second = SluiceProcess.start("incremental-kill-2", env).awaitStreaming()) {
                    second.awaitLog("Incremental snapshot continues", LONG);
                    second.awaitLog("Incremental snapshot complete", LONG);
                    churn.stop();
                    assertConverged(server, db, table);
                }
            }
        }
    }

    private static void assertConverged(DbServer server, TestDatabase db, String table) {
        Map<String, JsonNode> expected = SnapshotIT.tableState(server, "SELECT id, v, s FROM " + table);
        List<ConsumerRecord<String, String>> records = KafkaTopics.await(db.topic("big"), "the table's final content",
                r -> TopicState.of(r).equals(expected), LONG);
        assertEquals(expected, TopicState.of(records));
    }

    /** Inserts a row and waits for it: every chunk sent before it has arrived. Returns the read events then. */
    private static int passMarker(DbServer server, TestDatabase db, String table, int id) {
        server.execute("INSERT INTO " + table + " VALUES (" + id + ", 0, 'marker')");
        KafkaTopics.await(db.topic("big"), "marker " + id, records -> records.stream()
                .anyMatch(r -> r.key() != null && r.key().equals("{\"id\":" + id + "}")), LONG);
        return reads(db);
    }

    /** The topic's {@code op: "r"} events, in order. */
    private static List<ConsumerRecord<String, String>> readEvents(TestDatabase db) {
        return KafkaTopics.read(db.topic("big")).stream().filter(r -> r.value() != null)
                .filter(r -> ChangeEvents.parse(r.value()).get("op").asText().equals("r")).toList();
    }

    private static int reads(TestDatabase db) {
        return readEvents(db).size();
    }

    private static long readKeys(TestDatabase db) {
        return readEvents(db).stream().map(ConsumerRecord::key).distinct().count();
    }

    /** From the log line that ends a table: how many chunk rows the stream superseded. */
    private static long superseded(String output) {
        java.util.regex.Matcher done = java.util.regex.Pattern.compile("done, \\d+ rows read, (\\d+) of them superseded")
                .matcher(output);
        long last = -1;
        while (done.find()) {
            last = Long.parseLong(done.group(1));
        }
        return last;
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTopics.bootstrap()),
                new StringSerializer(), new StringSerializer());
    }

    /** Random inserts, updates and deletes on the table until stopped (SnapshotIT's writer). */
    private static final class Churn implements AutoCloseable {
        private final AtomicBoolean writing = new AtomicBoolean(true);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread;

        Churn(DbServer server, String table, int rows) {
            thread = new Thread(() -> SnapshotIT.churn(server, table, rows, writing, failure), "churn");
            thread.start();
        }

        void stop() throws InterruptedException {
            writing.set(false);
            thread.join(60_000);
            assertTrue(failure.get() == null, String.valueOf(failure.get()));
        }

        @Override
        public void close() throws InterruptedException {
            writing.set(false);
            thread.join(60_000);
        }
    }
}
