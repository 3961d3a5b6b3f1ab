package dev.sluice.it;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 in the middle of a 20,000-row insert stream, then a restart: every row reaches Kafka
 * at least once, each key's changes in order; the duplicates (the uncommitted tail) are counted.
 */
class CrashIT {

    private static final int ROWS = 20_000;
    private static final int BATCH = 50;

    static Stream<DbServer> servers() {
        return Stream.of(DbServer.mysql(), DbServer.mariadb());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void killNineMidStreamLosesNothing(DbServer server) {
        try (TestDatabase db = new TestDatabase(server, "crash")) {
            RowWriter.createTables(server, db.name());
            Map<String, String> env = SluiceProcess.env(server, db.connector(), db.name() + ".*");
            String log = "crash-" + server.label().replace(' ', '-');
            try (RowWriter writer = new RowWriter(server, db.name(), ROWS, BATCH, 2_000)) {
                try (SluiceProcess first = SluiceProcess.start(log, env)) {
                    first.awaitStreaming();
                    writer.start();
                    Await.until(Duration.ofSeconds(180), "a quarter of the rows in Kafka",
                            () -> KafkaTopics.read(db.topic("items")).size() >= ROWS / 4);
                    first.kill();
                }
                int writtenAtCrash = writer.written();
                try (SluiceProcess second = SluiceProcess.start(log, env)) {
                    second.awaitStreaming();
                    writer.await();
                    List<ConsumerRecord<String, String>> items = KafkaTopics.awaitKeys(db.topic("items"), ROWS,
                            Duration.ofSeconds(300));
                    int counterUpdates = ROWS / BATCH;
                    List<ConsumerRecord<String, String>> counters = KafkaTopics.await(db.topic("counters"),
                            "all counter updates", r -> StreamCheck.allCounterUpdates(r, counterUpdates), Duration.ofSeconds(300));
                    int duplicateItems = StreamCheck.checkItems(items, ROWS);
                    int replayedCounters = StreamCheck.checkCounters(counters, counterUpdates);
                    System.out.printf("%s crash: killed with %d of %d rows written; %d duplicate item records,"
                            + " %d replayed counter updates%n", server, writtenAtCrash, ROWS, duplicateItems,
                            replayedCounters);
                    assertTrue(writtenAtCrash < ROWS, "the crash happened in the middle of the stream");
                }
            }
        }
    }
}
