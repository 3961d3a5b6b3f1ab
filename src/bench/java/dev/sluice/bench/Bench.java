package dev.sluice.bench;

import dev.sluice.bench.BenchConfig.Server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;

/**
 * The benchmark: Sluice's snapshot, catch-up, live latency and large-transaction figures on the
 * local stack, each against the machine's own limits measured in the same run. Run through
 * {@code deploy/bench/run.sh [--quick]}; writes {@code report.md} and {@code report.json}.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        BenchConfig config = BenchConfig.fromEnv(quick);
        if (!Files.isRegularFile(config.jar())) {
            throw new IllegalStateException("no Sluice build at " + config.jar() + " (run ./mvnw package first)");
        }
        Report report = new Report();
        report.version("mode", quick ? "quick" : "full");
        report.version("Java", Runtime.version().toString());
        report.version("CPUs", Integer.toString(Runtime.getRuntime().availableProcessors()));
        report.version("Sluice commit", System.getenv().getOrDefault("BENCH_GIT_COMMIT", "unknown"));
        report.version("Sluice JVM options", String.join(" ", Files.readAllLines(config.jvmOptions())).trim());
        report.version("Sluice start-up cache", config.usesStartCache()
                ? Files.readString(config.startCacheOptions()).trim()
                        + " (made by deploy/docker/start-cache.sh, as the image does)" : "none");
        report.version("Kafka", kafkaVersion(config.kafkaLib()));
        report.version("sizes", "snapshot " + config.snapshotRows() + " rows, backlog " + config.backlogEvents()
                + " events (short: " + config.shortBacklogEvents() + "), records " + config.recordSizes()
                + ", large transaction " + config.bigTransactionRows() + " rows, latency "
                + config.latencySeconds() + " s per rate, " + config.repetitions() + " repetitions");
        try (KafkaProbe kafka = new KafkaProbe(config.bootstrap())) {
            int partitions = kafka.brokerPartitions();
            report.version("Kafka partitions at the start", Integer.toString(partitions));
            if (partitions > 1_000) {
                // 10,000 partitions left by test runs once raised the live p99 from 14 ms to over 200 ms
                report.note("The broker held " + partitions + " partitions when the run began: a crowded broker"
                        + " slows every figure here, latency most; deploy/local/kafka.sh delete-topics clears old ones");
            }
            for (Server server : config.servers()) {
                report.version(server.label(), serverVersion(server));
                for (String recordSize : config.recordSizes()) {
                    new Scenarios(config, server, recordSize, kafka, report).runAll();
                }
            }
        }
        report.write(config.reportDir());
        System.out.println(report.markdown());
        System.out.println("Report: " + config.reportDir().resolve("report.md") + " (and report.json)");
    }

    private static String serverVersion(Server server) throws Exception {
        try (Connection c = new OrdersTable(server).connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String kafkaVersion(Path lib) throws Exception {
        try (var files = Files.list(lib)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("kafka-clients-"))
                    .map(n -> n.substring("kafka-clients-".length(), n.length() - ".jar".length()))
                    .findFirst().orElse("unknown");
        }
    }
}
