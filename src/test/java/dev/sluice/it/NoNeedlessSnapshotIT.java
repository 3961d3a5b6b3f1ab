package dev.sluice.it;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A restart reads no table again whose rows the stream already delivered. */
class NoNeedlessSnapshotIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void aTableCreatedWhileStreamingIsNotSnapshottedAtTheNextStart() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "created")) {
            server.execute("CREATE TABLE " + db.name() + ".old (id INT PRIMARY KEY)",
                    "INSERT INTO " + db.name() + ".old VALUES (1)");
            Map<String, String> env = SluiceProcess.env(server, db.connector(), db.name() + ".*");
            env.put("SLUICE_SNAPSHOT_MODE", "initial");
            try (SluiceProcess first = SluiceProcess.start("needless-snapshot", env)) {
                first.awaitStreaming();
                server.execute("CREATE TABLE " + db.name() + ".fresh (id INT PRIMARY KEY)",
                        "INSERT INTO " + db.name() + ".fresh VALUES (1), (2)");
                KafkaTopics.await(db.topic("fresh"), 2, WAIT);
                first.stop();
            }
            try (SluiceProcess second = SluiceProcess.start("needless-snapshot", env)) {
                second.awaitStreaming();
                server.execute("INSERT INTO " + db.name() + ".fresh VALUES (3)");
                List<ConsumerRecord<String, String>> records = KafkaTopics.await(db.topic("fresh"), 3, WAIT);
                assertEquals(3, records.size(), "rows 1 and 2 read again: " + records);
                assertFalse(second.output().contains("newly captured"), second.output());
            }
        }
    }
}
