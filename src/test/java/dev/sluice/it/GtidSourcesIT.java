package dev.sluice.it;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SLUICE_GTID_SOURCE_EXCLUDES on a server whose binlog holds transactions of several GTID sources,
 * as a multi-source replica's does. The test writes some of its transactions as another source
 * (MySQL: SET GTID_NEXT with another server's UUID; MariaDB: another GTID domain). Their rows are
 * not published, while streaming and after a restart that finds more of them.
 */
class GtidSourcesIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    static Stream<DbServer> servers() {
        return Stream.of(DbServer.mysql(), DbServer.mariadb());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void transactionsOfAnExcludedSourcePublishNoRows(DbServer server) {
        String otherSource = server.isMariaDb() ? String.valueOf(ThreadLocalRandom.current().nextInt(100, 4_000))
                : UUID.randomUUID().toString();
        try (TestDatabase db = new TestDatabase(server, "gtidsrc")) {
            String table = db.name() + ".t";
            server.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v VARCHAR(20))");
            Map<String, String> env = SluiceProcess.env(server, db.connector(), table);
            env.put("SLUICE_GTID_SOURCE_EXCLUDES", otherSource.toUpperCase());
            String log = "gtid-sources-" + server.label().replace(' ', '-');
            try (SluiceProcess first = SluiceProcess.start(log, env)) {
                first.awaitStreaming();
                server.execute("INSERT INTO " + table + " VALUES (1, 'ours')");
                asOtherSource(server, otherSource, 1, "INSERT INTO " + table + " VALUES (2, 'theirs')");
                server.execute("INSERT INTO " + table + " VALUES (3, 'ours')");
                assertEquals(Set.of(1, 3), awaitIds(db.topic("t"), 3));
                first.awaitLog("Transactions of GTID source " + otherSource + " publish no rows", WAIT);
                first.stop();
            }
            asOtherSource(server, otherSource, 2, "INSERT INTO " + table + " VALUES (4, 'theirs, while down')");
            server.execute("INSERT INTO " + table + " VALUES (5, 'ours, while down')");
            try (SluiceProcess second = SluiceProcess.start(log, env)) {
                second.awaitStreaming();
                server.execute("INSERT INTO " + table + " VALUES (6, 'ours')");
                assertEquals(Set.of(1, 3, 5, 6), awaitIds(db.topic("t"), 6));
                if (!server.isMariaDb()) {
                    second.awaitLog("resuming after", WAIT);
                    assertTrue(second.output().contains(otherSource + ":1-2"),
                            "the other source's transactions count as read:\n" + second.output());
                }
            }
        }
    }

    /** Commits a statement as a transaction of another GTID source. */
    private static void asOtherSource(DbServer server, String source, int sequence, String sql) {
        if (server.isMariaDb()) {
            server.execute("SET SESSION gtid_domain_id = " + source, sql);
        } else {
            server.execute("SET GTID_NEXT = '" + source + ":" + sequence + "'", sql, "SET GTID_NEXT = 'AUTOMATIC'");
        }
    }

    /** The ids in the topic once the one with the given id arrived. */
    private static Set<Integer> awaitIds(String topic, int last) {
        List<ConsumerRecord<String, String>> records = KafkaTopics.await(topic, "id " + last,
                list -> list.stream().anyMatch(r -> r.key() != null && ChangeEvents.parse(r.key()).path("id").asInt() == last),
                WAIT);
        Set<Integer> ids = new TreeSet<>();
        records.forEach(r -> ids.add(ChangeEvents.parse(r.key()).path("id").asInt()));
        return ids;
    }
}
