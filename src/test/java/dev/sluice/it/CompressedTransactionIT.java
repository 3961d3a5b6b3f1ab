package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MySQL's compressed transactions (binlog_transaction_compression=ON, which any session may switch
 * on): their rows come out as plain ones would, and a transaction far larger decoded than the heap
 * is read event by event instead of decoded whole.
 */
class CompressedTransactionIT {

    private static final Duration LONG = Duration.ofSeconds(300);

    @Test
    void compressedTransactionsAreReadLikePlainOnes() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "zstd")) {
            String t = db.name() + ".t";
            server.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(20))");
            try (SluiceProcess sluice = SluiceProcess.start("compressed-transactions",
                    SluiceProcess.env(server, db.connector(), t)).awaitStreaming()) {
                server.transaction("SET SESSION binlog_transaction_compression = ON",
                        "INSERT INTO " + t + " VALUES (1, 'one'), (2, 'two'), (3, 'three')",
                        "UPDATE " + t + " SET v = 'TWO' WHERE id = 2", "DELETE FROM " + t + " WHERE id = 3");
                List<ConsumerRecord<String, String>> records = KafkaTopics.await(db.topic("t"), 6, LONG);
                List<String> seen = records.stream().map(r -> r.value() == null ? "tombstone " + r.key()
                        : describe(ChangeEvents.parse(r.value()))).toList();
                assertEquals(List.of("c null {id=1, v=one}", "c null {id=2, v=two}", "c null {id=3, v=three}",
                        "u {id=2, v=two} {id=2, v=TWO}", "d {id=3, v=three} null", "tombstone {\"id\":3}"), seen);
                assertFalse(sluice.output().contains("Stopped"), sluice.output());
            }
        }
    }

    /** Decoded whole, this UPDATE's rows take far more than the 160 MB heap the container image gives Sluice. */
    @Test
    void aCompressedTransactionLargerThanTheHeapIsStreamed() {
        DbServer server = DbServer.mysql();
        int rows = 400_000;
        try (TestDatabase db = new TestDatabase(server, "zstdbig")) {
            String t = db.name() + ".t";
            server.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, v INT NOT NULL, s VARCHAR(200) NOT NULL)",
                    "SET SESSION cte_max_recursion_depth = " + rows,
                    "INSERT INTO " + t + " WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
                            + rows + ") SELECT i, i, REPEAT('x', 150) FROM n");
            Map<String, String> env = SluiceProcess.env(server, db.connector(), t);
            env.put("SLUICE_SNAPSHOT_MODE", "never");
            try (SluiceProcess sluice = SluiceProcess.startWithHeap("compressed-large", env, "160m")
                    .awaitStreaming()) {
                server.transaction("SET SESSION binlog_transaction_compression = ON",
                        "UPDATE " + t + " SET v = v + 1, s = REPEAT('y', 150)");
                Await.until(LONG, rows + " updates in the topic, or Sluice gone",
                        () -> KafkaTopics.size(db.topic("t")) >= rows || !sluice.isAlive());
                String out = sluice.output();
                assertTrue(sluice.isAlive(), "Sluice still runs:\n" + out);
                assertEquals(rows, KafkaTopics.size(db.topic("t")));
                assertFalse(out.contains("OutOfMemoryError") || out.contains("Stopped"), out);
            }
        }
    }

    private static String describe(JsonNode event) {
        return event.get("op").asText() + " " + row(event.get("before")) + " " + row(event.get("after"));
    }

    private static String row(JsonNode image) {
        if (image == null || image.isNull()) {
            return "null";
        }
        return "{id=" + image.get("id").asText() + ", v=" + image.get("v").asText() + "}";
    }
}
