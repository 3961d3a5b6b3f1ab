package dev.sluice.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failover of the source with real replication: a MySQL 9.7 primary and a replica with GTID
 * auto-positioning (deploy/local/mysql.sh replicate). Sluice streams from the primary under a
 * writer and falls behind (frozen); the primary dies with transactions Sluice has not read; the
 * replica is promoted and Sluice, under the same name, pointed at it. It resumes by GTID set and
 * reads what it missed from the replica's binlog, whose files and positions are other ones. A
 * schema change on each side of the switch and a restart on the new server check the schema
 * history across it. The topic, rebuilt, must equal the promoted server's table.
 */
class FailoverIT {

    private static final int PRIMARY_PORT = 13350;
    private static final int REPLICA_PORT = 13351;
    private static final DbServer PRIMARY = new DbServer("MySQL 9.7 (primary)", "127.0.0.1", PRIMARY_PORT, "admin",
            "admin-pw", "sluice", "sluice-pw");
    private static final DbServer REPLICA = new DbServer("MySQL 9.7 (replica)", "127.0.0.1", REPLICA_PORT, "admin",
            "admin-pw", "sluice", "sluice-pw");
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final String TABLE = "failover.rows";

    @BeforeAll
    static void startServers() {
        stopServers(); // new servers: a previous run promoted the replica and killed the primary
        LocalStack.run("mysql.sh", Map.of(), "start", "fo-primary", String.valueOf(PRIMARY_PORT));
        // binlog files of another name, as replicas often have: the primary's file names mean nothing there
        LocalStack.run("mysql.sh", Map.of("MYSQLD_EXTRA_CNF", "log-bin=replica-bin"), "start", "fo-replica",
                String.valueOf(REPLICA_PORT));
        LocalStack.run("mysql.sh", Map.of(), "replicate", "fo-replica", String.valueOf(PRIMARY_PORT));
    }

    @AfterAll
    static void stopServers() {
        LocalStack.run("mysql.sh", Map.of(), "reset", "fo-primary");
        LocalStack.run("mysql.sh", Map.of(), "reset", "fo-replica");
    }

    @Test
    void afterTheReplicaIsPromotedSluiceResumesThereWithoutLosingAChange() {
        String name = "failover-" + UUID.randomUUID().toString().substring(0, 8);
        PRIMARY.execute("CREATE DATABASE failover");
        FaultWriter.createTable(PRIMARY, TABLE, 2_000);
        Map<String, String> env = SluiceProcess.env(PRIMARY, name, TABLE);
        env.put("SLUICE_SNAPSHOT_MODE", "initial");
        String topic = name + "." + TABLE;
        try (TopicReplica topicTable = new TopicReplica(KafkaTopics.bootstrap(), topic)) {
            SluiceProcess first = SluiceProcess.start("failover", env).awaitStreaming();
            // after the snapshot, which reads rows as they are: the topic then shows every version
            FaultWriter primaryWriter = new FaultWriter(PRIMARY, TABLE, 20, 400).start(2_000);
            try {
                PRIMARY.execute("ALTER TABLE " + TABLE + " ADD COLUMN extra INT NOT NULL DEFAULT 7");
                long written = primaryWriter.changes();
                Await.until(WAIT, "Sluice streaming the writer's changes", () -> topicTable.maxId() > 2_000
                        && primaryWriter.changes() > written + 500);
                first.freeze();
                long frozenAt = primaryWriter.changes();
                Await.until(WAIT, "changes Sluice has not read", () -> primaryWriter.changes() > frozenAt + 1_500);
            } finally {
                primaryWriter.close();
            }
            awaitReplicaHasEverything();
            LocalStack.run("mysql.sh", Map.of(), "kill", "fo-primary");
            first.kill();
            LocalStack.run("mysql.sh", Map.of(), "promote", "fo-replica");

            Map<String, String> replicaEnv = new HashMap<>(env);
            replicaEnv.putAll(REPLICA.sluiceEnv());
            FaultWriter replicaWriter = new FaultWriter(REPLICA, TABLE, 21, 400)
                    .resume(rows(REPLICA).keySet(), primaryWriter.nextId());
            try {
                try (SluiceProcess second = SluiceProcess.start("failover", replicaEnv)) {
                    second.awaitLog("Source switched", WAIT);
                    second.awaitStreaming();
                    REPLICA.execute("ALTER TABLE " + TABLE + " ADD COLUMN more VARCHAR(10) DEFAULT 'x'");
                    long written = replicaWriter.changes();
                    Await.until(WAIT, "changes on the promoted server", () -> replicaWriter.changes() > written + 1_000);
                    second.kill();
                }
                try (SluiceProcess third = SluiceProcess.start("failover", replicaEnv)) {
                    third.awaitStreaming();
                    long written = replicaWriter.changes();
                    Await.until(WAIT, "changes after the restart", () -> replicaWriter.changes() > written + 500);
                    replicaWriter.close();
                    Map<Long, TopicReplica.Row> database = rows(REPLICA);
                    Await.until(WAIT, "the topic to equal the promoted server's table",
                            () -> topicTable.compare(database).none());
                    assertTrue(third.isAlive(), third.output());
                    assertTrue(!third.output().contains("Source switched"), "the offset now names the new server");
                }
            } finally {
                replicaWriter.close();
            }
            assertEquals(0, topicTable.lostVersions(), "lost versions: " + topicTable.examples());
            assertEquals(0, topicTable.impossible(), "changes after a delete: " + topicTable.examples());
        }
    }

    /** Waits until the replica has applied every transaction the primary committed. */
    private static void awaitReplicaHasEverything() {
        try (Connection primary = PRIMARY.admin(); Statement s = primary.createStatement();
                ResultSet rs = s.executeQuery("SELECT @@GLOBAL.gtid_executed")) {
            rs.next();
            String executed = rs.getString(1).replace("\n", "");
            try (Connection replica = REPLICA.admin();
                    PreparedStatement wait = replica.prepareStatement("SELECT WAIT_FOR_EXECUTED_GTID_SET(?, 120)")) {
                wait.setString(1, executed);
                try (ResultSet done = wait.executeQuery()) {
                    done.next();
                    assertEquals(0, done.getInt(1), "the replica applied " + executed);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<Long, TopicReplica.Row> rows(DbServer server) {
        Map<Long, TopicReplica.Row> rows = new HashMap<>();
        try (Connection c = server.admin(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, v, payload FROM " + TABLE)) {
            while (rs.next()) {
                rows.put(rs.getLong(1), new TopicReplica.Row(rs.getInt(2), rs.getString(3)));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
