package dev.sluice.it;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SLUICE_EXACTLY_ONCE: Sluice is killed with -9 in the middle of an initial snapshot, then again
 * and again while a writer changes rows (once inside a 10,000-row update). A read_committed
 * consumer rebuilds the table from the topic: every version of every row arrives once, in order,
 * and the table equals the database's. Then a second Sluice of the same name fences the first.
 */
class ExactlyOnceIT {

    private static final DbServer SERVER = DbServer.mysql();
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final int INITIAL_ROWS = 40_000;
    private static final int KILLS_WHILE_STREAMING = 4;

    @Test
    void aReadCommittedConsumerSeesEveryChangeOnceAcrossKills() {
        try (TestDatabase db = new TestDatabase(SERVER, "eos")) {
            String table = db.name() + ".rows";
            FaultWriter.createTable(SERVER, table, INITIAL_ROWS);
            Map<String, String> env = SluiceProcess.env(SERVER, db.connector(), table);
            env.put("SLUICE_SNAPSHOT_MODE", "initial");
            env.put("SLUICE_EXACTLY_ONCE", "true");
            env.put("KAFKA_BATCH_SIZE", "4096"); // a snapshot slow enough to be killed in its middle
            env.put("KAFKA_LINGER_MS", "0");
            try (TopicReplica committed = new TopicReplica(KafkaTopics.bootstrap(), db.topic("rows"), "read_committed")) {
                SluiceProcess sluice = SluiceProcess.start("exactly-once", env);
                try {
                    Await.until(WAIT, "part of the snapshot committed", () -> committed.maxId() > 2_000);
                    sluice.kill();
                    assertTrue(committed.maxId() < INITIAL_ROWS, "killed inside the snapshot");
                    sluice = SluiceProcess.start("exactly-once", env);
                    sluice.awaitStreaming();
                    try (FaultWriter writer = new FaultWriter(SERVER, table, 7, 500).start(INITIAL_ROWS)) {
                        for (int kill = 0; kill < KILLS_WHILE_STREAMING; kill++) {
                            long before = writer.changes();
                            Await.until(WAIT, "changes before kill " + (kill + 1),
                                    () -> writer.changes() > before + 1_000);
                            if (kill == 1) {
                                long large = writer.largeUpdates();
                                writer.largeUpdate(10_000);
                                Await.until(WAIT, "the large update", () -> writer.largeUpdates() > large);
                            }
                            sluice.kill();
                            sluice = SluiceProcess.start("exactly-once", env);
                            sluice.awaitStreaming();
                        }
                    }
                    Map<Long, TopicReplica.Row> database = FaultWriter.rows(SERVER, table);
                    Await.until(WAIT, "the committed topic to equal the table",
                            () -> committed.compare(database).none());
                    assertEquals(0, committed.duplicates(), "a read_committed consumer saw a change twice");
                    assertEquals(0, committed.lostVersions(), "lost: " + committed.examples());
                    assertEquals(0, committed.impossible(), "after a delete: " + committed.examples());

                    // another replica id, or MySQL would drop one binlog connection for the other
                    Map<String, String> secondEnv = new java.util.HashMap<>(env);
                    secondEnv.put("SLUICE_MYSQL_SERVER_ID", "4242");
                    try (SluiceProcess second = SluiceProcess.start("exactly-once-second", secondEnv)) {
                        second.awaitStreaming();
                        SERVER.execute("INSERT INTO " + table + " (id, v, payload) VALUES (999999999, 1, 'after')");
                        sluice.awaitLog("Stopped: another Sluice with this name started and fenced this one", WAIT);
                        Await.until(WAIT, "the second one's change", () -> committed.maxId() == 999_999_999L);
                    }
                } finally {
                    sluice.close();
                }
            }
        }
    }
}
