package dev.sluice.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault suite: Sluice against a MySQL and a Kafka of its own, under a seeded writer, with
 * faults on a seeded schedule (Sluice killed, stopped and frozen; MySQL killed, restarted and
 * frozen; Kafka killed and restarted; the binlog connection half-open). Afterwards the table
 * rebuilt from the topic must equal the database, with no version of a row lost. The report
 * ({@code target/it-logs/faults-report.md}) gives each fault's recovery time (its end to the
 * first new record), how soon readiness failed, and the duplicates it caused.
 * <p>
 * The build runs each fault kind once ({@code -Dfaults.kinds=SLUICE_KILL,HALF_OPEN} chooses kinds); {@code deploy/faults/run.sh} runs the long schedule
 * ({@code -Dfaults.rounds=5}); {@code -Dfaults.seed} repeats a schedule. With
 * {@code -Dfaults.exactlyOnce=true} Sluice runs with SLUICE_EXACTLY_ONCE, the topic is read with
 * read_committed, and no change may arrive twice. The build also runs a short exactly-once round
 * of Kafka's, MySQL's and Sluice's restarts ({@code faults-report-exactly-once.md}).
 */
class FaultSuiteIT {

    private static final int MYSQL_PORT = 13356;
    private static final int KAFKA_PORT = 19592;
    private static final Duration MAX_SILENCE = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(300);
    private static final DbServer MYSQL = new DbServer("MySQL 9.7 (faults)", "127.0.0.1", MYSQL_PORT, "admin",
            "admin-pw", "sluice", "sluice-pw");
    private static DedicatedKafka kafka;

    @BeforeAll
    static void startServers() {
        mysql("start");
        kafka = DedicatedKafka.start("faults", KAFKA_PORT);
    }

    @AfterAll
    static void stopServers() {
        try {
            mysql("thaw");
        } catch (AssertionError notFrozen) {
            // running or gone
        }
        mysql("stop");
        if (kafka != null) {
            kafka.close();
        }
    }

    private static void mysql(String action) {
        LocalStack.run("mysql.sh", Map.of(), action, "faults", String.valueOf(MYSQL_PORT));
    }

    enum Kind {
        SLUICE_KILL, SLUICE_TERM, SLUICE_FREEZE, MYSQL_KILL, MYSQL_RESTART, MYSQL_FREEZE, KAFKA_KILL, KAFKA_RESTART,
        HALF_OPEN
    }

    /** One fault as it happened: when it began and ended, and what followed. */
    static final class Fault {
        final Kind kind;
        long start;
        long end;
        /** From the fault's start to readiness failing; -1 when not observed (or not checked). */
        long readinessDownMillis = -1;
        long firstRecord = -1;
        long duplicates;
        /** How long before the fault the earliest record it made Sluice send again was first sent. */
        long repeatedMillis;
        /** How long before the fault the last offset was committed. */
        long lastCommitAge = -1;

        Fault(Kind kind) {
            this.kind = kind;
        }

        long recoveryMillis() {
            return firstRecord < 0 ? -1 : firstRecord - end;
        }
    }

    @Test
    void everyFaultLosesNothing() throws IOException {
        List<Kind> kinds = System.getProperty("faults.kinds", "").isBlank() ? List.of(Kind.values())
                : Arrays.stream(System.getProperty("faults.kinds").split(",")).map(k -> Kind.valueOf(k.trim())).toList();
        run(kinds, Integer.getInteger("faults.rounds", 1), Boolean.getBoolean("faults.exactlyOnce"), "faults-report.md");
    }

    /**
     * Exactly once across what the test above runs at least once: Kafka killed and restarted,
     * MySQL restarted, Sluice killed. A read_committed consumer may see no change twice.
     */
    @Test
    void exactlyOnceAcrossKafkaMysqlAndSluiceRestarts() throws IOException {
        run(List.of(Kind.KAFKA_KILL, Kind.MYSQL_RESTART, Kind.SLUICE_KILL), 1, true, "faults-report-exactly-once.md");
    }

    private void run(List<Kind> kinds, int rounds, boolean exactlyOnce, String reportName) throws IOException {
        long seed = Long.getLong("faults.seed", new Random().nextLong());
        int rate = Integer.getInteger("faults.rate", 1_000);
        System.out.printf("fault suite: seed %d, %d round(s), %d changes/s%s%n", seed, rounds, rate,
                exactlyOnce ? ", exactly once" : "");
        Random random = new Random(seed);
        List<Kind> schedule = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            schedule.addAll(kinds);
        }
        Collections.shuffle(schedule, random);

