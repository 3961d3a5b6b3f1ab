package dev.sluice.it;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Savepoints. When a transaction also changed a non-transactional table, MariaDB logs the row
 * events after a SAVEPOINT and then {@code ROLLBACK TO}, which undoes them on a replica: those rows
 * never happened and must not reach Kafka. Rows after a savepoint are held until the commit, and
 * a transaction that holds more than the memory bound is read again from the binlog at its commit.
 */
class SavepointIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    static Stream<DbServer> servers() {
        return Stream.of(DbServer.mysql(), DbServer.mariadb());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void rowsRolledBackToASavepointNeverReachKafka(DbServer server) {
        try (TestDatabase db = new TestDatabase(server, "savepoint")) {
            String d = db.name();
            // MySQL with GTIDs refuses non-transactional changes inside a transaction; MariaDB logs them.
            String other = server.isMariaDb() ? "ENGINE=MyISAM" : "ENGINE=InnoDB";
            server.execute("CREATE TABLE " + d + ".s (id INT PRIMARY KEY, pad VARCHAR(200))",
                    "CREATE TABLE " + d + ".m (id INT PRIMARY KEY) " + other);
            Map<String, String> env = SluiceProcess.env(server, db.connector(), d + ".*");
            env.put("SLUICE_QUEUE_MAX_BYTES", "16384");
            try (SluiceProcess sluice = SluiceProcess.start("savepoint-" + server.label().replace(' ', '-'), env)) {
                sluice.awaitStreaming();
                server.transaction("INSERT INTO " + d + ".s VALUES (11, 'x')",
                        "SAVEPOINT a",
                        "INSERT INTO " + d + ".s VALUES (12, 'x')",
                        "INSERT INTO " + d + ".m VALUES (12)",
                        "ROLLBACK TO SAVEPOINT a",
                        "INSERT INTO " + d + ".s VALUES (13, 'x')");
                server.transaction("INSERT INTO " + d + ".s VALUES (21, 'x')",
                        "SAVEPOINT a",
                        "INSERT INTO " + d + ".s VALUES (22, 'x')",
                        "SAVEPOINT b",
                        "INSERT INTO " + d + ".s VALUES (23, 'x')",
                        "INSERT INTO " + d + ".m VALUES (23)",
                        "ROLLBACK TO SAVEPOINT b",
                        "INSERT INTO " + d + ".s VALUES (24, 'x')",
                        "RELEASE SAVEPOINT a",
                        "INSERT INTO " + d + ".s VALUES (25, 'x')");
                // More than the 16 KB held in memory after the savepoint: read again from the binlog at the commit.
                server.transaction("SAVEPOINT big",
                        "INSERT INTO " + d + ".s VALUES " + rows(100, 200),
                        "INSERT INTO " + d + ".m VALUES (99)",
                        "SAVEPOINT small",
                        "INSERT INTO " + d + ".s VALUES " + rows(300, 400),
                        "ROLLBACK TO small",
                        "INSERT INTO " + d + ".s VALUES (500, 'x')");
                server.execute("INSERT INTO " + d + ".s VALUES (600, 'last')");

                List<Integer> expected = Stream.of(List.of(11, 13, 21, 22, 24, 25),
                        IntStream.range(100, 200).boxed().toList(), List.of(500, 600))
                        .flatMap(List::stream).toList();
                List<ConsumerRecord<String, String>> records = KafkaTopics.await(db.topic("s"), expected.size(), WAIT);
                assertEquals(expected, ids(records));
                assertEquals(server.isMariaDb() ? List.of(12, 23, 99) : List.of(99),
                        ids(KafkaTopics.await(db.topic("m"), server.isMariaDb() ? 3 : 1, WAIT)));
            }
        }
    }

    private static String rows(int from, int to) {
        return IntStream.range(from, to).mapToObj(id -> "(" + id + ", REPEAT('p', 200))")
                .collect(Collectors.joining(", "));
    }

    private static List<Integer> ids(List<ConsumerRecord<String, String>> records) {
        return records.stream().filter(r -> r.value() != null)
                .map(r -> ChangeEvents.parse(r.value()).get("after").get("id").asInt()).toList();
    }
}
