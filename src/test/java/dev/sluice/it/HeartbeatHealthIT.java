package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.offset.SourceOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.sluice.it.ChangeEvents.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Heartbeats on both layers, readiness that follows MySQL and Kafka, and lag metrics. */
class HeartbeatHealthIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void heartbeatRecordsArriveAndTheOffsetMovesOnAnIdleDatabase() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "hbrw")) {
            server.execute("CREATE TABLE " + db.name() + ".heartbeat (id INT AUTO_INCREMENT PRIMARY KEY, text TEXT,"
                    + " last_update TIMESTAMP DEFAULT CURRENT_TIMESTAMP)",
                    "CREATE TABLE " + db.name() + ".quiet (id INT PRIMARY KEY)");
            Map<String, String> env = SluiceProcess.env(server, db.connector(), db.name() + ".quiet");
            env.put("SLUICE_HEARTBEAT_INTERVAL", "1s");
            env.put("SLUICE_HEARTBEAT_TABLE", db.name() + ".heartbeat");
            env.put("SLUICE_MYSQL_USER", server.adminUser()); // writes the heartbeat table
            env.put("SLUICE_MYSQL_PASSWORD", server.adminPassword());
            try (SluiceProcess sluice = SluiceProcess.start("heartbeat-read-write", env)) {
                sluice.awaitStreaming();
                List<ConsumerRecord<String, String>> beats = KafkaTopics.await("__sluice-heartbeat." + db.connector(),
                        4, WAIT);
                assertEquals("{\"serverName\":\"" + db.connector() + "\"}", beats.get(0).key());
                long first = parse(beats.get(0).value()).get("ts_ms").asLong();
                long last = parse(beats.get(beats.size() - 1).value()).get("ts_ms").asLong();
                assertTrue(last - first >= 1_000 * (beats.size() - 2), "one heartbeat per interval: " + beats);

                SourceOffset before = latestOffset(db.connector());
                Await.until(WAIT, "the offset to move past heartbeat-table writes", () -> {
                    SourceOffset now = latestOffset(db.connector());
                    return now != null && before != null && !now.equals(before);
                });
                assertTrue(server.query("SELECT text FROM " + db.name() + ".heartbeat WHERE id = 1").get(0).get(0)
                        .startsWith("sluice "), "Sluice wrote row 1 of the heartbeat table");
                assertTrue(Http.metric(sluice.httpBase(), "sluice_heartbeat_writes_total", "result=\"ok\"") >= 1);
            }
        }
    }

    private static SourceOffset latestOffset(String connector) {
        SourceOffset latest = null;
        for (ConsumerRecord<String, String> record : KafkaTopics.read(connector + ".offsets")) {
            if (connector.equals(record.key())) {
                latest = SourceOffset.fromJson(record.value().getBytes(StandardCharsets.UTF_8));
            }
        }
        return latest;
    }

    @Test
    void readOnlyModeWatchesThePrimarysHeartbeatEvent() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "hbro")) {
            String table = db.name() + ".heartbeat";
            server.execute("CREATE TABLE " + table + " (id INT AUTO_INCREMENT PRIMARY KEY, text TEXT,"
                    + " last_update TIMESTAMP DEFAULT CURRENT_TIMESTAMP)",
                    "INSERT INTO " + table + " (text) VALUES ('test_heartbeat')",
                    "CREATE EVENT " + db.name() + ".beat ON SCHEDULE EVERY 1 SECOND DO UPDATE " + table
                            + " SET text = 'updated_heartbeat', last_update = CURRENT_TIMESTAMP WHERE id = 1");
            Map<String, String> env = SluiceProcess.env(server, db.connector(), table);
            env.put("SLUICE_READ_ONLY", "true");
            env.put("SLUICE_HEARTBEAT_TABLE", table);
            env.put("SLUICE_HEARTBEAT_MAX_AGE", "6s");
            try (SluiceProcess sluice = SluiceProcess.start("heartbeat-read-only", env)) {
                sluice.awaitStreaming();
                String base = sluice.httpBase();
                Await.until(WAIT, "a heartbeat row seen and readiness UP", () -> {
                    Http.Response ready = Http.get(base + "/q/health/ready");
                    return ready.status() == 200 && ready.body().contains("heartbeatLagMs");
                });
                double lag = Http.metric(base, "sluice_heartbeat_lag_ms");
                assertTrue(lag >= -1000 && lag < 10_000, "heartbeat lag is the replication path's, not a guess: " + lag);
                assertTrue(sluice.output().contains("Streaming from") && !server.query(
                        "SELECT text FROM " + table + " WHERE id = 1").get(0).get(0).startsWith("sluice"),
                        "read-only: Sluice wrote nothing");

                server.execute("ALTER EVENT " + db.name() + ".beat DISABLE");
                Await.until(WAIT, "readiness DOWN once heartbeats stop", () -> {
                    Http.Response ready = Http.get(base + "/q/health/ready");
                    return ready.status() == 503 && ready.body().contains("event_scheduler=ON");
                });
                assertEquals(200, Http.get(base + "/q/health/live").status(), "liveness stays UP");
            } finally {
                server.execute("DROP EVENT IF EXISTS " + db.name() + ".beat");
            }
        }
    }

    /** Dedicated MySQL and Kafka instances, stopped and started without disturbing the rest of the suite. */
    @Test
    void readinessFollowsMysqlAndKafkaAndLivenessStaysUp() throws Exception {
        String mysqlName = "health";
        String kafkaName = "health";
        int mysqlPort = 13316;
        int kafkaPort = 19192;
        try {
            stack("mysql.sh", "start", mysqlName, mysqlPort);
            stack("kafka.sh", "start", kafkaName, kafkaPort);
            DbServer server = new DbServer("MySQL 9.7 (health)", "127.0.0.1", mysqlPort, "admin", "admin-pw",
                    "sluice", "sluice-pw");
            server.execute("CREATE DATABASE IF NOT EXISTS hdb", "CREATE TABLE IF NOT EXISTS hdb.t (id INT PRIMARY KEY)");
            Map<String, String> env = SluiceProcess.env(server, "health-check", "hdb.*");
            env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort);
            env.put("SLUICE_HEALTH_MAX_SILENCE", "8s");
            env.put("SLUICE_HEARTBEAT_INTERVAL", "1s");
            try (SluiceProcess sluice = SluiceProcess.start("health-follows-servers", env)) {
                sluice.awaitStreaming();
                String base = sluice.httpBase();
                awaitReady(base, 200, "UP at start");

                stack("mysql.sh", "stop", mysqlName, mysqlPort);
                awaitReady(base, 503, "DOWN with MySQL stopped");
                assertEquals(200, Http.get(base + "/q/health/live").status(), "liveness UP while MySQL is away");
                stack("mysql.sh", "start", mysqlName, mysqlPort);
                awaitReady(base, 200, "UP again with MySQL back");

                stack("kafka.sh", "stop", kafkaName, kafkaPort);
                awaitReady(base, 503, "DOWN with Kafka stopped");
                assertEquals(200, Http.get(base + "/q/health/live").status(), "liveness UP while Kafka is away");
                stack("kafka.sh", "start", kafkaName, kafkaPort);
                awaitReady(base, 200, "UP again with Kafka back");

                server.execute("INSERT INTO hdb.t VALUES (" + System.nanoTime() % 1_000_000 + ")");
                Await.until(WAIT, "the stream to deliver after both came back",
                        () -> Http.metric(base, "sluice_events_total", "op=\"c\"") >= 1);
            }
        } finally {
            stack("kafka.sh", "wipe", kafkaName, kafkaPort); // its topics were this test's alone
            stack("mysql.sh", "stop", mysqlName, mysqlPort);
        }
    }

    private static void awaitReady(String base, int status, String what) {
        List<String> seen = new ArrayList<>();
        try {
            Await.until(WAIT, "readiness " + what, () -> {
                Http.Response ready = Http.get(base + "/q/health/ready");
                seen.add(0, ready.body());
                return ready.status() == status;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last response: " + (seen.isEmpty() ? "none" : seen.get(0)), e);
        }
    }

    /** Runs a local-stack script (deploy/local) for a dedicated instance. */
    static void stack(String script, String action, String name, int port) throws IOException, InterruptedException {
        Path scripts = Path.of(System.getProperty("sluice.stack.scripts", "deploy/local"));
        Process process = new ProcessBuilder("bash", scripts.resolve(script).toString(), action, name,
                String.valueOf(port)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(script + " " + action + " " + name + " failed:\n" + output);
        }
    }

    /** Every metric the Grafana dashboard (deploy/grafana) queries is one Sluice exports. */
    private static void assertDashboardMetricsExist(String base) {
        String metrics = Http.get(base + "/q/metrics").body();
        String dashboard;
        try {
            dashboard = java.nio.file.Files.readString(Path.of("deploy/grafana/sluice-dashboard.json"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        java.util.regex.Matcher names = java.util.regex.Pattern.compile("sluice_[a-z_]+").matcher(dashboard);
        List<String> missing = new ArrayList<>();
        while (names.find()) {
            if (!metrics.contains("\n" + names.group() + "{") && !missing.contains(names.group())) {
                missing.add(names.group());
            }
        }
        assertTrue(missing.isEmpty(), "metrics the dashboard queries but Sluice does not export: " + missing);
    }

    @Test
    void binlogDistanceAndLagAfterARestartWithABacklog() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "hbbacklog")) {
            String table = db.name() + ".items";
            server.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, payload VARCHAR(500))");
            Map<String, String> env = SluiceProcess.env(server, db.connector(), table);
            env.put("SLUICE_METRICS_BINLOG_POLL_INTERVAL", "200ms");
            try (SluiceProcess sluice = SluiceProcess.start("health-backlog", env)) {
                sluice.awaitStreaming();
                sluice.stop();
            }
            String filler = "x".repeat(400);
            for (int from = 1; from <= 60_000; from += 1_000) {
                StringBuilder insert = new StringBuilder("INSERT INTO " + table + " VALUES ");
                for (int id = from; id < from + 1_000; id++) {
                    insert.append(id == from ? "" : ",").append('(').append(id).append(",'").append(filler).append("')");
                }
                server.execute(insert.toString());
            }
            try (SluiceProcess sluice = SluiceProcess.start("health-backlog", env)) {
                sluice.awaitStreaming();
                String base = sluice.httpBase();
                double[] maxBehind = {0};
                Await.until(WAIT, "the backlog read and the distance back to 0", () -> {
                    double behind = Http.metric(base, "sluice_binlog_bytes_behind");
                    maxBehind[0] = Math.max(maxBehind[0], behind);
                    return behind == 0 && KafkaTopics.read(db.topic("items")).size() >= 60_000;
                });
                assertTrue(maxBehind[0] > 0, "the distance was above 0 while the backlog was read");
                double lag = Http.metric(base, "sluice_lag_ms");
                assertTrue(lag >= 0 && lag < 600_000, "lag after the restart is the backlog's age at most: " + lag);
                JsonNode ready = Http.get(base + "/q/health/ready").json();
                assertEquals("UP", ready.get("status").asText());
                assertDashboardMetricsExist(base);
            }
        }
    }
}
