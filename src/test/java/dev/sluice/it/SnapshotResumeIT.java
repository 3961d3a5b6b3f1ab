package dev.sluice.it;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A SIGTERM in the middle of an initial snapshot stops it at once (not at the end of the table),
 * and the next start goes on after the last key the stopped one delivered, in the table it was
 * reading, instead of reading that table again.
 */
class SnapshotResumeIT {

    private static final Duration LONG = Duration.ofSeconds(300);
    private static final int ROWS = 200_000;

    @Test
    void aStoppedSnapshotContinuesAfterItsLastKey() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "resume")) {
            String t = db.name() + ".t";
            // a two-column key, so that the resumed read compares tuples
            server.execute("CREATE TABLE " + t + " (g INT, id INT, v VARCHAR(40), PRIMARY KEY (g, id))",
                    "USE " + db.name(), "SET SESSION cte_max_recursion_depth = " + ROWS,
                    "INSERT INTO " + t + " WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
                            + ROWS + ") SELECT i % 7, i, CONCAT('row number ', i) FROM n");
            Map<String, String> env = SluiceProcess.env(server, db.connector(), t);
            env.put("SLUICE_SNAPSHOT_MODE", "initial");
            env.put("KAFKA_BATCH_SIZE", "2048"); // small batches: a snapshot slow enough to stop in its middle
            env.put("KAFKA_LINGER_MS", "0");
            long before;
            try (SluiceProcess sluice = SluiceProcess.start("snapshot-resume-1", env)) {
                Await.until(LONG, "the snapshot under way", () -> KafkaTopics.size(db.topic("t")) >= 20_000);
                sluice.stop();
                assertTrue(sluice.output().contains("stopped; a restart continues after the last key delivered"),
                        sluice.output());
                before = KafkaTopics.size(db.topic("t"));
                assertTrue(before < ROWS, "stopped before the end: " + before);
            }
            try (SluiceProcess sluice = SluiceProcess.start("snapshot-resume-2", env)) {
                sluice.awaitLog("Snapshot complete", LONG);
                String out = sluice.output();
                assertTrue(out.contains("continuing after key"), out);
                List<ConsumerRecord<String, String>> records = KafkaTopics.read(db.topic("t"));
                Set<String> keys = new HashSet<>();
                records.forEach(r -> keys.add(r.key()));
                assertEquals(ROWS, keys.size(), "every row arrives");
                int repeated = records.size() - ROWS;
                assertTrue(repeated <= 1_000, repeated + " rows sent twice; the first run had delivered " + before);
            }
        }
    }
}
