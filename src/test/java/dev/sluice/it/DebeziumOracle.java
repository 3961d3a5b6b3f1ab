package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Debezium's embedded engine as an independent oracle: the project in {@code deploy/oracle}, built
 * on first use with its own classpath (Debezium 3.6 for MySQL, 3.5 for MariaDB) and run in a JVM
 * of its own against the same server and database as Sluice, writing every record it produces to
 * a file until a record arrives for the stop table.
 */
final class DebeziumOracle implements AutoCloseable {

    /** One record as Kafka's JsonConverter wrote it (key and value null where the record has none). */
    record Captured(String topic, String key, String value) {
    }

    private static final Path PROJECT = Path.of(System.getProperty("sluice.oracle.dir", "deploy/oracle"));

    private final Process process;
    private final Path output;
    private final Path log;

    private DebeziumOracle(Process process, Path output, Path log) {
        this.process = process;
        this.output = output;
        this.log = log;
    }

    /**
     * Starts Debezium on the test database: an initial snapshot, then the stream, until a row of
     * {@code stopTable} arrives.
     *
     * @param settings Debezium properties beyond the connection (handling modes, converter settings)
     */
    static DebeziumOracle start(DbServer server, TestDatabase db, String stopTable, Map<String, String> settings) {
        String flavor = server.isMariaDb() ? "mariadb" : "mysql";
        Path target = build(flavor);
        try {
            Path work = Files.createDirectories(Path.of(System.getProperty("sluice.test.logs", "target/it-logs"))
                    .resolve("oracle-" + db.name()));
            Properties properties = new Properties();
            properties.setProperty("name", db.connector());
            properties.setProperty("connector.class", server.isMariaDb() ? "io.debezium.connector.mariadb.MariaDbConnector"
                    : "io.debezium.connector.mysql.MySqlConnector");
            properties.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
            properties.setProperty("offset.storage.file.filename", work.resolve("offsets.dat").toString());
            properties.setProperty("offset.flush.interval.ms", "0");
            properties.setProperty("database.hostname", server.host());
            properties.setProperty("database.port", String.valueOf(server.port()));
            properties.setProperty("database.user", server.adminUser());
            properties.setProperty("database.password", server.adminPassword());
            properties.setProperty("database.server.id", String.valueOf(7000 + Math.floorMod(db.name().hashCode(), 1000)));
            properties.setProperty("topic.prefix", db.connector());
            properties.setProperty("database.include.list", db.name());
            properties.setProperty("schema.history.internal", "io.debezium.storage.file.history.FileSchemaHistory");
            properties.setProperty("schema.history.internal.file.filename", work.resolve("history.dat").toString());
            properties.setProperty("snapshot.mode", "initial");
            properties.setProperty("include.schema.changes", "true");
            properties.setProperty("oracle.stop.topic", db.topic(stopTable));
            settings.forEach(properties::setProperty);
            Path config = work.resolve("engine.properties");
            try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                properties.store(out, "Debezium oracle for " + db.name());
            }
            Path output = work.resolve("records.jsonl");
            Path log = work.resolve("debezium.log");
            String javaBinary = ProcessHandle.current().info().command().orElse("java");
            // the oracle's jar, not its classes directory: a class-data-sharing archive takes jars only
            String classpath = oracleJar(target) + java.io.File.pathSeparator + target.resolve("lib") + "/*";
            List<String> command = new ArrayList<>(List.of(javaBinary, "-Xmx512m"));
            command.addAll(QUICK_START);
            command.addAll(classArchiveOptions(target));
            command.addAll(List.of("-cp", classpath, "dev.sluice.oracle.DebeziumCapture", config.toString(),
                    output.toString(), "600"));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.redirectErrorStream(true);
            builder.redirectOutput(log.toFile());
            return new DebeziumOracle(builder.start(), output, log);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the Debezium oracle: " + e.getMessage(), e);
        }
    }

    /**
     * The oracle handles a few hundred rows and most of its time is start-up: C1 alone and the
     * serial collector start it with less CPU than C2 and a parallel collector would spend.
     */
    private static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    /** The connectors whose class-data-sharing archive this test run has begun to make. */
    private static final java.util.Set<String> ARCHIVED = new java.util.HashSet<>();

    /**
     * The oracle's first start in a test run writes a class-data-sharing archive of the classes it
     * loaded as it exits (Debezium loads thousands); later starts map it instead of loading them.
     * An archive left by an earlier run is remade, as its classpath may have been rebuilt since.
     */
    private static synchronized List<String> classArchiveOptions(Path target) throws IOException {
        Path archive = target.resolve("oracle.jsa");
        if (ARCHIVED.add(target.toString())) {
            Files.deleteIfExists(archive);
            return List.of("-XX:ArchiveClassesAtExit=" + archive);
        }
        return Files.isRegularFile(archive) ? List.of("-XX:SharedArchiveFile=" + archive) : List.of();
    }

    private static Path oracleJar(Path target) throws IOException {
        return findOracleJar(target).orElseThrow(() -> new IOException("no oracle jar in " + target));
    }

    private static java.util.Optional<Path> findOracleJar(Path target) {
        try (var files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("sluice-oracle-.*\\.jar")).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty(); // not built yet
        }
    }

    /** Builds the oracle for one connector once (a no-op when it is built). */
    private static synchronized Path build(String flavor) {
        Path target = PROJECT.resolve("target").resolve(flavor);
        if (Files.isDirectory(target.resolve("lib")) && findOracleJar(target).isPresent()) {
            return target;
        }
        try {
            Path log = Files.createDirectories(Path.of(System.getProperty("sluice.test.logs", "target/it-logs")))
                    .resolve("oracle-build-" + flavor + ".log");
            Process build = new ProcessBuilder("./mvnw", "-B", "-q", "-f", PROJECT.resolve("pom.xml").toString(),
                    "-P", flavor, "package").redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!build.waitFor(15, TimeUnit.MINUTES) || build.exitValue() != 0) {
                build.destroyForcibly();
                throw new IllegalStateException("building the Debezium oracle failed; see " + log);
            }
            return target;
        } catch (IOException e) {
            throw new IllegalStateException("could not build the Debezium oracle: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the Debezium oracle", e);
        }
    }

    /** Waits until Debezium's snapshot is complete: its last snapshot record is written. */
    void awaitSnapshotDone(Duration timeout) {
        Await.until(timeout, "Debezium's snapshot to complete (" + log + ")", () -> {
            checkAlive();
            return records().stream().anyMatch(r -> r.value() != null && snapshotMarker(r).equals("last"));
        });
    }

    /** Waits for Debezium to reach the stop table and exit, and returns everything it wrote. */
    List<Captured> awaitRecords(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("Debezium did not reach the stop table in " + timeout + "; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("Debezium exited with " + process.exitValue() + "; see " + log);
        }
        return records();
    }

    private void checkAlive() {
        if (!process.isAlive() && process.exitValue() != 0) {
            throw new AssertionError("Debezium exited with " + process.exitValue() + "; see " + log);
        }
    }

    private static String snapshotMarker(Captured record) {
        JsonNode value = ChangeEvents.parse(record.value());
        JsonNode payload = value.has("payload") && value.has("schema") ? value.get("payload") : value;
        // flat rows carry it only as an added field
        return payload.path("source").path("snapshot").asText(payload.path("__snapshot").asText(""));
    }

    private List<Captured> records() {
        if (!Files.exists(output)) {
            return List.of();
        }
        try {
            List<Captured> records = new ArrayList<>();
            String[] lines = Files.readString(output, StandardCharsets.UTF_8).split("\n", -1);
            for (String line : java.util.Arrays.asList(lines).subList(0, lines.length - 1)) { // the last may be partial
                if (!line.isBlank()) {
                    JsonNode node = ChangeEvents.parse(line);
                    records.add(new Captured(node.get("topic").asText(), textOrNull(node.get("key")),
                            textOrNull(node.get("value"))));
                }
            }
            return records;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
