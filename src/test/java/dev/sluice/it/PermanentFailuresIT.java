package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failures that retrying cannot mend stop the pipeline (liveness DOWN) and name the fix; the ones
 * a new session can mend (a data topic deleted) are mended.
 */
class PermanentFailuresIT {

    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final int BIG = 3 * 1024 * 1024;

    static Stream<DbServer> servers() {
        return Stream.of(DbServer.mysql(), DbServer.mariadb());
    }

    @Test
    void aRecordLargerThanKafkaTakesStopsWithTheSettingsToRaise() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "toolarge")) {
            String t = db.name() + ".t";
            server.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, body LONGTEXT)");
            Map<String, String> env = SluiceProcess.env(server, db.connector(), db.name() + ".*");
            try (SluiceProcess sluice = SluiceProcess.start("permanent-too-large", env)) {
                sluice.awaitStreaming();
                server.execute("INSERT INTO " + t + " VALUES (1, '" + randomHex(BIG) + "')");
                sluice.awaitLog("Stopped:", WAIT);
                String out = sluice.output();
                assertTrue(out.contains("for topic " + db.topic("t") + " is larger than Kafka accepts"), out);
                assertTrue(out.contains("KAFKA_MAX_REQUEST_SIZE") && out.contains("max.message.bytes"), out);
                assertEquals(503, Http.get(sluice.httpBase() + "/q/health/live").status(), out);
            }
        }
    }

    @Test
    void withALargerProducerLimitTheTopicsSluiceCreatesTakeTheRecord() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "largeok")) {
            String t = db.name() + ".t";
            server.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, body LONGTEXT)");
            Map<String, String> env = SluiceProcess.env(server, db.connector(), db.name() + ".*");
            env.put("KAFKA_MAX_REQUEST_SIZE", "8388608");
            try (SluiceProcess sluice = SluiceProcess.start("permanent-large-allowed", env)) {
                sluice.awaitStreaming();
                server.execute("INSERT INTO " + t + " VALUES (1, '" + randomHex(BIG) + "')");
                List<ConsumerRecord<String, String>> records = KafkaTopics.await(db.topic("t"), 1, WAIT);
                assertTrue(records.get(0).value().length() > BIG);
                assertEquals("8388608", KafkaTopics.config(db.topic("t"), "max.message.bytes"));
            }
        }
    }

    @Test
    void aDataTopicDeletedWhileStreamingIsCreatedAgain() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "deleted")) {
            String t = db.name() + ".t";
            server.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY)");
            Map<String, String> env = SluiceProcess.env(server, db.connector(), db.name() + ".*");
            env.put("KAFKA_MAX_BLOCK_MS", "5000");
            env.put("KAFKA_DELIVERY_TIMEOUT_MS", "10000");
            env.put("KAFKA_REQUEST_TIMEOUT_MS", "3000");
            try (SluiceProcess sluice = SluiceProcess.start("permanent-topic-deleted", env)) {
                sluice.awaitStreaming();
                server.execute("INSERT INTO " + t + " VALUES (1)");
                KafkaTopics.await(db.topic("t"), 1, WAIT);
                KafkaTopics.delete(db.topic("t"));
                Await.until(WAIT, "the topic gone", () -> !KafkaTopics.topics().contains(db.topic("t")));
                server.execute("INSERT INTO " + t + " VALUES (2)");
                KafkaTopics.await(db.topic("t"), "row 2", records -> records.stream().anyMatch(r -> id(r) == 2), WAIT);
                assertTrue(sluice.isAlive(), sluice.output());
            }
        }
    }

    /**
     * The binlog Sluice still needs is purged while its connection is down: the reconnect gets
     * error 1236, which no retry mends.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aBinlogPurgedWhileDisconnectedStopsWithTheFix(DbServer server) {
        try (TestDatabase db = new TestDatabase(server, "purged")) {
            String t = db.name() + ".t";
            server.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY)");
            Map<String, String> env = SluiceProcess.env(server, db.connector(), db.name() + ".*");
            try (SluiceProcess sluice = SluiceProcess.start("permanent-purged-" + server.label().replace(' ', '-'),
                    env)) {
                sluice.awaitStreaming();
                server.execute("INSERT INTO " + t + " VALUES (1)");
                KafkaTopics.await(db.topic("t"), 1, WAIT);

                sluice.freeze();
                String dumps = "SELECT ID FROM information_schema.PROCESSLIST WHERE COMMAND LIKE 'Binlog Dump%'"
                        + " AND USER = 'sluice'";
                server.query(dumps).forEach(dump -> server.execute("KILL " + dump.get(0)));
                Await.until(WAIT, "the dump thread gone", () -> server.query(dumps).isEmpty());
                // written after the dump connection died, so it cannot wait in Sluice's socket buffer
                server.execute("INSERT INTO " + t + " VALUES (2)", "FLUSH BINARY LOGS");
                String current = server.query(server.isMariaDb() ? "SHOW MASTER STATUS" : "SHOW BINARY LOG STATUS")
                        .get(0).get(0);
                Await.until(WAIT, "the older binlog files purged", () -> {
                    server.execute("PURGE BINARY LOGS TO '" + current + "'");
                    return server.query("SHOW BINARY LOGS").get(0).get(0).equals(current);
                });
                sluice.thaw();

                sluice.awaitLog("Stopped:", WAIT);
                String out = sluice.output();
                assertTrue(out.contains("(error 1236)") && out.contains("SLUICE_SNAPSHOT_MODE=when_needed"), out);
                assertEquals(503, Http.get(sluice.httpBase() + "/q/health/live").status(), out);
            }
        }
    }

    private static int id(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return -1;
        }
        JsonNode value = ChangeEvents.parse(record.value());
        return (value.has("payload") ? value.get("payload") : value).path("after").path("id").asInt(-1);
    }

    /** Text lz4 cannot shrink much, so the record stays about as large as the row. */
    private static String randomHex(int length) {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.append(Integer.toHexString(random.nextInt()));
        }
        return text.substring(0, length);
    }
}
