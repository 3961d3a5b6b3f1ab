package dev.sluice.it;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * XA transactions: rows reach Kafka when their transaction commits (two-phase or one-phase),
 * never when it rolls back after PREPARE, everything after a rollback still flows, and a crash
 * between PREPARE and COMMIT, or a PREPARE before Sluice's first start, loses nothing.
 */
class XaTransactionsIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    static Stream<DbServer> servers() {
        return Stream.of(DbServer.mysql(), DbServer.mariadb());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void rowsArriveWhenTheirXaTransactionCommitsAndNeverWhenItRollsBack(DbServer server) throws SQLException {
        try (TestDatabase db = new TestDatabase(server, "xa"); Connection xa = server.admin();
                Statement x = xa.createStatement()) {
            String t = db.name() + ".t";
            server.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, v INT)");
            try (SluiceProcess sluice = SluiceProcess.start("xa-" + label(server),
                    SluiceProcess.env(server, db.connector(), t))) {
                sluice.awaitStreaming();
                prepare(x, "x2", t, 100);
                x.execute("XA ROLLBACK 'x2'");
                server.execute("INSERT INTO " + t + " VALUES (1, 0)");
                prepare(x, "x3", t, 101);
                server.execute("INSERT INTO " + t + " VALUES (2, 0)");
                x.execute("XA COMMIT 'x3'");
                x.execute("XA START 'x4'");
                x.execute("INSERT INTO " + t + " VALUES (102, 0)");
                x.execute("XA END 'x4'");
                x.execute("XA COMMIT 'x4' ONE PHASE");
                server.execute("INSERT INTO " + t + " VALUES (3, 0)");

                List<ConsumerRecord<String, String>> records = KafkaTopics.await(db.topic("t"), 5, WAIT);
                assertEquals(List.of(1, 2, 101, 102, 3), ids(records),
                        "committed rows in commit order; the rolled-back row never");
                assertEquals(List.of("c", "c", "c", "c", "c"),
                        records.stream().map(r -> ChangeEvents.parse(r.value()).get("op").asText()).toList());
            } finally {
                rollbackQuietly(x, "x3");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void killNineBetweenPrepareAndCommitLosesNothing(DbServer server) throws SQLException {
        try (TestDatabase db = new TestDatabase(server, "xakill"); Connection xa = server.admin();
                Statement x = xa.createStatement()) {
            String t = db.name() + ".t";
            server.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, v INT)");
            Map<String, String> env = SluiceProcess.env(server, db.connector(), t);
            String log = "xa-kill-" + label(server);
            try {
                try (SluiceProcess sluice = SluiceProcess.start(log, env)) {
                    sluice.awaitStreaming();
                    prepare(x, "k", t, 200);
                    server.execute("INSERT INTO " + t + " VALUES (10, 0)");
                    KafkaTopics.await(db.topic("t"), 1, WAIT);
                    KafkaTopics.await(db.connector() + ".offsets", "an offset past the prepared XA transaction",
                            records -> !records.isEmpty() && records.get(records.size() - 1).value().contains("xa_prepared"),
                            WAIT);
                    sluice.kill();
                }
                x.execute("XA COMMIT 'k'");
                server.execute("INSERT INTO " + t + " VALUES (11, 0)");
                try (SluiceProcess sluice = SluiceProcess.start(log, env)) {
                    sluice.awaitStreaming();
                    List<ConsumerRecord<String, String>> records = KafkaTopics.await(db.topic("t"),
                            "the committed XA row and the next insert", r -> ids(r).containsAll(List.of(200, 11)), WAIT);
                    List<Integer> ids = ids(records);
                    assertEquals(List.of(200, 11), ids.subList(ids.indexOf(200), ids.size()),
                            "the XA row, then the row committed after it: " + ids);
                }
            } finally {
                rollbackQuietly(x, "k");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aTransactionPreparedBeforeTheFirstStartIsPublishedWhenItCommits(DbServer server) throws SQLException {
        try (TestDatabase db = new TestDatabase(server, "xaearly"); Connection xa = server.admin();
                Statement x = xa.createStatement()) {
            String t = db.name() + ".t";
            server.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, v INT)");
            try {
                prepare(x, "early", t, 300);
                try (SluiceProcess sluice = SluiceProcess.start("xa-early-" + label(server),
                        SluiceProcess.env(server, db.connector(), t))) {
                    sluice.awaitStreaming();
                    x.execute("XA COMMIT 'early'");
                    server.execute("INSERT INTO " + t + " VALUES (4, 0)");
                    assertEquals(List.of(300, 4), ids(KafkaTopics.await(db.topic("t"), 2, WAIT)));
                    sluice.awaitLog("its XA PREPARE came before Sluice's start position", WAIT);
                }
            } finally {
                rollbackQuietly(x, "early");
            }
        }
    }

    private static void prepare(Statement x, String xid, String table, int id) throws SQLException {
        x.execute("XA START '" + xid + "'");
        x.execute("INSERT INTO " + table + " VALUES (" + id + ", 0)");
        x.execute("XA END '" + xid + "'");
        x.execute("XA PREPARE '" + xid + "'");
    }

    /** A test that failed half-way must not leave a prepared transaction holding the table's locks. */
    private static void rollbackQuietly(Statement x, String xid) {
        try {
            x.execute("XA ROLLBACK '" + xid + "'");
        } catch (SQLException e) {
            // already committed or rolled back
        }
    }

    private static List<Integer> ids(List<ConsumerRecord<String, String>> records) {
        return records.stream().filter(r -> r.value() != null)
                .map(r -> ChangeEvents.parse(r.value()).get("after").get("id").asInt()).toList();
    }

    private static String label(DbServer server) {
        return server.label().replace(' ', '-');
    }
}
