package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.sluice.it.ChangeEvents.fieldNames;
import static dev.sluice.it.ChangeEvents.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code SLUICE_SCHEMAS_ENABLE=true}: every key and value is {@code {"schema","payload"}} as
 * Kafka's JsonConverter writes Debezium's records. The expected schemas are written out in
 * {@code src/test/resources/schemas} from Debezium's schema definitions and compared with their
 * field order, since JsonConverter's order is part of the format.
 */
class SchemasEnabledIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    private static final String TABLE = "(id INT PRIMARY KEY, ti TINYINT NOT NULL DEFAULT 1, biu BIGINT UNSIGNED,"
            + " dec10 DECIMAL(10,2) DEFAULT 1.5, f FLOAT, bit3 BIT(3) DEFAULT b'101', d DATE NOT NULL DEFAULT '2000-01-02',"
            + " t3 TIME(3), dt6 DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6), ts TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,"
            + " y YEAR, vc VARCHAR(10) DEFAULT 'x', vb VARBINARY(4), e ENUM('a','b') NOT NULL DEFAULT 'b',"
            + " st SET('x','y'), j JSON, g GEOMETRY, p POINT)";
    private static final String ROW = "INSERT INTO %s.s (id, biu, f, t3, y, vb, st, j, g, p) VALUES (%d, 7, 1.5,"
            + " '01:02:03.456', 2024, 0x01, 'y', '[1]', ST_GeomFromText('POINT(0 0)'), ST_GeomFromText('POINT(1 2)'))";

    static Stream<DbServer> servers() {
        return Stream.of(DbServer.mysql(), DbServer.mariadb());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void keysValuesHeartbeatsAndSchemaChangesCarryConnectSchemas(DbServer server) {
        try (TestDatabase db = new TestDatabase(server, "schemas")) {
            server.execute("CREATE TABLE " + db.name() + ".s " + TABLE, ROW.formatted(db.name(), 1));
            Map<String, String> env = SluiceProcess.env(server, db.connector(), db.name() + ".*");
            env.put("SLUICE_SNAPSHOT_MODE", "initial");
            env.put("SLUICE_SCHEMAS_ENABLE", "true");
            env.put("SLUICE_HEARTBEAT_INTERVAL", "1s");
            String connector = server.isMariaDb() ? "mariadb" : "mysql";
            try (SluiceProcess sluice = SluiceProcess.start("schemas-" + connector, env)) {
                sluice.awaitStreaming();
                server.execute(ROW.formatted(db.name(), 2),
                        "ALTER TABLE " + db.name() + ".s ADD COLUMN extra INT NOT NULL DEFAULT 7",
                        ROW.formatted(db.name(), 3));
                String topic = db.topic("s");
                List<ConsumerRecord<String, String>> records = KafkaTopics.await(topic, 3, WAIT);

                String keySchema = "{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,"
                        + "\"field\":\"id\"}],\"optional\":false,\"name\":\"" + topic + ".Key\"}";
                String columns = columns(server.isMariaDb());
                String envelope = resource("table-envelope.json").replace("@TOPIC@", topic)
                        .replace("@CONNECTOR@", connector);
                for (int i = 0; i < 3; i++) {
                    JsonNode key = parse(records.get(i).key());
                    assertEquals(List.of("schema", "payload"), fieldNames(key));
                    assertEquals(canonical(keySchema), key.get("schema").toString(), "key schema");
                    assertEquals("{\"id\":" + (i + 1) + "}", key.get("payload").toString());

                    JsonNode value = parse(records.get(i).value());
                    assertEquals(List.of("schema", "payload"), fieldNames(value));
                    String withColumns = i < 2 ? columns
                            : columns.substring(0, columns.lastIndexOf(']')) + ",{\"type\":\"int32\","
                                    + "\"optional\":false,\"default\":7,\"field\":\"extra\"}]";
                    assertEquals(canonical(envelope.replace("@COLUMNS@", withColumns)), value.get("schema").toString(),
                            "value schema of record " + (i + 1));
                    JsonNode payload = value.get("payload");
                    assertEquals(ChangeEvents.ENVELOPE_FIELDS, fieldNames(payload));
                    assertEquals(i == 0 ? "r" : "c", payload.get("op").asText());
                    assertEquals("AJY=", payload.get("after").get("dec10").asText(), "the column default in the row");
                    assertEquals(10958, payload.get("after").get("d").asInt());
                }

                List<ConsumerRecord<String, String>> beats = KafkaTopics.await("__sluice-heartbeat." + db.connector(),
                        1, WAIT);
                assertEquals(canonical("{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"string\","
                        + "\"optional\":false,\"field\":\"serverName\"}],\"optional\":false,"
                        + "\"name\":\"io.debezium.connector.common.ServerNameKey\",\"version\":1},"
                        + "\"payload\":{\"serverName\":\"" + db.connector() + "\"}}"), parse(beats.get(0).key()).toString());
                JsonNode beat = parse(beats.get(0).value());
                assertEquals(canonical("{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,"
                        + "\"field\":\"ts_ms\"}],\"optional\":false,\"name\":\"io.debezium.connector.common.Heartbeat\","
                        + "\"version\":1}"), beat.get("schema").toString());
                assertTrue(beat.get("payload").get("ts_ms").asLong() > 1_700_000_000_000L);

                List<ConsumerRecord<String, String>> changes = KafkaTopics.await(db.connector(), "the ALTER TABLE event",
                        all -> all.stream().anyMatch(r -> r.value().contains("ADD COLUMN extra")), WAIT);
                ConsumerRecord<String, String> alter = changes.stream()
                        .filter(r -> r.value().contains("ADD COLUMN extra")).findFirst().orElseThrow();
                assertEquals(canonical("{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"string\","
                        + "\"optional\":false,\"field\":\"databaseName\"}],\"optional\":false,"
                        + "\"name\":\"io.debezium.connector." + connector + ".SchemaChangeKey\",\"version\":1},"
                        + "\"payload\":{\"databaseName\":\"" + db.name() + "\"}}"), parse(alter.key()).toString());
                JsonNode change = parse(alter.value());
                assertEquals("io.debezium.connector." + connector + ".SchemaChangeValue",
                        change.get("schema").get("name").asText());
                assertEquals(List.of("source", "ts_ms", "databaseName", "schemaName", "ddl", "tableChanges"),
                        fieldNames(change.get("payload")));
                JsonNode tableChange = change.get("payload").get("tableChanges").get(0);
                assertEquals(List.of("type", "id", "table"), fieldNames(tableChange));
                assertEquals(List.of("defaultCharsetName", "primaryKeyColumnNames", "columns", "comment"),
                        fieldNames(tableChange.get("table")));
                assertEquals(List.of("name", "jdbcType", "nativeType", "typeName", "typeExpression", "charsetName",
                        "length", "scale", "position", "optional", "autoIncremented", "generated", "comment",
                        "defaultValueExpression", "enumValues"), fieldNames(tableChange.get("table").get("columns").get(0)));
            }
        }
    }

    @Test
    void handlingModesChangeTheDeclaredTypes() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "schemamodes")) {
            server.execute("CREATE TABLE " + db.name() + ".m (id INT PRIMARY KEY, b VARBINARY(4) DEFAULT 'ab',"
                    + " dec10 DECIMAL(10,2) DEFAULT 2.5, biu BIGINT UNSIGNED, d DATE, t6 TIME(6) DEFAULT '01:00:00',"
                    + " dt6 DATETIME(6), ts6 TIMESTAMP(6) NULL)",
                    "INSERT INTO " + db.name() + ".m (id) VALUES (1)");
            Map<String, String> env = SluiceProcess.env(server, db.connector(), db.name() + ".*");
            env.put("SLUICE_SNAPSHOT_MODE", "initial");
            env.put("SLUICE_SCHEMAS_ENABLE", "true");
            env.put("SLUICE_BINARY_HANDLING_MODE", "hex");
            env.put("SLUICE_DECIMAL_HANDLING_MODE", "string");
            env.put("SLUICE_BIGINT_UNSIGNED_HANDLING_MODE", "precise");
            env.put("SLUICE_TIME_PRECISION_MODE", "connect");
            try (SluiceProcess sluice = SluiceProcess.start("schemas-modes", env)) {
                sluice.awaitStreaming();
                JsonNode value = parse(KafkaTopics.await(db.topic("m"), 1, WAIT).get(0).value());
                String expected = "[{\"type\":\"int32\",\"optional\":false,\"field\":\"id\"},"
                        + "{\"type\":\"string\",\"optional\":true,\"default\":\"6162\",\"field\":\"b\"},"
                        + "{\"type\":\"string\",\"optional\":true,\"default\":\"2.50\",\"field\":\"dec10\"},"
                        + "{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\","
                        + "\"version\":1,\"parameters\":{\"scale\":\"0\",\"connect.decimal.precision\":\"20\"},"
                        + "\"field\":\"biu\"},"
                        + "{\"type\":\"int32\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Date\","
                        + "\"version\":1,\"field\":\"d\"},"
                        + "{\"type\":\"int32\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Time\","
                        + "\"version\":1,\"default\":3600000,\"field\":\"t6\"},"
                        + "{\"type\":\"int64\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Timestamp\","
                        + "\"version\":1,\"field\":\"dt6\"},"
                        + "{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.time.ZonedTimestamp\","
                        + "\"version\":1,\"field\":\"ts6\"}]";
                assertEquals(canonical(expected), value.get("schema").get("fields").get(1).get("fields").toString());
                assertEquals("6162", value.get("payload").get("after").get("b").asText());
            }
        }
    }

    /** MariaDB stores JSON as LONGTEXT with a check constraint: a plain string, as Debezium reads it there. */
    private static String columns(boolean mariadb) {
        String columns = resource("table-columns.json");
        if (mariadb) {
            columns = columns.replace("\"name\":\"io.debezium.data.Json\",\"version\":1,", "");
        }
        return columns;
    }

    private static String resource(String name) {
        try (InputStream in = SchemasEnabledIT.class.getResourceAsStream("/schemas/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("test resource schemas/" + name + " is missing", e);
        }
    }

    /** The same JSON without the layout whitespace of the resource files, keeping field order. */
    private static String canonical(String json) {
        return parse(json).toString();
    }
}