        try (TestDatabase db = new TestDatabase(MYSQL, "faults");
                FaultProxy proxy = new FaultProxy(MYSQL_PORT)) {
            String table = db.name() + ".rows";
            int initialRows = 5_000;
            FaultWriter.createTable(MYSQL, table, initialRows);
            String topic = db.topic("rows");
            // broker append times, so a record's time is when it became visible, not when it was produced
            KafkaTopics.create(kafka.bootstrap(), topic, Map.of("message.timestamp.type", "LogAppendTime"));
            DbServer viaProxy = new DbServer(MYSQL.label(), "127.0.0.1", proxy.port(), "admin", "admin-pw", "sluice",
                    "sluice-pw");
            Map<String, String> env = SluiceProcess.env(viaProxy, db.connector(), table);
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrap());
            env.put("SLUICE_SNAPSHOT_MODE", "initial");
            env.put("SLUICE_HEALTH_MAX_SILENCE", MAX_SILENCE.toSeconds() + "s");
            env.put("SLUICE_MYSQL_READ_TIMEOUT", "30s");
            env.put("SLUICE_EXACTLY_ONCE", String.valueOf(exactlyOnce));
            List<Fault> faults = new ArrayList<>();
            long began = System.currentTimeMillis();
            Path sluiceLog = Path.of(System.getProperty("sluice.test.logs", "target/it-logs"), "faults.log");
            long logStart = Files.exists(sluiceLog) ? Files.size(sluiceLog) : 0;
            FaultWriter writer = new FaultWriter(MYSQL, table, seed, rate);
            SluiceProcess[] sluice = {SluiceProcess.start("faults", env)};
            try (TopicReplica replica = new TopicReplica(kafka.bootstrap(), topic,
                    exactlyOnce ? "read_committed" : "read_uncommitted")) {
                sluice[0].awaitStreaming();
                Await.until(WAIT, "the snapshot in the topic", () -> replica.records() >= initialRows);
                writer.start(initialRows);
                for (int i = 0; i < schedule.size(); i++) {
                    if (i % kinds.size() == kinds.size() / 2) { // once a round, between two faults
                        long done = writer.largeUpdates();
                        writer.largeUpdate(10_000);
                        Await.until(WAIT, "the large update", () -> writer.largeUpdates() > done);
                    }
                    long quietRecords = 2_000 + random.nextInt(4_000);
                    long from = System.currentTimeMillis();
                    Await.until(WAIT, quietRecords + " records between faults",
                            () -> replica.recordsSince(from) >= quietRecords);
                    // caught up: a fault in the middle of a catch-up repeats more records in the same time; an
                    // insert committed from now on follows everything before it (a large update too) in the binlog
                    long before = writer.lastCommittedId();
                    Await.until(WAIT, "the writer's next insert", () -> writer.lastCommittedId() > before);
                    long written = writer.lastCommittedId();
                    Await.until(WAIT, "Sluice to catch up with the writer", () -> replica.maxId() >= written);
                    Fault fault = new Fault(schedule.get(i));
                    inject(fault, sluice, env, proxy, random);
                    faults.add(fault);
                    Await.until(WAIT, "a record after " + fault.kind, () -> replica.firstRecordAtOrAfter(fault.end) > 0);
                    fault.firstRecord = replica.firstRecordAtOrAfter(fault.end);
                    assertTrue(sluice[0].isAlive(), fault.kind + ": Sluice exited on a transient failure:\n"
                            + sluice[0].output());
                    System.out.printf("fault %d/%d %s: recovered %d ms after its end%n", i + 1, schedule.size(),
                            fault.kind, fault.recoveryMillis());
                }
                writer.close();
                Map<Long, TopicReplica.Row> database = FaultWriter.rows(MYSQL, table);
                try {
                    Await.until(WAIT, "the topic to catch up with the database",
                            () -> replica.compare(database).none());
                } catch (AssertionError stillDiffers) {
                    // the report and the assertions below say how
                }
                for (int i = 0; i < faults.size(); i++) {
                    long until = i + 1 < faults.size() ? faults.get(i + 1).start : Long.MAX_VALUE;
                    faults.get(i).duplicates = replica.duplicatesBetween(faults.get(i).start, until);
                    faults.get(i).repeatedMillis = replica.repeatedSpan(faults.get(i).start, until);
                }
                List<Long> commits = KafkaTopics.read(kafka.bootstrap(), db.connector() + ".offsets").stream()
                        .map(r -> r.timestamp()).sorted().toList();
                for (Fault fault : faults) {
                    fault.lastCommitAge = commits.stream().filter(t -> t <= fault.start)
                            .reduce((a, b) -> b).map(t -> fault.start - t).orElse(-1L);
                }
                TopicReplica.Differences differences = replica.compare(database);
                String report = FaultReport.render(seed, rounds, rate, System.currentTimeMillis() - began, faults,
                        writer, replica, differences, database.size(), MAX_SILENCE);
                Path file = Path.of(System.getProperty("sluice.test.logs", "target/it-logs"), reportName);
                Files.createDirectories(file.getParent());
                Files.writeString(file, report);
                System.out.println(report);
                assertTrue(differences.none(), "the rebuilt table differs: " + differences);
                assertEquals(0, replica.lostVersions(), "lost versions: " + replica.examples());
                assertEquals(0, replica.impossible(), "changes after a delete: " + replica.examples());
                if (exactlyOnce) {
                    assertEquals(0, replica.duplicates(), "exactly once, yet a read_committed consumer saw repeats");
                }
                List<String> repeated = repeatedWarnings(sluiceLog, logStart);
                assertTrue(repeated.isEmpty(), "one warning per failure, not one per retry: " + repeated);
                for (Fault fault : faults) {
                    if (fault.kind == Kind.MYSQL_FREEZE || fault.kind == Kind.HALF_OPEN) {
                        assertTrue(fault.readinessDownMillis >= 0, fault.kind + ": readiness never failed");
                    }
                }
            } finally {
                writer.close();
                sluice[0].close();
            }
        }
    }

    /** Injects the fault and returns once it has ended (the server or Sluice is started again, the path healed). */
    private void inject(Fault fault, SluiceProcess[] sluice, Map<String, String> env, FaultProxy proxy, Random random) {
        fault.start = System.currentTimeMillis();
        switch (fault.kind) {
            case SLUICE_KILL -> {
                sluice[0].kill();
                sluice[0] = SluiceProcess.start("faults", env);
            }
            case SLUICE_TERM -> {
                int status = sluice[0].stop();
                assertTrue(status == 0 || status == 143, "a SIGTERM ended Sluice with status " + status);
                sluice[0] = SluiceProcess.start("faults", env);
            }
            case SLUICE_FREEZE -> {
                sluice[0].freeze();
                hold(5_000 + random.nextInt(10_000));
                sluice[0].thaw();
            }
            case MYSQL_KILL -> {
                mysql("kill");
                mysql("start");
            }
            case MYSQL_RESTART -> {
                mysql("stop");
                mysql("start");
            }
            case MYSQL_FREEZE -> {
                mysql("freeze");
                try {
                    fault.readinessDownMillis = awaitNotReady(sluice[0], fault.start);
                } finally {
                    mysql("thaw");
                }
            }
            case KAFKA_KILL -> {
                kafka.kill();
                kafka.start();
            }
            case KAFKA_RESTART -> {
                kafka.stop();
                kafka.start();
            }
            case HALF_OPEN -> {
                proxy.cut();
                try {
                    fault.readinessDownMillis = awaitNotReady(sluice[0], fault.start);
                } finally {
                    proxy.heal();
                }
            }
        }
        fault.end = System.currentTimeMillis();
    }

    /** Waits until readiness fails (at most three times the allowed silence); returns how long that took, or -1. */
    private static long awaitNotReady(SluiceProcess sluice, long since) {
        String url = sluice.httpBase() + "/q/health/ready";
        long deadline = since + 3 * MAX_SILENCE.toMillis();
        while (System.currentTimeMillis() < deadline) {
            if (Http.get(url).status() == 503) {
                return System.currentTimeMillis() - since;
            }
            hold(250);
        }
        return -1;
    }

    /** A fault's duration: the schedule's, not a wait for a condition. */
    private static void hold(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Interruption warnings that repeat the one before without a recovery between them (a new
     * stream, or a new process): an outage must not log a warning per retry.
     */
    private static List<String> repeatedWarnings(Path log, long from) throws IOException {
        List<String> repeated = new ArrayList<>();
        String last = null;
        String text = Files.readString(log);
        for (String line : text.substring((int) Math.min(from, text.length())).split("\n")) {
            if (line.contains("Streaming from") || line.startsWith("=== start")) {
                last = null;
            } else if (line.contains(" WARN ") && line.contains(" interrupted: ")) {
                String message = line.substring(line.indexOf(" interrupted: "));
                if (message.equals(last)) {
                    repeated.add(line);
                }
                last = message;
            }
        }
        return repeated;
    }
}
