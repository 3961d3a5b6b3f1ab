package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.sluice.it.ChangeEvents.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Multi-row and multi-statement transactions across two captured tables and one excluded table. */
class TransactionsIT {

    static Stream<DbServer> servers() {
        return Stream.of(DbServer.mysql(), DbServer.mariadb());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void transactionsAcrossCapturedAndExcludedTables(DbServer server) {
        try (TestDatabase db = new TestDatabase(server, "tx")) {
            String d = db.name();
            server.execute(
                    "CREATE TABLE " + d + ".accounts (id INT PRIMARY KEY, owner VARCHAR(20), balance INT)",
                    "CREATE TABLE " + d + ".transfers (id BIGINT PRIMARY KEY AUTO_INCREMENT, src INT, dst INT, amount INT)",
                    "CREATE TABLE " + d + ".audit (id INT PRIMARY KEY AUTO_INCREMENT, note VARCHAR(50))",
                    "CREATE TABLE " + d + ".notes (body VARCHAR(50))");
            Map<String, String> env = SluiceProcess.env(server, db.connector(), d + ".*");
            env.put("SLUICE_TABLES_EXCLUDE", d + ".audit");
            try (SluiceProcess sluice = SluiceProcess.start("tx-" + server.label().replace(' ', '-'), env)) {
                sluice.awaitStreaming();
                server.execute("INSERT INTO " + d + ".accounts VALUES (1, 'ann', 100), (2, 'bob', 50), (3, 'cy', 0)");
                server.transaction(
                        "UPDATE " + d + ".accounts SET balance = balance - 30 WHERE id = 1",
                        "UPDATE " + d + ".accounts SET balance = balance + 30 WHERE id = 2",
                        "INSERT INTO " + d + ".transfers (src, dst, amount) VALUES (1, 2, 30)",
                        "INSERT INTO " + d + ".audit (note) VALUES ('transfer 1->2')",
                        "DELETE FROM " + d + ".accounts WHERE id = 3");
                server.execute("INSERT INTO " + d + ".notes VALUES ('no key here')", "DELETE FROM " + d + ".notes");

                List<ConsumerRecord<String, String>> accounts = KafkaTopics.await(db.topic("accounts"), 7,
                        Duration.ofSeconds(60));
                List<ConsumerRecord<String, String>> transfers = KafkaTopics.await(db.topic("transfers"), 1,
                        Duration.ofSeconds(60));

                assertEquals(List.of("{\"id\":1}", "{\"id\":2}", "{\"id\":3}", "{\"id\":1}", "{\"id\":2}",
                        "{\"id\":3}", "{\"id\":3}"), accounts.stream().map(ConsumerRecord::key).toList());
                List<JsonNode> values = accounts.stream().limit(6).map(r -> parse(r.value())).toList();
                assertEquals(List.of("c", "c", "c", "u", "u", "d"), values.stream().map(v -> v.get("op").asText()).toList());
                assertNull(accounts.get(6).value(), "tombstone after the delete");

                // One multi-row INSERT: one transaction, one row event, rows numbered 0..2.
                JsonNode first = values.get(0).get("source");
                for (int i = 0; i < 3; i++) {
                    JsonNode source = values.get(i).get("source");
                    assertEquals(first.get("gtid"), source.get("gtid"));
                    assertEquals(first.get("pos"), source.get("pos"));
                    assertEquals(i, source.get("row").asInt());
                }
                // The multi-statement transaction: one GTID for every event of it, in both topics.
                JsonNode txSource = values.get(3).get("source");
                assertNotEquals(first.get("gtid"), txSource.get("gtid"));
                for (JsonNode v : values.subList(3, 6)) {
                    assertEquals(txSource.get("gtid"), v.get("source").get("gtid"));
                }
                JsonNode transfer = parse(transfers.get(0).value());
                assertEquals(txSource.get("gtid"), transfer.get("source").get("gtid"));
                assertEquals(parse("{\"id\":1,\"src\":1,\"dst\":2,\"amount\":30}"), transfer.get("after"));
                assertEquals(parse("{\"id\":1,\"owner\":\"ann\",\"balance\":70}"), values.get(3).get("after"));
                assertEquals(parse("{\"id\":2,\"owner\":\"bob\",\"balance\":80}"), values.get(4).get("after"));

                assertFalse(KafkaTopics.topics().contains(db.topic("audit")), "the excluded table has no topic");

                // A table without a primary key: records without a key, and no tombstone (it would have no key).
                List<ConsumerRecord<String, String>> notes = KafkaTopics.await(db.topic("notes"), 2,
                        Duration.ofSeconds(60));
                assertEquals(2, notes.size());
                assertNull(notes.get(0).key());
                assertNull(notes.get(1).key());
                assertEquals(List.of("c", "d"), notes.stream().map(r -> parse(r.value()).get("op").asText()).toList());
            }
        }
    }
}
