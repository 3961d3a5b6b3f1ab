package dev.sluice.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What the benchmark runs, from environment variables ({@code BENCH_*}) and {@code --quick}.
 * Server addresses are the local stack's (the same {@code SLUICE_TEST_*} variables the tests read).
 */
record BenchConfig(
        boolean quick,
        int repetitions,
        int snapshotRows,
        int backlogEvents,
        int shortBacklogEvents,
        List<String> recordSizes,
        int bigTransactionRows,
        int latencySeconds,
        List<Server> servers,
        List<String> scenarios,
        String bootstrap,
        Path jar,
        Path jvmOptions,
        Path startCacheOptions,
        Path kafkaLib,
        Path reportDir) {

    record Server(String label, String kind, String host, int port, String adminUser, String adminPassword,
            String user, String password) {

        boolean isMariaDb() {
            return kind.equals("mariadb");
        }
    }

    static BenchConfig fromEnv(boolean quick) {
        List<Server> servers = List.of(env("BENCH_SERVERS", quick ? "mysql" : "mysql,mariadb").split(",")).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).map(BenchConfig::server).toList();
        return new BenchConfig(quick,
                intEnv("BENCH_REPETITIONS", 3),
                intEnv("BENCH_SNAPSHOT_ROWS", quick ? 100_000 : 1_000_000),
                intEnv("BENCH_BACKLOG_EVENTS", quick ? 50_000 : 1_000_000),
                intEnv("BENCH_SHORT_BACKLOG_EVENTS", quick ? 20_000 : 300_000),
                List.of(env("BENCH_RECORD_SIZES", "standard,1kb").split(",")).stream().map(String::trim)
                        .filter(s -> !s.isEmpty()).toList(),
                intEnv("BENCH_BIG_TRANSACTION_ROWS", quick ? 50_000 : 1_000_000),
                intEnv("BENCH_LATENCY_SECONDS", quick ? 10 : 30),
                servers,
                List.of(env("BENCH_SCENARIOS", "snapshot,catchup,latency,largetx").split(",")).stream()
                        .map(String::trim).toList(),
                env("SLUICE_TEST_KAFKA_BOOTSTRAP", "127.0.0.1:19092"),
                Path.of(env("BENCH_SLUICE_JAR", "target/quarkus-app/quarkus-run.jar")),
                Path.of(env("BENCH_JVM_OPTIONS", "deploy/docker/jvm.options")),
                Path.of(env("BENCH_START_CACHE", "target/start-cache/start-cache.options")),
                Path.of(env("BENCH_KAFKA_LIB", System.getProperty("user.home") + "/.cache/sluice-stack/kafka-4.1.2/lib")),
                Path.of(env("BENCH_REPORT_DIR", "target/bench")));
    }

    /** Sluice starts with the start-up cache when run.sh made one, as the image does. */
    boolean usesStartCache() {
        return java.nio.file.Files.isRegularFile(startCacheOptions);
    }

    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    private static Server server(String kind) {
        String upper = kind.toUpperCase(java.util.Locale.ROOT);
        int defaultPort = switch (kind) {
            case "mysql" -> 13306;
            case "mariadb" -> 13307;
            default -> throw new IllegalArgumentException("BENCH_SERVERS: unknown server '" + kind
                    + "' (mysql, mariadb)");
        };
        return new Server(kind.equals("mysql") ? "MySQL" : "MariaDB", kind,
                env("SLUICE_TEST_" + upper + "_HOST", "127.0.0.1"),
                Integer.parseInt(env("SLUICE_TEST_" + upper + "_PORT", String.valueOf(defaultPort))),
                env("SLUICE_TEST_" + upper + "_ADMIN_USER", "admin"),
                env("SLUICE_TEST_" + upper + "_ADMIN_PASSWORD", "admin-pw"),
                env("SLUICE_TEST_" + upper + "_USER", "sluice"),
                env("SLUICE_TEST_" + upper + "_PASSWORD", "sluice-pw"));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int intEnv(String name, int fallback) {
        String value = env(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.replace("_", ""));
            if (parsed <= 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive whole number, got '" + value + "'");
        }
    }
}
