package dev.sluice.bench;

import dev.sluice.bench.BenchConfig.Server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One Sluice process, started from the packaged jar with the container's JVM options. */
final class SluiceUnderTest implements AutoCloseable {

    private final Process process;
    private final Path log;
    final long startNanos;

    private SluiceUnderTest(Process process, Path log, long startNanos) {
        this.process = process;
        this.log = log;
        this.startNanos = startNanos;
    }

    static SluiceUnderTest start(BenchConfig config, Server server, String name, String snapshotMode,
            Map<String, String> extraEnv) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("@" + config.jvmOptions().toAbsolutePath());
        if (config.usesStartCache()) {
            command.add("@" + config.startCacheOptions().toAbsolutePath());
        }
        command.add("-jar");
        command.add(config.jar().toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("SLUICE_") || k.startsWith("KAFKA_") || k.startsWith("QUARKUS_"));
        env.put("SLUICE_NAME", name);
        env.put("SLUICE_MYSQL_HOST", server.host());
        env.put("SLUICE_MYSQL_PORT", String.valueOf(server.port()));
        env.put("SLUICE_MYSQL_USER", server.user());
        env.put("SLUICE_MYSQL_PASSWORD", server.password());
        env.put("SLUICE_MYSQL_SSL_MODE", "disabled");
        // plaintext on the local stack: caching_sha2_password then needs the server's RSA key
        env.put("SLUICE_MYSQL_ALLOW_PUBLIC_KEY_RETRIEVAL", "true");
        env.put("SLUICE_TABLES", OrdersTable.DATABASE + "." + OrdersTable.TABLE);
        env.put("SLUICE_SNAPSHOT_MODE", snapshotMode);
        env.put("SLUICE_HTTP_PORT", "0");
        env.put("KAFKA_BOOTSTRAP_SERVERS", config.bootstrap());
        env.putAll(extraEnv);
        System.getenv().forEach((key, value) -> {
            if (key.startsWith("BENCH_SLUICE_") || key.startsWith("BENCH_KAFKA_")) {
                env.put(key.substring("BENCH_".length()), value); // the operator's tuning, to compare settings
            }
        });
        Files.createDirectories(config.reportDir().resolve("logs"));
        Path log = config.reportDir().resolve("logs").resolve(name + ".log");
        builder.redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        long start = System.nanoTime();
        return new SluiceUnderTest(builder.start(), log, start);
    }

    /** Waits for a line in Sluice's log; fails with the log's tail if the process exits first. */
    void awaitLog(String text, long timeoutSeconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Sluice exited before '" + text + "':\n" + tail());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no '" + text + "' in " + timeoutSeconds + " s:\n" + tail());
    }

    void checkAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("Sluice exited (code " + process.exitValue() + "):\n" + tail());
        }
    }

    /** The process's peak resident set size so far (VmHWM), in MB. */
    double peakRssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmHWM for pid " + process.pid());
    }

    /** CPU seconds the process used so far (user + system), from /proc. */
    double cpuSeconds() throws IOException {
        return ProcessCpu.seconds(process.pid());
    }

    /**
     * CPU seconds by thread so far, threads of one kind summed (the JIT compilers, GC workers and
     * Kafka clients by their names without numbers), highest first; the kernel's names are cut
     * at 15 characters.
     */
    java.util.LinkedHashMap<String, Double> cpuSecondsByThread() throws IOException {
        java.util.Map<String, Double> byKind = new java.util.HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + process.pid() + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
                    byKind.merge(name.replaceAll("[#\\-]?[0-9]+$", "").strip(), seconds, Double::sum);
                } catch (java.nio.file.NoSuchFileException ended) {
                    // the thread ended while listed
                }
            }
        }
        var sorted = new java.util.LinkedHashMap<String, Double>();
        byKind.entrySet().stream().filter(e -> e.getValue() >= 0.05)
                .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** SIGTERM, as a container stop: Sluice commits and exits. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
