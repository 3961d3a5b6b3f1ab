package dev.sluice.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;
import dev.sluice.schema.TableId;
import dev.sluice.schema.TableSchema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The source block follows every change of its SourceInfo, though the writer keeps most of it as bytes. */
class ChangeEventWriterTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final ChangeEventWriter writer = new ChangeEventWriter();

    @Test
    void sourceBlockFollowsPositionRowAndTransaction() throws Exception {
        SourceInfo source = new SourceInfo("mysql", "shop \"eu\"");
        source.transaction("uuid:1", 7, 1_700_000_000_123_456L);
        source.event("inventory", "orders", 42, "binlog.000003", 4_000);
        source.row(0);
        JsonNode first = sourceOf(source);
        assertEquals("{\"version\":\"" + SourceInfo.VERSION + "\",\"connector\":\"mysql\",\"name\":\"shop \\\"eu\\\"\","
                + "\"ts_ms\":1700000000123,\"snapshot\":\"false\",\"db\":\"inventory\",\"sequence\":null,"
                + "\"ts_us\":1700000000123456,\"ts_ns\":1700000000123456000,\"table\":\"orders\",\"server_id\":42,"
                + "\"gtid\":\"uuid:1\",\"file\":\"binlog.000003\",\"pos\":4000,\"row\":0,\"thread\":7,\"query\":null}",
                mapper.writeValueAsString(first));

        source.event("inventory", "orders", 42, "binlog.000003", 4_321);
        source.row(5);
        JsonNode sameTransaction = sourceOf(source);
        assertEquals(4_321, sameTransaction.get("pos").asLong());
        assertEquals(5, sameTransaction.get("row").asInt());
        assertEquals("uuid:1", sameTransaction.get("gtid").asText());
        source.row(4_096);
        assertEquals(4_096, sourceOf(source).get("row").asInt());

        source.transaction("uuid:2", -1, 1_700_000_001_000_000L);
        source.event("inventory", "customers", 42, "binlog.000004", 4);
        source.row(0);
        JsonNode next = sourceOf(source);
        assertEquals("uuid:2", next.get("gtid").asText());
        assertTrue(next.get("thread").isNull());
        assertEquals("customers", next.get("table").asText());
        assertEquals("binlog.000004", next.get("file").asText());
        assertEquals(1_700_000_001_000L, next.get("ts_ms").asLong());
        assertEquals(4, next.get("pos").asLong());

        source.commitMicros(1_700_000_002_000_001L);
        JsonNode later = sourceOf(source);
        assertEquals(1_700_000_002_000L, later.get("ts_ms").asLong());
        assertEquals(1_700_000_002_000_001L, later.get("ts_us").asLong());
        assertEquals(1_700_000_002_000_001_000L, later.get("ts_ns").asLong());

        source.snapshot("last");
        assertEquals("last", sourceOf(source).get("snapshot").asText());
        source.thread(9);
        source.gtid("uuid:3");
        JsonNode changed = sourceOf(source);
        assertEquals(9, changed.get("thread").asLong());
        assertEquals("uuid:3", changed.get("gtid").asText());
    }

    /** Debezium 3.6's order, in the payload and in the Connect schema: the transaction block follows the source. */
    @Test
    void envelopeFieldsFollowDebeziumsOrder() throws Exception {
        List<String> order = List.of("before", "after", "source", "transaction", "op", "ts_ms", "ts_us", "ts_ns");
        TableSchema table = new TableSchema(new TableId("inventory", "t"), List.of(new ColumnDef("id", 1, "int", "int",
                false, false, null, -1, -1, List.of(), false, false, null, false)), List.of("id"), "utf8mb4");
        RowCodec codec = new RowCodec(table, "shop.inventory.t", ConversionOptions.defaults());
        SourceInfo source = new SourceInfo("mysql", "shop");
        source.event("inventory", "t", 1, "binlog.000001", 4);
        ChangeEventWriter withSchemas = new ChangeEventWriter(true, "mysql");
        JsonNode event = mapper.readTree(withSchemas.value(codec, Operation.CREATE, null, new Object[] {1}, source, 0));
        List<String> payloadFields = new java.util.ArrayList<>();
        event.get("payload").fieldNames().forEachRemaining(payloadFields::add);
        assertEquals(order, payloadFields, "payload");
        List<String> schemaFields = new java.util.ArrayList<>();
        event.get("schema").get("fields").forEach(field -> schemaFields.add(field.get("field").asText()));
        assertEquals(order, schemaFields, "schema");
    }

    /** Column defaults in the Connect schema: exact, escaped, and none for expressions. */
    @Test
    void schemaDefaultsAreExact() throws Exception {
        List<ColumnDef> columns = List.of(
                new ColumnDef("id", 1, "int", "int", false, false, null, -1, -1, List.of(), false, false, null, false),
                new ColumnDef("biu", 2, "bigint", "bigint unsigned", true, true, null, -1, -1, List.of(), false, false,
                        "18446744073709551615", false),
                new ColumnDef("t", 3, "text", "text", false, true, "utf8mb4", -1, -1, List.of(), false, false,
                        "_utf8mb4\\'text-expr\\'", true),
                new ColumnDef("v", 4, "varchar", "varchar(20)", false, true, "utf8mb4", 20, -1, List.of(), false, false,
                        "h\u00e9llo \ud83d\ude00", false),
                new ColumnDef("e", 5, "enum", "enum('x,y','z\\\\')", false, true, null, -1, -1, List.of("x,y", "z\\"),
                        false, false, "x,y", false));
        TableSchema table = new TableSchema(new TableId("inventory", "d"), columns, List.of("id"), "utf8mb4");
        ConversionOptions precise = new ConversionOptions(ConversionOptions.BinaryMode.BYTES,
                ConversionOptions.DecimalMode.PRECISE, ConversionOptions.BigintUnsignedMode.PRECISE,
                ConversionOptions.TimePrecisionMode.ADAPTIVE_TIME_MICROSECONDS, true);
        RowCodec codec = new RowCodec(table, "shop.inventory.d", precise);
        SourceInfo source = new SourceInfo("mysql", "shop");
        source.event("inventory", "d", 1, "binlog.000001", 4);
        JsonNode event = mapper.readTree(new ChangeEventWriter(true, "mysql").value(codec, Operation.CREATE, null,
                new Object[] {1, null, null, null, null}, source, 0));
        java.util.Map<String, JsonNode> fields = new java.util.HashMap<>();
        event.get("schema").get("fields").get(1).get("fields").forEach(f -> fields.put(f.get("field").asText(), f));
        assertEquals("AP//////////", fields.get("biu").get("default").asText(), "2^64-1 in full, not clamped");
        assertTrue(fields.get("t").path("default").isMissingNode(), "an expression default gives none");
        assertEquals("h\u00e9llo \ud83d\ude00", fields.get("v").get("default").asText());
        assertEquals("x\\,y,z\\\\", fields.get("e").get("parameters").get("allowed").asText());
        assertEquals("x,y", fields.get("e").get("default").asText());
    }

    private JsonNode sourceOf(SourceInfo source) throws Exception {
        byte[] value = writer.schemaChangeValue(source, "inventory", "DROP TABLE t", List.of(), 0);
        JsonNode event = mapper.readTree(value);
        assertEquals("DROP TABLE t", event.get("ddl").asText());
        return event.get("source");
    }

    /** Debezium's transaction records and data-event block: counts per table in the order they appeared. */
    @Test
    void transactionRecordsAndBlock() throws Exception {
        TransactionMetadata transaction = new TransactionMetadata();
        transaction.start("uuid:9", 1_700_000_000_000L);
        assertEquals("{\"status\":\"BEGIN\",\"id\":\"uuid:9\",\"event_count\":null,\"data_collections\":null,"
                + "\"ts_ms\":1700000000000}", new String(writer.transactionValue(transaction, false,
                transaction.startMillis())));
        TableSchema table = new TableSchema(new TableId("inventory", "t"), List.of(new ColumnDef("id", 1, "int",
                "int", false, false, null, -1, -1, List.of(), false, false, null, false)), List.of("id"), "utf8mb4");
        RowCodec codec = new RowCodec(table, "shop.inventory.t", ConversionOptions.defaults());
        SourceInfo source = new SourceInfo("mysql", "shop");
        source.event("inventory", "t", 1, "binlog.000001", 4);
        transaction.next("inventory.b");
        transaction.next("inventory.t");
        transaction.next("inventory.b");
        JsonNode block = mapper.readTree(writer.value(codec, Operation.CREATE, null, new Object[] {1}, source,
                transaction, 0)).get("transaction");
        assertEquals("{\"id\":\"uuid:9\",\"total_order\":3,\"data_collection_order\":2}", block.toString());
        assertEquals("{\"id\":\"uuid:9\"}", new String(writer.transactionKey(transaction)));
        JsonNode end = mapper.readTree(new ChangeEventWriter(true, "mysql").transactionValue(transaction, true, 5));
        assertEquals("io.debezium.connector.common.TransactionMetadataValue", end.at("/schema/name").asText());
        assertEquals("{\"status\":\"END\",\"id\":\"uuid:9\",\"event_count\":3,\"data_collections\":["
                + "{\"data_collection\":\"inventory.b\",\"event_count\":2},{\"data_collection\":\"inventory.t\","
                + "\"event_count\":1}],\"ts_ms\":5}", end.get("payload").toString());
        transaction.start("uuid:10", 0);
        assertTrue(!transaction.announced());
    }
}
