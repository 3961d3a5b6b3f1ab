package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static dev.sluice.it.ChangeEvents.parse;
import static dev.sluice.it.ChangeEvents.stable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Insert, update and delete on a real server become exactly Debezium's records. */
class ChangeEventsIT {

    static Stream<DbServer> servers() {
        return Stream.of(DbServer.mysql(), DbServer.mariadb());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void insertUpdateDeleteBecomeDebeziumEvents(DbServer server) {
        try (TestDatabase db = new TestDatabase(server, "events")) {
            server.execute("""
                    CREATE TABLE %s.customers (
                      id INT PRIMARY KEY, name VARCHAR(64) NOT NULL, balance DECIMAL(10,2), visits BIGINT,
                      born DATE, seen DATETIME(3), changed TIMESTAMP(6) NULL, profile JSON, avatar BLOB,
                      active TINYINT(1), points INT UNSIGNED, bio TEXT)""".formatted(db.name()));
            try (SluiceProcess sluice = SluiceProcess.start("events-" + server.label().replace(' ', '-'),
                    SluiceProcess.env(server, db.connector(), db.name() + ".*"))) {
                sluice.awaitStreaming();
                server.execute("INSERT INTO " + db.name() + ".customers VALUES (1, 'Zoë', 1234.50, 9007199254740993,"
                                + " '1990-05-17', '2024-02-29 13:14:15.678', '2024-03-01 10:00:00.123456',"
                                + " '{\"tier\": \"gold\", \"tags\": [\"a\", \"b\"]}', 0x00FF10, 1, 4294967295,"
                                + " 'line1\\nline2')",
                        "UPDATE " + db.name() + ".customers SET name = 'Zoë Q', balance = -0.05, changed = NULL WHERE id = 1",
                        "DELETE FROM " + db.name() + ".customers WHERE id = 1");

                List<ConsumerRecord<String, String>> records = KafkaTopics.await(db.topic("customers"), 4,
                        Duration.ofSeconds(60));
                assertEquals(4, records.size());
                records.forEach(r -> assertEquals("{\"id\":1}", r.key()));

                String profile = server.isMariaDb()
                        ? "{\\\"tier\\\": \\\"gold\\\", \\\"tags\\\": [\\\"a\\\", \\\"b\\\"]}"
                        : "{\\\"tags\\\": [\\\"a\\\", \\\"b\\\"], \\\"tier\\\": \\\"gold\\\"}";
                String inserted = """
                        {"id":1,"name":"Zoë","balance":"AeI6","visits":9007199254740993,"born":7441,
                         "seen":1709212455678,"changed":"2024-03-01T10:00:00.123456Z","profile":"%s",
                         "avatar":"AP8Q","active":1,"points":4294967295,"bio":"line1\\nline2"}""".formatted(profile);
                String updated = """
                        {"id":1,"name":"Zoë Q","balance":"+w==","visits":9007199254740993,"born":7441,
                         "seen":1709212455678,"changed":null,"profile":"%s",
                         "avatar":"AP8Q","active":1,"points":4294967295,"bio":"line1\\nline2"}""".formatted(profile);
                String source = """
                        {"version":"0.1.0","connector":"%s","name":"%s","snapshot":"false","db":"%s",
                         "sequence":null,"table":"customers","row":0,"query":null}"""
                        .formatted(server.isMariaDb() ? "mariadb" : "mysql", db.connector(), db.name());

                assertEquals(parse("""
                        {"before":null,"after":%s,"source":%s,"transaction":null,"op":"c"}"""
                        .formatted(inserted, source)), stable(records.get(0).value(), server.isMariaDb()));
                assertEquals(parse("""
                        {"before":%s,"after":%s,"source":%s,"transaction":null,"op":"u"}"""
                        .formatted(inserted, updated, source)), stable(records.get(1).value(), server.isMariaDb()));
                assertEquals(parse("""
                        {"before":%s,"after":null,"source":%s,"transaction":null,"op":"d"}"""
                        .formatted(updated, source)), stable(records.get(2).value(), server.isMariaDb()));
                assertNull(records.get(3).value(), "a tombstone follows the delete");

                JsonNode insertSource = parse(records.get(0).value()).get("source");
                JsonNode updateSource = parse(records.get(1).value()).get("source");
                assertEquals(insertSource.get("file"), updateSource.get("file"));
                sluice.stop();
                assertTrue(sluice.output().contains("Stopped at"), "a graceful stop commits its offset");
            }
        }
    }

    /**
     * Without a primary key, a unique index over NOT NULL columns keys the records (SERIAL implies
     * one), in the snapshot, in the stream, and after a DDL makes a nullable unique index eligible;
     * a change of that key is a delete, a tombstone and a create.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void uniqueNotNullIndexesKeyTablesWithoutAPrimaryKey(DbServer server) {
        try (TestDatabase db = new TestDatabase(server, "ukeys")) {
            String d = db.name();
            server.execute("CREATE TABLE " + d + ".u (code VARCHAR(10), id INT NOT NULL, UNIQUE KEY uk (id))",
                    "CREATE TABLE " + d + ".s (id SERIAL, v INT)",
                    "CREATE TABLE " + d + ".n (id INT, UNIQUE (id))",
                    "INSERT INTO " + d + ".u VALUES ('a', 1)", "INSERT INTO " + d + ".s (v) VALUES (10)",
                    "INSERT INTO " + d + ".n VALUES (1)");
            java.util.Map<String, String> env = SluiceProcess.env(server, db.connector(), d + ".*");
            env.put("SLUICE_SNAPSHOT_MODE", "initial");
            try (SluiceProcess sluice = SluiceProcess.start("ukeys-" + server.label().replace(' ', '-'), env)) {
                sluice.awaitStreaming();
                server.execute("INSERT INTO " + d + ".u VALUES ('b', 2)", "UPDATE " + d + ".u SET id = 3 WHERE id = 2",
                        "INSERT INTO " + d + ".s (v) VALUES (20)", "UPDATE " + d + ".s SET v = 21 WHERE id = 2",
                        "ALTER TABLE " + d + ".n MODIFY id INT NOT NULL", "INSERT INTO " + d + ".n VALUES (2)");
                Duration wait = Duration.ofSeconds(90);
                List<ConsumerRecord<String, String>> u = KafkaTopics.await(db.topic("u"), 5, wait);
                assertEquals(List.of("{\"id\":1}", "{\"id\":2}", "{\"id\":2}", "{\"id\":2}", "{\"id\":3}"),
                        u.stream().map(ConsumerRecord::key).toList());
                assertEquals(List.of("r", "c", "d", "tombstone", "c"), u.stream().map(ChangeEventsIT::op).toList());
                List<ConsumerRecord<String, String>> s = KafkaTopics.await(db.topic("s"), 3, wait);
                assertEquals(List.of("{\"id\":1}", "{\"id\":2}", "{\"id\":2}"),
                        s.stream().map(ConsumerRecord::key).toList());
                assertEquals(List.of("r", "c", "u"), s.stream().map(ChangeEventsIT::op).toList());
                List<ConsumerRecord<String, String>> n = KafkaTopics.await(db.topic("n"), 2, wait);
                assertNull(n.get(0).key(), "a nullable unique index keys nothing");
                assertEquals("{\"id\":2}", n.get(1).key(), "NOT NULL since the ALTER");
            }
        }
    }

    private static String op(ConsumerRecord<String, String> record) {
        return record.value() == null ? "tombstone" : parse(record.value()).get("op").asText();
    }
}
