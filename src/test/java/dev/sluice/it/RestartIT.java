package dev.sluice.it;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A graceful stop in the middle of a write stream, then a restart: nothing lost, nothing twice. */
class RestartIT {

    private static final int ROWS = 6_000;
    private static final int BATCH = 20;

    static Stream<DbServer> servers() {
        return Stream.of(DbServer.mysql(), DbServer.mariadb());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void gracefulRestartLosesAndRepeatsNothing(DbServer server) {
        try (TestDatabase db = new TestDatabase(server, "restart")) {
            RowWriter.createTables(server, db.name());
            Map<String, String> env = SluiceProcess.env(server, db.connector(), db.name() + ".*");
            String log = "restart-" + server.label().replace(' ', '-');
            try (RowWriter writer = new RowWriter(server, db.name(), ROWS, BATCH, 1_000)) {
                try (SluiceProcess first = SluiceProcess.start(log, env)) {
                    first.awaitStreaming();
                    writer.start();
                    Await.until(Duration.ofSeconds(120), "a third of the rows in Kafka",
                            () -> KafkaTopics.read(db.topic("items")).size() >= ROWS / 3);
                    first.stop();
                    assertTrue(first.output().contains("Stopped at"), "the stop committed its offset");
                }
                try (SluiceProcess second = SluiceProcess.start(log, env)) {
                    second.awaitLog("Resuming from the stored offset", Duration.ofSeconds(90));
                    second.awaitStreaming();
                    writer.await();
                    List<ConsumerRecord<String, String>> items = KafkaTopics.awaitKeys(db.topic("items"), ROWS,
                            Duration.ofSeconds(180));
                    int counterUpdates = ROWS / BATCH;
                    List<ConsumerRecord<String, String>> counters = KafkaTopics.await(db.topic("counters"),
                            "all counter updates", r -> StreamCheck.allCounterUpdates(r, counterUpdates), Duration.ofSeconds(180));
                    assertEquals(0, StreamCheck.checkItems(items, ROWS), "duplicate items");
                    assertEquals(0, StreamCheck.checkCounters(counters, counterUpdates), "replayed counter updates");
                    assertEquals(counterUpdates, counters.size());
                }
            }
        }
    }
}
