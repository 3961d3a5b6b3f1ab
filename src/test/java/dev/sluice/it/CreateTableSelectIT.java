package dev.sluice.it;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CREATE TABLE ... SELECT in a captured database. MySQL 8.0.21+ logs it as one transaction (the
 * CREATE with the column list the server wrote and "START TRANSACTION", the rows, the XID); MariaDB
 * as the CREATE inside a transaction with the rows. The new table's definition comes from that
 * column list, its rows stream as creates, and the stream goes on, also across restarts and a
 * kill -9 in the middle of the transaction.
 */
class CreateTableSelectIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    static Stream<DbServer> servers() {
        return Stream.of(DbServer.mysql(), DbServer.mariadb());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void theNewTablesRowsStreamAndTheStreamGoesOn(DbServer server) {
        try (TestDatabase db = new TestDatabase(server, "ctas")) {
            String d = db.name();
            server.execute("CREATE TABLE " + d + ".src (id INT PRIMARY KEY, name VARCHAR(20), price INT)",
                    "INSERT INTO " + d + ".src VALUES (1, 'one', 150), (2, 'two', 225), (3, NULL, 0)");
            Map<String, String> env = SluiceProcess.env(server, db.connector(), d + ".*");
            String log = "ctas-" + server.label().replace(' ', '-');
            try (SluiceProcess sluice = SluiceProcess.start(log, env)) {
                sluice.awaitStreaming();
                server.execute("CREATE TABLE " + d + ".copy AS SELECT id, name, price * 2 AS doubled FROM " + d
                        + ".src WHERE id < 3");
                server.execute("INSERT INTO " + d + ".copy VALUES (9, 'nine', 900)");
                List<ConsumerRecord<String, String>> records = KafkaTopics.await(db.topic("copy"), 3, WAIT);
                assertEquals(List.of("{\"id\":1,\"name\":\"one\",\"doubled\":300}",
                        "{\"id\":2,\"name\":\"two\",\"doubled\":450}",
                        "{\"id\":9,\"name\":\"nine\",\"doubled\":900}"), afters(records));
                assertEquals(List.of("c", "c", "c"), ops(records));
                sluice.stop();
            }
            try (SluiceProcess sluice = SluiceProcess.start(log, env)) {
                sluice.awaitStreaming();
                server.execute("INSERT INTO " + d + ".copy VALUES (10, 'ten', 1000)");
                List<ConsumerRecord<String, String>> records = KafkaTopics.await(db.topic("copy"), 4, WAIT);
                assertEquals("{\"id\":10,\"name\":\"ten\",\"doubled\":1000}", afters(records).get(3),
                        "after a restart the table's definition is still known");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void killNineInsideTheTransactionLosesNoRow(DbServer server) {
        int rows = 32_768;
        try (TestDatabase db = new TestDatabase(server, "ctaskill")) {
            String d = db.name();
            server.execute("CREATE TABLE " + d + ".src (id INT PRIMARY KEY, pad VARCHAR(400))",
                    "INSERT INTO " + d + ".src VALUES (1, REPEAT('x', 400))");
            for (int have = 1; have < rows; have *= 2) {
                server.execute("INSERT INTO " + d + ".src SELECT id + " + have + ", pad FROM " + d + ".src");
            }
            Map<String, String> env = SluiceProcess.env(server, db.connector(), d + ".copy");
            // Small producer requests, one at a time: the copy takes seconds to deliver, so the kill lands inside it.
            env.put("KAFKA_BATCH_SIZE", "4096");
            env.put("KAFKA_MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION", "1");
            String log = "ctas-kill-" + server.label().replace(' ', '-');
            try (SluiceProcess sluice = SluiceProcess.start(log, env)) {
                sluice.awaitStreaming();
                String base = sluice.httpBase();
                server.execute("CREATE TABLE " + d + ".copy (PRIMARY KEY (id)) AS SELECT * FROM " + d + ".src");
                Await.until(WAIT, "part of the copy in Kafka",
                        () -> Http.metric(base, "sluice_events_total", "op=\"c\"") >= 2_000);
                sluice.kill();
            }
            int beforeRestart = KafkaTopics.read(db.topic("copy")).size();
            assertTrue(beforeRestart < rows, "the kill happened inside the transaction (" + beforeRestart + " records)");
            try (SluiceProcess sluice = SluiceProcess.start(log, env)) {
                sluice.awaitStreaming();
                List<ConsumerRecord<String, String>> records = KafkaTopics.awaitKeys(db.topic("copy"), rows,
                        Duration.ofSeconds(300));
                assertEquals(rows, records.stream().map(ConsumerRecord::key).distinct().count());
                System.out.printf("%s: CREATE TABLE ... SELECT of %d rows, killed after %d; %d records in the end%n",
                        server, rows, beforeRestart, records.size());
            }
        }
    }

    private static List<String> afters(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> ChangeEvents.parse(r.value()).get("after").toString()).toList();
    }

    private static List<String> ops(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> ChangeEvents.parse(r.value()).get("op").asText()).toList();
    }
}
