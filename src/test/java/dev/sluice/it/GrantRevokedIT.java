package dev.sluice.it;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The account loses a privilege while Sluice streams, and its binlog connection is cut: the
 * reconnect is refused for good, so the pipeline stops (liveness DOWN) with the GRANT that fixes
 * it instead of retrying a request that cannot succeed; every change read before is delivered.
 */
class GrantRevokedIT {

    private static final Duration LONG = Duration.ofSeconds(120);

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    @Test
    void aRevokedReplicationGrantStopsSluiceNamingTheGrant() {
        DbServer server = DbServer.mysql();
        String user = "sluice_revoked";
        server.execute("DROP USER IF EXISTS '" + user + "'@'%'",
                "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'revoked-pw'",
                "GRANT REPLICATION SLAVE, REPLICATION CLIENT, RELOAD, SHOW DATABASES, SELECT ON *.* TO '" + user
                        + "'@'%'");
        try (TestDatabase db = new TestDatabase(server, "revoked")) {
            server.execute("CREATE TABLE " + db.name() + ".t (id INT PRIMARY KEY)");
            Map<String, String> env = SluiceProcess.env(server, db.connector(), db.name() + ".t");
            env.put("SLUICE_SNAPSHOT_MODE", "never");
            env.put("SLUICE_MYSQL_USER", user);
            env.put("SLUICE_MYSQL_PASSWORD", "revoked-pw");
            try (SluiceProcess sluice = SluiceProcess.start("grant-revoked", env).awaitStreaming()) {
                server.execute("INSERT INTO " + db.name() + ".t VALUES (1)");
                server.execute("REVOKE REPLICATION SLAVE ON *.* FROM '" + user + "'@'%'");
                server.execute("INSERT INTO " + db.name() + ".t VALUES (2)");
                KafkaTopics.awaitKeys(db.topic("t"), 2, LONG);
                for (List<String> dump : server.query("SELECT id FROM information_schema.processlist WHERE user = '"
                        + user + "' AND command LIKE 'Binlog Dump%'")) {
                    server.execute("KILL " + dump.get(0));
                }
                sluice.awaitLog("Stopped: ", LONG);
                Await.until(LONG, "liveness DOWN, so that the orchestrator restarts Sluice",
                        () -> Http.get(sluice.httpBase() + "/q/health/live").status() == 503);
                String out = sluice.output();
                assertEquals(1, count(out, "Stopped: MySQL at"), "stopped once, no retries:\n" + out);
                String refused = out.substring(out.indexOf("Access denied"));
                assertFalse(refused.contains(" interrupted: "), "no retry after the refusal:\n" + refused);
                assertTrue(out.contains("REPLICATION SLAVE"), out);
                assertTrue(out.contains("GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '" + user + "'"), out);
                assertFalse(out.contains("\tat "), "no stack trace:\n" + out);
            }
        } finally {
            server.execute("DROP USER IF EXISTS '" + user + "'@'%'");
        }
    }
}
