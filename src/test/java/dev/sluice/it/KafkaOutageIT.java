package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kafka freezes while Sluice streams, on a broker of the test's own, and comes back: the
 * stream reconnects inside the process and nothing is lost or changed.
 */
class KafkaOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(180);
    private static DedicatedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = DedicatedKafka.start("outage", 19492);
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    static Stream<DbServer> servers() {
        return Stream.of(DbServer.mysql(), DbServer.mariadb());
    }

    /**
     * A RENAME COLUMN read while Kafka is frozen: its history record fails, the stream reconnects
     * from before the row written ahead of it, and that row must be decoded with the definition
     * it was written under.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aDdlReadAgainAfterAReconnectIsAppliedToTheDefinitionsItFollowed(DbServer server) {
        try (TestDatabase db = new TestDatabase(server, "rewind")) {
            String t = db.name() + ".t";
            server.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, a INT)");
            Map<String, String> env = SluiceProcess.env(server, db.connector(), db.name() + ".*");
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrap());
            env.put("KAFKA_DELIVERY_TIMEOUT_MS", "8000");
            env.put("KAFKA_REQUEST_TIMEOUT_MS", "3000");
            env.put("KAFKA_MAX_BLOCK_MS", "10000");
            try (SluiceProcess sluice = SluiceProcess.start("kafka-outage-" + server.label().replace(' ', '-'), env)) {
                sluice.awaitStreaming();
                server.execute("INSERT INTO " + t + " VALUES (1, 1)");
                KafkaTopics.await(kafka.bootstrap(), db.topic("t"), "row 1", r -> r.size() >= 1, WAIT);

                kafka.freeze(); // connections stay open: records queue in the producer, unacknowledged
                server.execute("INSERT INTO " + t + " VALUES (2, 2)",
                        "ALTER TABLE " + t + " RENAME COLUMN a TO b",
                        "INSERT INTO " + t + " VALUES (3, 3)");
                sluice.awaitLog("interrupted", WAIT);
                kafka.thaw();

                List<ConsumerRecord<String, String>> records = KafkaTopics.await(kafka.bootstrap(), db.topic("t"),
                        "rows 2 and 3", r -> after(r, 3) != null, WAIT);
                assertTrue(sluice.isAlive(), sluice.output());
                assertFalse(sluice.output().contains("Stopped:"), sluice.output());
                JsonNode two = after(records, 2);
                assertEquals(2, two.path("a").asInt(), "row 2 was written before the rename: " + two);
                assertFalse(two.has("b"), "row 2 was written before the rename: " + two);
                JsonNode three = after(records, 3);
                assertEquals(3, three.path("b").asInt(), "row 3 was written after the rename: " + three);
                assertTrue(sluice.output().contains("Rewound the table definitions"), sluice.output());
            }
        }
    }

    /** The last {@code after} of the row with this id, or null. */
    private static JsonNode after(List<ConsumerRecord<String, String>> records, int id) {
        JsonNode found = null;
        for (ConsumerRecord<String, String> record : records) {
            if (record.value() == null) {
                continue;
            }
            JsonNode value = ChangeEvents.parse(record.value());
            JsonNode after = (value.has("payload") ? value.get("payload") : value).path("after");
            if (after.path("id").asInt() == id) {
                found = after;
            }
        }
        return found;
    }
}
