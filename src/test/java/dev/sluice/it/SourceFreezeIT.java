package dev.sluice.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A source that freezes (SIGSTOP of a MySQL of the test's own) in the middle of an initial
 * snapshot: readiness fails within SLUICE_HEALTH_MAX_SILENCE, the stuck read fails after
 * SLUICE_MYSQL_READ_TIMEOUT, and once the server thaws the snapshot completes.
 */
class SourceFreezeIT {

    private static final int PORT = 13346;
    private static final int ROWS = 300_000;
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final DbServer SERVER = new DbServer("MySQL 9.7 (freeze)", "127.0.0.1", PORT, "admin", "admin-pw",
            "sluice", "sluice-pw");

    @BeforeAll
    static void startServer() {
        LocalStack.run("mysql.sh", Map.of(), "start", "freeze", String.valueOf(PORT));
    }

    @AfterAll
    static void stopServer() {
        try {
            LocalStack.run("mysql.sh", Map.of(), "thaw", "freeze");
        } catch (AssertionError alreadyRunning) {
            // thawed by the test
        }
        LocalStack.run("mysql.sh", Map.of(), "stop", "freeze");
    }

    @Test
    void aFrozenSourceFailsReadinessAndTheSnapshotCompletesAfterIt() {
        try (TestDatabase db = new TestDatabase(SERVER, "freeze")) {
            String t = db.name() + ".t";
            SERVER.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(40))",
                    "USE " + db.name(), "SET SESSION cte_max_recursion_depth = " + ROWS,
                    "INSERT INTO " + t + " WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
                            + ROWS + ") SELECT i, CONCAT('row number ', i) FROM n");
            Map<String, String> env = SluiceProcess.env(SERVER, db.connector(), db.name() + ".*");
            env.put("SLUICE_SNAPSHOT_MODE", "initial");
            env.put("SLUICE_HEALTH_MAX_SILENCE", "5s");
            env.put("SLUICE_MYSQL_READ_TIMEOUT", "15s");
            env.put("KAFKA_BATCH_SIZE", "2048"); // small batches: a snapshot slow enough to freeze in its middle
            env.put("KAFKA_LINGER_MS", "0");
            try (SluiceProcess sluice = SluiceProcess.start("source-freeze", env)) {
                sluice.awaitLog("Listening on", WAIT);
                String base = sluice.httpBase();
                Await.until(WAIT, "the snapshot under way",
                        () -> Http.metric(base, "sluice_snapshot_rows_done") >= 1_000);
                LocalStack.run("mysql.sh", Map.of(), "freeze", "freeze");
                try {
                    Await.until(WAIT, "readiness DOWN for the stalled snapshot", () -> {
                        Http.Response ready = Http.get(base + "/q/health/ready");
                        return ready.status() == 503 && ready.body().contains("the snapshot has read no row");
                    });
                    assertTrue(Http.metric(base, "sluice_snapshot_rows_done") < ROWS, "froze before the end");
                    sluice.awaitLog("Snapshot interrupted", WAIT);
                } finally {
                    LocalStack.run("mysql.sh", Map.of(), "thaw", "freeze");
                }
                KafkaTopics.awaitKeys(db.topic("t"), ROWS, Duration.ofSeconds(300));
                assertTrue(sluice.isAlive(), sluice.output());
            }
        }
    }
}
