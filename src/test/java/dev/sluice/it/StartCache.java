package dev.sluice.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A class-data-sharing archive for the Sluice processes the integration tests start, made once per
 * test run by a training run against the local stack (snapshot, streaming, a row to Kafka, a clean
 * stop). The suite starts Sluice almost 300 times; mapping the classes instead of loading them cuts
 * each start to the stream by 0.8 to 0.9 s on a 2-core machine. {@code -Dsluice.test.startCache=false}
 * turns it off. If training fails the tests run without the archive, after saying so once.
 */
final class StartCache {

    private static List<String> options;

    private StartCache() {
    }

    /** The JVM options that use the archive, made at the first call; empty when turned off or not made. */
    static synchronized List<String> options() {
        if (options == null) {
            options = Boolean.parseBoolean(System.getProperty("sluice.test.startCache", "true")) ? make() : List.of();
        }
        return options;
    }

    private static List<String> make() {
        Path archive = Path.of(System.getProperty("sluice.test.logs", "target/it-logs"), "start-cache", "sluice.jsa");
        try {
            Files.createDirectories(archive.getParent());
            // An archive from an earlier build of the jar would be refused with a warning in every output.
            Files.deleteIfExists(archive);
            train(archive);
        } catch (IOException | RuntimeException | AssertionError e) {
            System.out.println("start cache: training failed, Sluice processes start without it: " + e.getMessage());
            return List.of();
        }
        if (!Files.isRegularFile(archive)) {
            System.out.println("start cache: the training run wrote no archive, Sluice processes start without it");
            return List.of();
        }
        return List.of("-XX:SharedArchiveFile=" + archive);
    }

    private static void train(Path archive) {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "startcache")) {
            server.execute("CREATE TABLE " + db.name() + ".t (id INT PRIMARY KEY, v VARCHAR(20))",
                    "INSERT INTO " + db.name() + ".t VALUES (1, 'snapshot')");
            Map<String, String> env = SluiceProcess.env(server, db.connector(), db.name() + ".t");
            env.put("SLUICE_SNAPSHOT_MODE", "initial");
            try (SluiceProcess sluice = SluiceProcess.launch("start-cache-training", env,
                    List.of("-Xmx256m", "-XX:ArchiveClassesAtExit=" + archive))) {
                sluice.awaitStreaming();
                server.execute("INSERT INTO " + db.name() + ".t VALUES (2, 'stream')");
                KafkaTopics.await(db.topic("t"), 2, Duration.ofSeconds(60));
                sluice.stop();
            }
        }
    }
}
