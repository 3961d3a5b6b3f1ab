package dev.sluice.it;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failover of the source with real replication: a primary and a replica that follows it by GTID
 * (deploy/local's replicate), MySQL 9.7 and MariaDB 10.11. Sluice streams from the primary under
 * a writer and falls behind (frozen); the primary dies with transactions Sluice has not read; the
 * replica is promoted and Sluice, under the same name, pointed at it. It resumes by GTID and reads
 * what it missed from the replica's binlog, whose files have other names. A schema change on each
 * side of the switch and a restart on the new server check the schema history across it. The
 * topic, rebuilt, must equal the promoted server's table, every version of every row in order;
 * on MariaDB Sluice runs exactly once, and a read_committed consumer sees no change twice.
 */
class FailoverIT {

    enum Kind {
        MYSQL("mysql.sh", "MYSQLD_EXTRA_CNF", 13350, "SELECT @@GLOBAL.gtid_executed",
                "SELECT WAIT_FOR_EXECUTED_GTID_SET(?, 120)", "MySQL 9.7"),
        MARIADB("mariadb.sh", "MARIADB_EXTRA_CNF", 13352, "SELECT @@GLOBAL.gtid_binlog_pos",
                "SELECT MASTER_GTID_WAIT(?, 120)", "MariaDB 10.11");

        final String script;
        final String extraConfig;
        final int port;
        final String position;
        final String waitFor;
        final String label;

        Kind(String script, String extraConfig, int port, String position, String waitFor, String label) {
            this.script = script;
            this.extraConfig = extraConfig;
            this.port = port;
            this.position = position;
            this.waitFor = waitFor;
            this.label = label;
        }

        DbServer server(String role, int offset) {
            return new DbServer(label + " (" + role + ")", "127.0.0.1", port + offset, "admin", "admin-pw", "sluice",
                    "sluice-pw");
        }

        String instance(String role) {
            return (this == MYSQL ? "fo-" : "mfo-") + role;
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final String TABLE = "failover.rows";

    /** MySQL at least once; MariaDB exactly once, where a read_committed consumer may see no change twice. */
    static Stream<Arguments> failovers() {
        return Stream.of(Arguments.of(Kind.MYSQL, false), Arguments.of(Kind.MARIADB, true));
    }

    @ParameterizedTest(name = "{0}, exactly once: {1}")
    @MethodSource("failovers")
    void afterTheReplicaIsPromotedSluiceResumesThereWithoutLosingAChange(Kind kind, boolean exactlyOnce) {
        DbServer primary = kind.server("primary", 0);
        DbServer replica = kind.server("replica", 1);
        try {
            // binlog files of another name, as replicas often have: the primary's file names mean nothing there
            startServers(kind, Map.of(kind.extraConfig, "log-bin=replica-bin"));
            failOver(kind, primary, replica, exactlyOnce);
        } finally {
            LocalStack.run(kind.script, Map.of(), "reset", kind.instance("primary"));
            LocalStack.run(kind.script, Map.of(), "reset", kind.instance("replica"));
        }
    }

    /**
     * The address Sluice reads from moves to the replica while Sluice streams (a proxy in between,
     * as a virtual IP): both servers name their binlog files alike, so the primary's positions
     * would name places in the replica's binlog too. Sluice must not read there: its binlog
     * connection finds another server and stops. After the promotion its next start, through the
     * same address, resumes on the new server by GTID without losing a change.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void whenItsAddressLeadsToAnotherServerSluiceStopsAndResumesThereOnItsNextStart(Kind kind) {
        DbServer primary = kind.server("primary", 0);
        DbServer replica = kind.server("replica", 1);
        try (FaultProxy address = new FaultProxy(primary.port())) {
            startServers(kind, Map.of());
            String name = "failover-" + UUID.randomUUID().toString().substring(0, 8);
            primary.execute("CREATE DATABASE failover");
            FaultWriter.createTable(primary, TABLE, 500);
            Map<String, String> env = SluiceProcess.env(primary, name, TABLE);
            env.put("SLUICE_SNAPSHOT_MODE", "initial");
            env.put("SLUICE_MYSQL_PORT", String.valueOf(address.port()));
            try (TopicReplica topicTable = new TopicReplica(KafkaTopics.bootstrap(), name + "." + TABLE)) {
                FaultWriter writer = new FaultWriter(primary, TABLE, 22, 200);
                try (SluiceProcess first = SluiceProcess.start("failover", env).awaitStreaming()) {
                    writer.start(500);
                    long written = writer.changes();
                    Await.until(WAIT, "Sluice streaming the writer's changes", () -> topicTable.maxId() > 500
                            && writer.changes() > written + 300);
                    address.moveTo(replica.port());
                    first.awaitLog("Stopped: The binlog connection to", WAIT);
                    assertTrue(first.output().contains("reached server " + identity(kind, replica)), first.output());
                    assertEquals(503, Http.get(first.httpBase() + "/q/health/live").status(), first.output());
                } finally {
                    writer.close();
                }
                awaitReplicaHasEverything(kind, primary, replica);
                LocalStack.run(kind.script, Map.of(), "kill", kind.instance("primary"));
                LocalStack.run(kind.script, Map.of(), "promote", kind.instance("replica"));
                try (SluiceProcess second = SluiceProcess.start("failover", env)) {
                    second.awaitLog("Source switched", WAIT);
                    Map<Long, TopicReplica.Row> database = FaultWriter.rows(replica, TABLE);
                    Await.until(WAIT, "the topic to equal the promoted server's table",
                            () -> topicTable.compare(database).none());
                    assertTrue(second.isAlive(), second.output());
                }
                assertEquals(0, topicTable.lostVersions(), "lost versions: " + topicTable.examples());
                assertEquals(0, topicTable.impossible(), "changes after a delete: " + topicTable.examples());
            }
        } finally {
            LocalStack.run(kind.script, Map.of(), "reset", kind.instance("primary"));
            LocalStack.run(kind.script, Map.of(), "reset", kind.instance("replica"));
        }
    }

    private static String identity(Kind kind, DbServer server) {
        return (kind == Kind.MYSQL ? "" : "server_id=")
                + server.query(kind == Kind.MYSQL ? "SELECT @@server_uuid" : "SELECT @@server_id").get(0).get(0);
    }

    /** New servers each time: a run promotes the replica and kills the primary. */
    private static void startServers(Kind kind, Map<String, String> replicaConfig) {
        LocalStack.run(kind.script, Map.of(), "reset", kind.instance("primary"));
        LocalStack.run(kind.script, Map.of(), "reset", kind.instance("replica"));
        LocalStack.run(kind.script, Map.of(), "start", kind.instance("primary"), String.valueOf(kind.port));
        LocalStack.run(kind.script, replicaConfig, "start", kind.instance("replica"), String.valueOf(kind.port + 1));
        LocalStack.run(kind.script, Map.of(), "replicate", kind.instance("replica"), String.valueOf(kind.port));
    }

    private static void failOver(Kind kind, DbServer primary, DbServer replica, boolean exactlyOnce) {
        String name = "failover-" + UUID.randomUUID().toString().substring(0, 8);
        primary.execute("CREATE DATABASE failover");
        FaultWriter.createTable(primary, TABLE, 2_000);
        Map<String, String> env = SluiceProcess.env(primary, name, TABLE);
        env.put("SLUICE_SNAPSHOT_MODE", "initial");
        env.put("SLUICE_EXACTLY_ONCE", String.valueOf(exactlyOnce));
        String topic = name + "." + TABLE;
        try (TopicReplica topicTable = new TopicReplica(KafkaTopics.bootstrap(), topic,
                exactlyOnce ? "read_committed" : "read_uncommitted")) {
            SluiceProcess first = SluiceProcess.start("failover", env).awaitStreaming();
            // after the snapshot, which reads rows as they are: the topic then shows every version
            FaultWriter primaryWriter = new FaultWriter(primary, TABLE, 20, 400).start(2_000);
            try {
                primary.execute("ALTER TABLE " + TABLE + " ADD COLUMN extra INT NOT NULL DEFAULT 7");
                long written = primaryWriter.changes();
                Await.until(WAIT, "Sluice streaming the writer's changes", () -> topicTable.maxId() > 2_000
                        && primaryWriter.changes() > written + 500);
                first.freeze();
                long frozenAt = primaryWriter.changes();
                Await.until(WAIT, "changes Sluice has not read", () -> primaryWriter.changes() > frozenAt + 1_500);
            } finally {
                primaryWriter.close();
            }
            awaitReplicaHasEverything(kind, primary, replica);
            LocalStack.run(kind.script, Map.of(), "kill", kind.instance("primary"));
            first.kill();
            LocalStack.run(kind.script, Map.of(), "promote", kind.instance("replica"));

            Map<String, String> replicaEnv = new HashMap<>(env);
            replicaEnv.putAll(replica.sluiceEnv());
            FaultWriter replicaWriter = new FaultWriter(replica, TABLE, 21, 400)
                    .resume(FaultWriter.rows(replica, TABLE).keySet(), primaryWriter.nextId());
            try {
                try (SluiceProcess second = SluiceProcess.start("failover", replicaEnv)) {
                    second.awaitLog("Source switched", WAIT);
                    second.awaitStreaming();
                    replica.execute("ALTER TABLE " + TABLE + " ADD COLUMN more VARCHAR(10) DEFAULT 'x'");
                    long written = replicaWriter.changes();
                    Await.until(WAIT, "changes on the promoted server", () -> replicaWriter.changes() > written + 1_000);
                    second.kill();
                }
                try (SluiceProcess third = SluiceProcess.start("failover", replicaEnv)) {
                    third.awaitStreaming();
                    long written = replicaWriter.changes();
                    Await.until(WAIT, "changes after the restart", () -> replicaWriter.changes() > written + 500);
                    replicaWriter.close();
                    Map<Long, TopicReplica.Row> database = FaultWriter.rows(replica, TABLE);
                    Await.until(WAIT, "the topic to equal the promoted server's table",
                            () -> topicTable.compare(database).none());
                    assertTrue(third.isAlive(), third.output());
                    assertFalse(third.output().contains("Source switched"), "the offset now names the new server");
                }
            } finally {
                replicaWriter.close();
            }
            assertEquals(0, topicTable.lostVersions(), "lost versions: " + topicTable.examples());
            assertEquals(0, topicTable.impossible(), "changes after a delete: " + topicTable.examples());
            if (exactlyOnce) {
                assertEquals(0, topicTable.duplicates(), "exactly once across the failover, yet repeats: "
                        + topicTable.repeatExamples() + " " + topicTable.duplicateExamples());
            }
        }
    }

    /** Waits until the replica has applied every transaction the primary committed. */
    private static void awaitReplicaHasEverything(Kind kind, DbServer primary, DbServer replica) {
        try (Connection source = primary.admin(); Statement s = source.createStatement();
                ResultSet rs = s.executeQuery(kind.position)) {
            rs.next();
            String position = rs.getString(1).replace("\n", "");
            try (Connection target = replica.admin(); PreparedStatement wait = target.prepareStatement(kind.waitFor)) {
                wait.setString(1, position);
                try (ResultSet done = wait.executeQuery()) {
                    done.next();
                    assertEquals(0, done.getInt(1), "the replica applied " + position);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
