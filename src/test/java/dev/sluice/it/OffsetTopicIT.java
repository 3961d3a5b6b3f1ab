package dev.sluice.it;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offsets and schema-history topics must keep what Sluice writes, and offset commits that
 * fail must show: otherwise the next start silently repeats or skips changes.
 */
class OffsetTopicIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void anOffsetsTopicWhoseRecordsExpireIsRefusedWithTheFix() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "offdel")) {
            server.execute("CREATE TABLE " + db.name() + ".t (id INT PRIMARY KEY)");
            String topic = db.connector() + ".custom-offsets";
            KafkaTopics.create(topic, Map.of("cleanup.policy", "delete"));
            Map<String, String> env = SluiceProcess.env(server, db.connector(), db.name() + ".*");
            env.put("SLUICE_OFFSETS_TOPIC", topic);
            try (SluiceProcess sluice = SluiceProcess.start("offsets-topic-delete", env)) {
                assertEquals(1, sluice.awaitExit(WAIT), sluice.output());
                assertTrue(sluice.output().contains("the offsets topic " + topic + " has cleanup.policy=delete"),
                        sluice.output());
                assertTrue(sluice.output().contains("--add-config cleanup.policy=compact"), sluice.output());
                assertFalse(sluice.output().contains("Exception"), "no stack trace:\n" + sluice.output());
            }
        }
    }

    @Test
    void aSchemaHistoryTopicWithRetentionIsRefusedWithTheFix() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "histret")) {
            server.execute("CREATE TABLE " + db.name() + ".t (id INT PRIMARY KEY)");
            String topic = db.connector() + ".custom-history";
            KafkaTopics.create(topic, Map.of("retention.ms", "604800000"));
            Map<String, String> env = SluiceProcess.env(server, db.connector(), db.name() + ".*");
            env.put("SLUICE_SCHEMA_HISTORY_TOPIC", topic);
            try (SluiceProcess sluice = SluiceProcess.start("history-topic-retention", env)) {
                assertEquals(1, sluice.awaitExit(WAIT), sluice.output());
                assertTrue(sluice.output().contains("the schema history topic " + topic
                        + " has cleanup.policy=delete, retention.ms=604800000"), sluice.output());
                assertFalse(sluice.output().contains("Exception"), "no stack trace:\n" + sluice.output());
            }
        }
    }

    /**
     * The default flush interval is 100 ms, below what quarkus-scheduler can run (it checks its
     * triggers once a second, so commits came once a second): while rows flow, commits must come
     * several times a second. The bound is six times the interval, for a loaded machine.
     */
    @Test
    void offsetsAreCommittedAtTheFlushIntervalEvenBelowASecond() throws java.sql.SQLException {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "offflush")) {
            String t = db.name() + ".t";
            server.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY)");
            String offsets = db.connector() + ".offsets";
            try (SluiceProcess sluice = SluiceProcess.start("offsets-flush-interval",
                    SluiceProcess.env(server, db.connector(), t)).awaitStreaming()) {
                int rows = 1_500; // one-row transactions for a few seconds
                try (java.sql.Connection c = server.admin();
                        java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO " + t + " VALUES (?)")) {
                    for (int id = 1; id <= rows; id++) {
                        insert.setInt(1, id);
                        insert.executeUpdate();
                    }
                }
                KafkaTopics.await(db.topic("t"), rows, WAIT);
                List<Long> times = KafkaTopics.read(offsets).stream().filter(r -> db.connector().equals(r.key()))
                        .map(r -> r.timestamp()).sorted().toList();
                List<Long> gaps = new java.util.ArrayList<>();
                for (int k = 1; k < times.size(); k++) {
                    gaps.add(times.get(k) - times.get(k - 1));
                }
                java.util.Collections.sort(gaps);
                assertTrue(gaps.size() >= 5, "commits while rows flowed: " + times.size());
                long median = gaps.get(gaps.size() / 2);
                assertTrue(median < 600, "median gap between commits " + median + " ms: " + gaps);
            }
        }
    }

    /** Commits refused by the offsets topic (its records made too large for it) fail readiness, then recover. */
    @Test
    void failingOffsetCommitsFailReadinessUntilTheySucceedAgain() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "offfail")) {
            String t = db.name() + ".t";
            server.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY)");
            String topic = db.connector() + ".offsets";
            Map<String, String> env = new HashMap<>(SluiceProcess.env(server, db.connector(), db.name() + ".*"));
            env.put("SLUICE_HEALTH_MAX_SILENCE", "5s");
            try (SluiceProcess sluice = SluiceProcess.start("offsets-commit-failing", env)) {
                sluice.awaitStreaming();
                String ready = sluice.httpBase() + "/q/health/ready";
                Await.until(WAIT, "readiness UP", () -> Http.get(ready).status() == 200);

                KafkaTopics.alter(topic, Map.of("max.message.bytes", "16"));
                int[] id = {0};
                Await.until(WAIT, "readiness DOWN for the failing commits", () -> {
                    server.execute("INSERT INTO " + t + " VALUES (" + ++id[0] + ")");
                    Http.Response response = Http.get(ready);
                    return response.status() == 503 && response.body().contains("no offset commit has succeeded");
                });
                assertTrue(sluice.isAlive(), sluice.output());

                KafkaTopics.alter(topic, Map.of("max.message.bytes", "1048588"));
                Await.until(WAIT, "readiness UP again", () -> Http.get(ready).status() == 200);
                sluice.awaitLog("Offset commits succeed again", WAIT);
                assertEquals(1, count(sluice.output(), "Could not commit the offset"),
                        "one line per state change:\n" + sluice.output());
            }
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
