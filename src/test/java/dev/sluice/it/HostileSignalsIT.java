package dev.sluice.it;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed and hostile signals, from the signal table and from the Kafka signal topic: each is
 * answered by one log line saying what is wrong, the stream never stops, and a good signal after
 * all of them still works. The counts are printed for the closing note of the hostile-input suite.
 */
class HostileSignalsIT {

    private static final Duration LONG = Duration.ofSeconds(180);
    private static final int ROWS = 200;

    @Test
    void everyBadSignalIsExplainedAndNothingStops() throws Exception {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "hostsig")) {
            String t = db.name() + ".t";
            server.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, v INT NOT NULL)",
                    "CREATE TABLE " + db.name() + ".other (id INT PRIMARY KEY)",
                    "CREATE TABLE " + db.name() + ".nokey (id INT, v INT)",
                    "CREATE TABLE " + db.name() + ".sig (id VARCHAR(255) PRIMARY KEY, type VARCHAR(32) NOT NULL,"
                            + " data VARCHAR(2000) NULL)",
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON " + db.name() + ".sig TO '" + server.user() + "'@'%'");
            StringBuilder rows = new StringBuilder("INSERT INTO " + t + " VALUES ");
            for (int id = 1; id <= ROWS; id++) {
                rows.append(id == 1 ? "" : ",").append('(').append(id).append(',').append(id).append(')');
            }
            server.execute(rows.toString());
            String signals = db.connector() + ".signals";
            Map<String, String> env = SluiceProcess.env(server, db.connector(), t + "," + db.name() + ".nokey");
            env.put("SLUICE_SNAPSHOT_MODE", "never");
            env.put("SLUICE_SIGNAL_TABLE", db.name() + ".sig");
            env.put("SLUICE_SIGNAL_KAFKA_TOPIC", signals);
            env.put("SLUICE_INCREMENTAL_SNAPSHOT_CHUNK_SIZE", "50");
            env.put("SLUICE_INCREMENTAL_SNAPSHOT_CHUNK_TIMEOUT", "3s");
            try (SluiceProcess sluice = SluiceProcess.start("hostile-signals", env).awaitStreaming()) {
                sluice.awaitLog("Listening for signals on the Kafka topic " + signals, LONG);
                int tried = tableSignals(server, db, sluice) + conditions(server, db, sluice)
                        + topicSignals(db, signals, sluice) + floods(server, db, signals, sluice);

                server.execute("INSERT INTO " + t + " VALUES (1000, 1000)");
                signal(server, db, "good-1", "execute-snapshot", "{\"data-collections\": [\"" + t + "\"],"
                        + " \"additional-conditions\": [{\"data-collection\": \"" + t + "\", \"filter\": \"v <= "
                        + ROWS + "\"}]}");
                sluice.awaitLog("Incremental snapshot complete", LONG);
                List<ConsumerRecord<String, String>> events = KafkaTopics.await(db.topic("t"), "every row read and"
                        + " the insert", r -> reads(r) == ROWS && creates(r) == 1, LONG);
                assertEquals(ROWS, reads(events));
                assertTrue(sluice.isAlive());
                assertEquals(200, Http.get(sluice.httpBase() + "/q/health/ready").status(), "still ready");
                String out = sluice.output();
                assertFalse(out.contains("\tat "), "no stack trace:\n" + out);
                assertTrue(out.lines().allMatch(line -> line.length() < 4_000), "no signal floods the log");
                assertFalse(out.contains("Stopped"), out);
                System.out.println("HostileSignalsIT: " + tried + " bad signals tried, each answered as expected");
            }
        }
    }

    /** Bad rows in the signal table, each with the line that must answer it. */
    private static int tableSignals(DbServer server, TestDatabase db, SluiceProcess sluice) throws SQLException {
        String t = db.name() + ".t";
        Map<String[], String> cases = new LinkedHashMap<>();
        cases.put(row("b01", "execute-snapshot", "{not json"), "data is not JSON");
        cases.put(row("b02", " ", "{}"), "skipped: no type");
        cases.put(row("b03", "explode".repeat(4), "{}"), "unknown type 'explodeexplode");
        cases.put(row("b04", "execute-snapshot", null), "no data (expected a JSON object)");
        cases.put(row("b05", "execute-snapshot", "[1, 2]"), "data is not a JSON object");
        cases.put(row("b06", "execute-snapshot", "{}"), "data-collections is missing");
        cases.put(row("b07", "execute-snapshot", "{\"data-collections\": []}"), "must be a non-empty array");
        cases.put(row("b08", "execute-snapshot", "{\"data-collections\": \"" + t + "\"}"), "must be a non-empty array");
        cases.put(row("b09", "execute-snapshot", "{\"data-collections\": [42]}"), "entry 42 is not a \"db.table\"");
        cases.put(row("b10", "execute-snapshot", "{\"data-collections\": [\"nodot\"]}"), "is not a \"db.table\" name");
        cases.put(row("b11", "execute-snapshot", collections(db.name() + ".nosuch")), "is not a captured table");
        cases.put(row("b12", "execute-snapshot", collections(db.name() + ".other")), "is not a captured table");
        cases.put(row("b13", "execute-snapshot", collections(db.name() + ".nokey")), "has no primary key");
        cases.put(row("b14", "execute-snapshot", "{\"type\": \"blocking\", \"data-collections\": [\"" + t + "\"]}"),
                "snapshot type 'blocking' is not supported");
        cases.put(row("b15", "execute-snapshot", "{\"data-collections\": [\"" + t + "\"], \"additional-conditions\":"
                + " \"v > 1\"}"), "additional-conditions must be an array");
        cases.put(row("b16", "execute-snapshot", "{\"data-collections\": [\"" + t + "\"], \"additional-conditions\":"
                + " [{\"data-collection\": \"" + t + "\"}]}"), "needs a data-collection and a filter");
        cases.put(row("b17", "stop-snapshot", "{\"data-collections\": 5}"), "must be a non-empty array");
        cases.put(row("b18", "pause-snapshot", null), "(pause-snapshot): no incremental snapshot runs; ignored");
        cases.put(row("b19", "resume-snapshot", null), "(resume-snapshot): no paused incremental snapshot; ignored");
        cases.put(row("b20", "stop-snapshot", null), "(stop-snapshot): no incremental snapshot runs");
        cases.put(row("b21", "execute-snapshot", "{\"data-collections\": [\"" + t + "\"" + ", 1}"), "data is not JSON");
        cases.put(row("b22", "execute-snapshot", " ".repeat(1_900) + "{\"data-collections\": [\"" + t + "\""),
                "data is not JSON");
        cases.put(row("b23", "log", "{\"message\": \"still here\"}"), "(log): still here");
        cases.put(row("b24", "LOG", "{\"message\": 42}"), "(log): 42");
        for (Map.Entry<String[], String> entry : cases.entrySet()) {
            String[] r = entry.getKey();
            signal(server, db, r[0], r[1], r[2]);
            sluice.awaitLog("Signal '" + r[0] + "'", LONG);
            sluice.awaitLog(entry.getValue(), LONG);
            assertLineFor(sluice, r[0], entry.getValue());
        }
        // A forged watermark of a window that is not open changes nothing and needs no line.
        signal(server, db, "forged-open", "snapshot-window-open", null);
        return cases.size() + 1;
    }

    /** Conditions the server refuses or that never finish: the table is skipped, the stream goes on. */
    private static int conditions(DbServer server, TestDatabase db, SluiceProcess sluice) throws SQLException {
        String t = db.name() + ".t";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("v >", "is refused by the server");
        cases.put("no_such_column = 1", "is refused by the server");
        cases.put("id = ?", "is refused by the server");
        cases.put("SLEEP(30) = 0", "made a chunk query run longer than SLUICE_INCREMENTAL_SNAPSHOT_CHUNK_TIMEOUT");
        int n = 0;
        for (Map.Entry<String, String> condition : cases.entrySet()) {
            String id = "c" + (++n);
            signal(server, db, id, "execute-snapshot", "{\"data-collections\": [\"" + t + "\"],"
                    + " \"additional-conditions\": [{\"data-collection\": \"" + t + "\", \"filter\": \""
                    + condition.getKey() + "\"}]}");
            sluice.awaitLog("Signal '" + id + "' from the signal table: incremental snapshot of", LONG);
            String expected = "Incremental snapshot of " + t.toLowerCase() + " skipped: its additional condition '"
                    + condition.getKey() + "' " + condition.getValue();
            sluice.awaitLog(expected, LONG);
            assertEquals(n, count(sluice.output(), "skipped: its additional condition"), sluice.output());
        }
        return cases.size();
    }

    /** Bad messages on the signal topic, under this connector's key and others. */
    private static int topicSignals(TestDatabase db, String topic, SluiceProcess sluice) throws Exception {
        String me = db.connector();
        byte[] garbage = new byte[512];
        new Random(19).nextBytes(garbage);
        List<Object[]> cases = new ArrayList<>();
        cases.add(new Object[] {me, null, "skipped: no value"});
        cases.add(new Object[] {me, text("not json"), "skipped: the value is not JSON"});
        cases.add(new Object[] {me, text("[1, 2]"), "skipped: the value is not a JSON object"});
        cases.add(new Object[] {me, garbage, "skipped: the value is not JSON"});
        cases.add(new Object[] {me, text("{\"type\": \"" + "x".repeat(900_000) + "\"}"), "skipped: unknown type 'xxx"});
        cases.add(new Object[] {me, text("{\"id\": \"" + "i".repeat(100_000) + "\", \"type\": \"log\", \"data\": {\"message\": \""
                + "m".repeat(100_000) + "\"}}"), "(log): mmm"});
        cases.add(new Object[] {me, text("{\"type\": \"snapshot-window-close\"}"), "window watermarks are not signals"});
        cases.add(new Object[] {me, text("{\"type\": 5}"), "unknown type '5'"});
        cases.add(new Object[] {me, text("{\"data\": {}}"), "skipped: no type"});
        cases.add(new Object[] {me, text("{\"type\": \"execute-snapshot\", \"data\": \"{oops\"}"), "data is not JSON"});
        cases.add(new Object[] {me, text("{\"type\": \"log\", \"data\": {\"message\": \"from the topic\"}}"),
                "(log): from the topic"});
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            // Another connector's signals and keyless ones are not for this Sluice: no line, no action.
            producer.send(new ProducerRecord<>(topic, text("someone-else"), text("{\"type\": \"log\", \"data\":"
                    + " {\"message\": \"foreign\"}}")));
            producer.send(new ProducerRecord<>(topic, null, text("{\"type\": \"log\", \"data\": {\"message\":"
                    + " \"keyless\"}}")));
            for (Object[] c : cases) {
                producer.send(new ProducerRecord<>(topic, text((String) c[0]), (byte[]) c[1])).get(30, TimeUnit.SECONDS);
                sluice.awaitLog((String) c[2], LONG);
            }
        }
        String out = sluice.output();
        assertFalse(out.contains("foreign") || out.contains("keyless"), "only this connector's key is read:\n" + out);
        return cases.size() + 2;
    }

    /** A thousand bad rows in one transaction and a thousand bad messages: each skipped, nothing stops. */
    private static int floods(DbServer server, TestDatabase db, String topic, SluiceProcess sluice) throws Exception {
        StringBuilder insert = new StringBuilder("INSERT INTO " + db.name() + ".sig VALUES ");
        for (int i = 0; i < 1_000; i++) {
            insert.append(i == 0 ? "" : ",").append("('flood-").append(i).append("', 'flood', '{}')");
        }
        server.execute(insert.toString());
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < 1_000; i++) {
                producer.send(new ProducerRecord<>(topic, text(db.connector()), text("{\"type\": \"flood\"}")));
            }
            producer.flush();
        }
        Await.until(LONG, "2,000 flooded signals skipped",
                () -> count(sluice.output(), "unknown type 'flood'") == 2_000);
        return 2;
    }

    private static void assertLineFor(SluiceProcess sluice, String id, String expected) {
        String out = sluice.output();
        for (String line : out.split("\n")) {
            if (line.contains("Signal '" + id + "'") && line.contains(expected)) {
                return;
            }
        }
        throw new AssertionError("no line for signal " + id + " saying \"" + expected + "\":\n" + out);
    }

    private static String[] row(String id, String type, String data) {
        return new String[] {id, type, data};
    }

    private static String collections(String table) {
        return "{\"data-collections\": [\"" + table + "\"]}";
    }

    private static void signal(DbServer server, TestDatabase db, String id, String type, String data)
            throws SQLException {
        try (Connection c = server.admin();
                PreparedStatement insert = c.prepareStatement("INSERT INTO " + db.name() + ".sig VALUES (?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, type);
            insert.setString(3, data);
            insert.executeUpdate();
        }
    }

    private static byte[] text(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTopics.bootstrap(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000), new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private static long reads(List<ConsumerRecord<String, String>> records) {
        return ops(records, "r");
    }

    private static long creates(List<ConsumerRecord<String, String>> records) {
        return ops(records, "c");
    }

    private static long ops(List<ConsumerRecord<String, String>> records, String op) {
        return records.stream().filter(r -> r.value() != null)
                .filter(r -> ChangeEvents.parse(r.value()).get("op").asText().equals(op)).count();
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
