package dev.sluice.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.config.ColumnControls;
import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;
import dev.sluice.schema.TableId;
import dev.sluice.schema.TableSchema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Column lists and configured keys shape the payloads and their Connect schemas alike. */
class ColumnControlsWritingTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final TableSchema table = new TableSchema(new TableId("shop", "users"), List.of(
            column("id", 1, "int", false), column("email", 2, "varchar", true),
            column("password", 3, "varchar", true), column("tenant", 4, "int", false)), List.of("id"), "utf8mb4");
    private final Object[] row = {7, "a@b.c".getBytes(), "secret".getBytes(), 3};

    @Test
    void excludedColumnsLeaveValuesAndSchemasButNotTheKey() throws Exception {
        RowCodec codec = codec(ColumnControls.of(List.of(), ColumnControls.columnList("*.users.password, shop.*.id"),
                List.of()));
        JsonNode event = write(codec);
        assertEquals(List.of("email", "tenant"), names(event.at("/payload/after")));
        assertEquals(List.of("email", "tenant"), schemaFields(event.at("/schema/fields/1")));
        JsonNode key = mapper.readTree(new ChangeEventWriter(true, "mysql").key(codec, row));
        assertEquals(7, key.at("/payload/id").asInt(), "Debezium keys by the primary key whatever the value holds");
    }

    @Test
    void anIncludeListKeepsOnlyItsColumns() throws Exception {
        RowCodec codec = codec(ColumnControls.of(ColumnControls.columnList("/shop\\.users\\.(id|email)/"), List.of(),
                List.of()));
        assertEquals(List.of("id", "email"), names(write(codec).at("/payload/after")));
    }

    @Test
    void configuredKeyColumnsKeyTheRecordInTheirOrder() throws Exception {
        RowCodec codec = codec(ColumnControls.of(List.of(), List.of(),
                ColumnControls.keys("other.t:x; shop.us*:TENANT,id")));
        JsonNode key = mapper.readTree(new ChangeEventWriter(true, "mysql").key(codec, row));
        assertEquals(List.of("tenant", "id"), names(key.get("payload")));
        assertEquals(List.of("tenant", "id"), schemaFields(key.get("schema")));
        assertEquals(3, key.at("/payload/tenant").asInt());
    }

    @Test
    void aKeyColumnTheTableLacksStopsWithTheTableAndTheSetting() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> codec(ColumnControls.of(List.of(),
                List.of(), ColumnControls.keys("shop.users:tenant,region"))));
        assertTrue(e.getMessage().contains("SLUICE_MESSAGE_KEY_COLUMNS") && e.getMessage().contains("region")
                && e.getMessage().contains("shop.users"), e.getMessage());
    }

    @Test
    void malformedEntriesAreRefusedWithTheirText() {
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> ColumnControls.keys("shop.users"));
        assertTrue(key.getMessage().contains("'shop.users'"), key.getMessage());
        IllegalArgumentException column = assertThrows(IllegalArgumentException.class,
                () -> ColumnControls.columnList("shop.users"));
        assertTrue(column.getMessage().contains("db.table.column"), column.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ColumnControls.of(ColumnControls.columnList("a.b.c"),
                ColumnControls.columnList("a.b.d"), List.of()));
    }

    @Test
    void aRoutedTopicNamesTheSchemasAndTagsTheKey() throws Exception {
        ConversionOptions d = ConversionOptions.defaults();
        RowCodec codec = new RowCodec(table, new RecordTopic("p.all_users", "__dbz__physicalTableIdentifier",
                "p.shop.users"), new ConversionOptions(d.binaryMode(), d.decimalMode(), d.bigintUnsignedMode(),
                d.timePrecisionMode(), true));
        JsonNode key = mapper.readTree(new ChangeEventWriter(true, "mysql").key(codec, row));
        assertEquals("{\"id\":7,\"__dbz__physicalTableIdentifier\":\"p.shop.users\"}", key.get("payload").toString());
        assertEquals("p.all_users.Key", key.at("/schema/name").asText());
        assertEquals("string", key.at("/schema/fields/1/type").asText());
        JsonNode event = write(codec);
        assertEquals("p.all_users.Envelope", event.at("/schema/name").asText());
        assertEquals("p.all_users.Value", event.at("/schema/fields/1/name").asText());
        assertEquals("users", event.at("/payload/source/table").asText(), "the source names the physical table");
    }

    private RowCodec codec(ColumnControls controls) {
        ConversionOptions d = ConversionOptions.defaults();
        return new RowCodec(table, "p.shop.users", new ConversionOptions(d.binaryMode(), d.decimalMode(),
                d.bigintUnsignedMode(), d.timePrecisionMode(), true, controls));
    }

    private JsonNode write(RowCodec codec) throws Exception {
        SourceInfo source = new SourceInfo("mysql", "p");
        source.event("shop", "users", 1, "binlog.000001", 4);
        return mapper.readTree(new ChangeEventWriter(true, "mysql").value(codec, Operation.CREATE, null, row, source,
                0));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> schemaFields(JsonNode struct) {
        List<String> names = new ArrayList<>();
        struct.get("fields").forEach(f -> names.add(f.get("field").asText()));
        return names;
    }

    private static ColumnDef column(String name, int position, String type, boolean nullable) {
        boolean text = type.equals("varchar");
        return new ColumnDef(name, position, type, text ? "varchar(40)" : type, false, nullable,
                text ? "utf8mb4" : null, text ? 40 : -1, -1, List.of(), false, false, null, false);
    }
}
