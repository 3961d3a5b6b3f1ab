package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Transaction metadata across a kill -9 inside a large transaction: the restart resumes inside
 * it, yet every event keeps the order it had (duplicates agree with the originals), the END
 * record counts every event once, and transactions without captured changes announce nothing.
 */
class TransactionMetadataIT {

    private static final int ROWS = 100_000;
    private static final Duration WAIT = Duration.ofMinutes(5);

    static Stream<DbServer> servers() {
        return Stream.of(DbServer.mysql(), DbServer.mariadb());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void ordersAndCountsSurviveAKillInsideATransaction(DbServer server) {
        String label = "txmeta-" + server.label().replace(' ', '-');
        try (TestDatabase db = new TestDatabase(server, "txmeta")) {
            server.execute("CREATE TABLE " + db.name() + ".big (id INT PRIMARY KEY, note VARCHAR(120))",
                    "CREATE TABLE " + db.name() + ".small (id INT PRIMARY KEY)",
                    "CREATE TABLE " + db.name() + ".ignored (id INT PRIMARY KEY)");
            Map<String, String> env = SluiceProcess.env(server, db.connector(), db.name() + ".big,"
                    + db.name() + ".small");
            env.put("SLUICE_PROVIDE_TRANSACTION_METADATA", "true");
            long deliveredAtKill;
            try (SluiceProcess first = SluiceProcess.start(label + "-1", env)) {
                first.awaitStreaming();
                server.execute("INSERT INTO " + db.name() + ".ignored VALUES (1)");
                server.transaction("INSERT INTO " + db.name() + ".small VALUES (1)",
                        server.isMariaDb() ? "SET SESSION max_recursive_iterations = 1000000"
                                : "SET SESSION cte_max_recursion_depth = 1000000",
                        "INSERT INTO " + db.name() + ".big WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1"
                                + " FROM seq WHERE n < " + ROWS + ") SELECT n, REPEAT('x', 20) FROM seq",
                        "INSERT INTO " + db.name() + ".small VALUES (2)");
                Await.until(WAIT, "a tenth of the large transaction in Kafka",
                        () -> KafkaTopics.size(db.topic("big")) >= ROWS / 10);
                first.kill();
                deliveredAtKill = KafkaTopics.size(db.topic("big"));
            }
            try (SluiceProcess second = SluiceProcess.start(label + "-2", env)) {
                second.awaitStreaming();
                server.execute("INSERT INTO " + db.name() + ".small VALUES (3)");
                KafkaTopics.await(db.topic("small"), "the row after the large transaction",
                        records -> records.stream().anyMatch(r -> r.key().contains("3")), WAIT);
            }
            List<ConsumerRecord<String, String>> big = KafkaTopics.read(db.topic("big"));
            List<ConsumerRecord<String, String>> small = KafkaTopics.read(db.topic("small"));
            List<JsonNode> transactions = KafkaTopics.read(db.connector() + ".transaction").stream()
                    .map(r -> ChangeEvents.parse(r.value())).toList();

            long bigEvents = big.stream().filter(r -> r.value() != null).count();
            assertTrue(deliveredAtKill < ROWS, "killed inside the transaction: " + deliveredAtKill);
            assertTrue(bigEvents < deliveredAtKill + ROWS, "the restart resumed inside the transaction, not at its"
                    + " start: " + bigEvents + " records, " + deliveredAtKill + " before the kill");

            JsonNode firstSmall = block(small.get(0));
            String id = firstSmall.get("id").asText();
            Map<Long, String> orders = new HashMap<>();
            for (ConsumerRecord<String, String> record : concat(big, small)) {
                if (record.value() == null) {
                    continue;
                }
                JsonNode block = block(record);
                int rowId = ChangeEvents.parse(record.value()).at("/after/id").asInt();
                boolean isSmall = record.topic().equals(db.topic("small"));
                if (isSmall && rowId == 3) {
                    assertEquals(1, block.get("total_order").asLong());
                    continue;
                }
                assertEquals(id, block.get("id").asText(), "one transaction");
                long expectedTotal = isSmall ? (rowId == 1 ? 1 : ROWS + 2) : rowId + 1;
                assertEquals(expectedTotal, block.get("total_order").asLong(), record.value());
                assertEquals(rowId, block.get("data_collection_order").asLong(), record.value());
                orders.put(expectedTotal, record.topic());
            }
            assertEquals(ROWS + 2, orders.size(), "every event of the transaction delivered");

            List<JsonNode> ofLarge = transactions.stream().filter(t -> t.get("id").asText().equals(id)).toList();
            List<JsonNode> ends = ofLarge.stream().filter(t -> t.get("status").asText().equals("END")).toList();
            long begins = ofLarge.stream().filter(t -> t.get("status").asText().equals("BEGIN")).count();
            assertEquals(1, ends.size(), ofLarge.toString());
            assertTrue(begins >= 1 && begins <= 2, ofLarge.toString());
            assertEquals(ROWS + 2, ends.get(0).get("event_count").asLong());
            assertEquals("[{\"data_collection\":\"" + db.name() + ".small\",\"event_count\":2},{\"data_collection\":\""
                    + db.name() + ".big\",\"event_count\":" + ROWS + "}]", ends.get(0).get("data_collections")
                    .toString());
            assertEquals(2, transactions.size() - ofLarge.size(), "besides the large transaction only the last one"
                    + " (BEGIN, END), none for the table not captured: " + transactions);
        }
    }

    private static JsonNode block(ConsumerRecord<String, String> record) {
        return ChangeEvents.parse(record.value()).get("transaction");
    }

    private static List<ConsumerRecord<String, String>> concat(List<ConsumerRecord<String, String>> a,
            List<ConsumerRecord<String, String>> b) {
        List<ConsumerRecord<String, String>> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
