package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MariaDB with {@code log_bin_compress=ON}: row events and statements are written compressed
 * (QUERY_COMPRESSED, WRITE/UPDATE/DELETE_ROWS_COMPRESSED). They are decoded like their plain
 * forms: every change reaches Kafka and the ALTER reaches the schema history.
 */
class MariadbCompressedIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void compressedEventsAreDecodedLikeTheirPlainForms() {
        DbServer server = DbServer.mariadb();
        List<List<String>> before = server.query("SELECT @@GLOBAL.log_bin_compress, @@GLOBAL.log_bin_compress_min_len");
        try (TestDatabase db = new TestDatabase(server, "zip")) {
            String t = db.name() + ".t";
            server.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, note VARCHAR(200))");
            server.execute("SET GLOBAL log_bin_compress = ON", "SET GLOBAL log_bin_compress_min_len = 10");
            try (SluiceProcess sluice = SluiceProcess.start("mariadb-compressed",
                    SluiceProcess.env(server, db.connector(), t))) {
                sluice.awaitStreaming();
                String note = "a note long enough to be compressed, compressed, compressed";
                server.execute("INSERT INTO " + t + " VALUES (1, '" + note + "')",
                        "UPDATE " + t + " SET note = 'changed: " + note + "' WHERE id = 1",
                        "DELETE FROM " + t + " WHERE id = 1",
                        "ALTER TABLE " + t + " ADD COLUMN w INT",
                        "INSERT INTO " + t + " VALUES (2, '" + note + "', 7)");

                List<ConsumerRecord<String, String>> records = KafkaTopics.await(db.topic("t"), 5, WAIT);
                List<JsonNode> values = records.stream().filter(r -> r.value() != null)
                        .map(r -> ChangeEvents.parse(r.value())).toList();
                assertEquals(List.of("c", "u", "d", "c"), values.stream().map(v -> v.get("op").asText()).toList());
                assertEquals("{\"id\":1,\"note\":\"" + note + "\"}", values.get(0).get("after").toString());
                assertEquals("{\"id\":1,\"note\":\"changed: " + note + "\"}", values.get(1).get("after").toString());
                assertEquals("{\"id\":1,\"note\":\"changed: " + note + "\"}", values.get(2).get("before").toString());
                assertEquals("{\"id\":2,\"note\":\"" + note + "\",\"w\":7}", values.get(3).get("after").toString());
                assertNull(records.get(3).value(), "the delete's tombstone");
                List<ConsumerRecord<String, String>> changes = KafkaTopics.await(db.connector(), "the ALTER",
                        r -> r.stream().anyMatch(c -> c.value().contains("ADD COLUMN w")), WAIT);
                assertTrue(changes.stream().anyMatch(c -> c.value().contains("ADD COLUMN w")));
            }
        } finally {
            server.execute("SET GLOBAL log_bin_compress = " + before.get(0).get(0),
                    "SET GLOBAL log_bin_compress_min_len = " + before.get(0).get(1));
        }
    }
}
