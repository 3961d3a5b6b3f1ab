package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DDL is logged in the character set of the client that sent it: a latin1 client's
 * {@code ENUM('café')} is latin1 bytes in the binlog. Sluice reads it in that charset, so the
 * enum's values, the rows that use them and the schema-change event read {@code café}.
 */
class DdlCharsetIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    static Stream<DbServer> servers() {
        return Stream.of(DbServer.mysql(), DbServer.mariadb());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aLatin1ClientsDdlReadsInLatin1(DbServer server) throws SQLException {
        try (TestDatabase db = new TestDatabase(server, "latin")) {
            String t = db.name() + ".t";
            try (SluiceProcess sluice = SluiceProcess.start("ddl-latin1-" + server.label().replace(' ', '-'),
                    SluiceProcess.env(server, db.connector(), t))) {
                sluice.awaitStreaming();
                try (Connection latin1 = latin1(server); Statement s = latin1.createStatement()) {
                    s.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, e ENUM('café', 'naïve'),"
                            + " note VARCHAR(20) DEFAULT 'déjà') CHARACTER SET utf8mb4");
                }
                server.execute("INSERT INTO " + t + " (id, e) VALUES (1, 'café'), (2, 'naïve')");
                List<ConsumerRecord<String, String>> records = KafkaTopics.await(db.topic("t"), 2, WAIT);
                List<JsonNode> afters = records.stream().map(r -> ChangeEvents.parse(r.value()).get("after")).toList();
                assertEquals("{\"id\":1,\"e\":\"café\",\"note\":\"déjà\"}", afters.get(0).toString());
                assertEquals("{\"id\":2,\"e\":\"naïve\",\"note\":\"déjà\"}", afters.get(1).toString());
                List<ConsumerRecord<String, String>> changes = KafkaTopics.await(db.connector(), "the CREATE TABLE",
                        r -> r.stream().anyMatch(c -> c.value().contains("CREATE TABLE")), WAIT);
                assertTrue(changes.stream().anyMatch(c -> c.value().contains("ENUM('café', 'naïve')")),
                        "the schema-change event carries the statement as sent");
            }
        }
    }

    /** A connection whose client character set is latin1 (the driver sends the text as latin1 bytes). */
    private static Connection latin1(DbServer server) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", server.adminUser());
        props.setProperty("password", server.adminPassword());
        props.setProperty("sslMode", "PREFERRED");
        props.setProperty("allowPublicKeyRetrieval", "true");
        props.setProperty("characterEncoding", "Cp1252");
        Connection connection = DriverManager.getConnection("jdbc:mysql://" + server.host() + ":" + server.port() + "/",
                props);
        try (Statement s = connection.createStatement()) {
            s.execute("SET NAMES latin1");
        }
        return connection;
    }
}
