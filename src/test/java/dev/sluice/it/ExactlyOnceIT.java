package dev.sluice.it;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SLUICE_EXACTLY_ONCE: Sluice is killed with -9 in the middle of an initial snapshot, then again
 * and again while a writer changes rows (once inside a 10,000-row update). A read_committed
 * consumer rebuilds the table from the topic: every version of every row arrives once, in order,
 * and the table equals the database's. Then a second Sluice of the same name fences the first.
 * The same across kills inside an incremental snapshot and right after a schema change.
 */
class ExactlyOnceIT {

    private static final DbServer SERVER = DbServer.mysql();
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final int INITIAL_ROWS = 40_000;
    private static final int KILLS_WHILE_STREAMING = 4;
    private static final String SNAPSHOT_COMPLETE = "Incremental snapshot complete";

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

    /**
     * Kills inside an incremental snapshot (chunks of 200 rows under a writer) and right after a
     * schema change: a read_committed consumer sees each row read once, each change once, and the
     * schema-change event once, and the snapshot completes. Heartbeats keep coming.
     */
    @Test
    void anIncrementalSnapshotAndASchemaChangeAreDeliveredOnceAcrossKills() {
        int rows = 40_000;
        try (TestDatabase db = new TestDatabase(SERVER, "eosincr")) {
            String table = db.name() + ".rows";
            FaultWriter.createTable(SERVER, table, rows);
            SERVER.execute("CREATE TABLE " + db.name() + ".sig (id VARCHAR(255) PRIMARY KEY, type VARCHAR(32) NOT NULL,"
                    + " data VARCHAR(2000) NULL)", "GRANT SELECT, INSERT, UPDATE, DELETE ON " + db.name() + ".sig TO '" + SERVER.user()
                    + "'@'%'");
            Map<String, String> env = SluiceProcess.env(SERVER, db.connector(), table);
            env.put("SLUICE_EXACTLY_ONCE", "true");
            env.put("SLUICE_SIGNAL_TABLE", db.name() + ".sig");
            env.put("SLUICE_INCREMENTAL_SNAPSHOT_CHUNK_SIZE", "200");
            env.put("SLUICE_HEARTBEAT_INTERVAL", "1s");
            env.put("KAFKA_BATCH_SIZE", "4096"); // chunks slow enough to be killed among them
            env.put("KAFKA_LINGER_MS", "0");
            try (TopicReplica committed = new TopicReplica(KafkaTopics.bootstrap(), db.topic("rows"), "read_committed");
                    FaultWriter writer = new FaultWriter(SERVER, table, 8, 300)) {
                SluiceProcess sluice = SluiceProcess.start("exactly-once-incremental", env).awaitStreaming();
                try {
                    writer.start(rows);
                    SERVER.execute("INSERT INTO " + db.name() + ".sig VALUES ('eos-1', 'execute-snapshot',"
                            + " '{\"data-collections\": [\"" + table + "\"]}')");
                    int kills = 0;
                    boolean complete = false;
                    while (!complete && kills < 3) {
                        long read = committed.readKeys();
                        SluiceProcess current = sluice;
                        Await.until(WAIT, "more chunks before kill " + (kills + 1), () -> committed.readKeys() > read + 300
                                || current.output().contains(SNAPSHOT_COMPLETE));
                        complete = sluice.output().contains(SNAPSHOT_COMPLETE);
                        sluice.kill();
                        kills += complete ? 0 : 1;
                        sluice = SluiceProcess.start("exactly-once-incremental", env).awaitStreaming();
                    }
                    assertTrue(kills > 0, "killed inside the incremental snapshot");
                    SERVER.execute("ALTER TABLE " + table + " ADD COLUMN extra INT NOT NULL DEFAULT 7");
                    complete |= sluice.output().contains(SNAPSHOT_COMPLETE);
                    sluice.kill();
                    sluice = SluiceProcess.start("exactly-once-incremental", env).awaitStreaming();
                    if (!complete) {
                        sluice.awaitLog(SNAPSHOT_COMPLETE, WAIT);
                    }
                    writer.close();
                    Map<Long, TopicReplica.Row> database = FaultWriter.rows(SERVER, table);
                    Await.until(WAIT, "the committed topic to equal the table", () -> committed.compare(database).none());
                    assertEquals(0, committed.duplicates(), "a read_committed consumer saw a change or a read twice: "
                            + committed.repeatExamples() + " " + committed.duplicateExamples());
                    assertEquals(0, committed.lostVersionsAfterTheFirst(), "lost: " + committed.examples());
                    assertTrue(committed.readKeys() > rows / 2, "the snapshot read most rows: " + committed.readKeys());
                    List<String> alters = KafkaTopics.readCommitted(db.connector()).stream()
                            .map(r -> r.value()).filter(v -> v != null && v.contains("ADD COLUMN extra")).toList();
                    assertEquals(1, alters.size(), "the schema change, once: " + alters);
                    assertFalse(KafkaTopics.readCommitted("__sluice-heartbeat." + db.connector()).isEmpty(),
                            "heartbeats in committed transactions");
                } finally {
                    sluice.close();
                }
            }
        }
    }
}
