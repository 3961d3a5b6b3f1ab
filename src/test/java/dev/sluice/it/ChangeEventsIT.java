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
}
