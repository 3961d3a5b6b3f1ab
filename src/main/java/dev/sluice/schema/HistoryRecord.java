package dev.sluice.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.schema.SchemaModel.TableChange;
import dev.sluice.schema.types.ColumnTypes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One schema-history record: a DDL statement (or, for a snapshot record, the definitions read
 * from the server) with its binlog position and the table definitions that resulted. Its JSON
 * follows Debezium's history record ({@code source}, {@code position}, {@code databaseName},
 * {@code ddl}, {@code tableChanges}) and adds {@code snapshot} and {@code databaseCharsets}.
 * Recovery applies the resulting definitions, never re-parses the DDL. A snapshot of many tables
 * is cut into parts that each fit a Kafka record ({@code snapshotPart} of {@code snapshotParts},
 * both 1 when whole, and then not written).
 */
public record HistoryRecord(
        String server,
        HistoryPosition position,
        long tsMs,
        String database,
        String ddl,
        boolean snapshot,
        Map<String, String> databaseCharsets,
        List<TableChange> changes,
        int part,
        int parts) {

    /** A record that is whole, not a part of a larger snapshot. */
    public HistoryRecord(String server, HistoryPosition position, long tsMs, String database, String ddl,
            boolean snapshot, Map<String, String> databaseCharsets, List<TableChange> changes) {
        this(server, position, tsMs, database, ddl, snapshot, databaseCharsets, changes, 1, 1);
    }

    /** Whether this record and its {@code parts - 1} successors form one snapshot. */
    boolean startsSnapshotOf(List<HistoryRecord> records, int index) {
        if (!snapshot || part != 1 || index + parts > records.size()) {
            return false;
        }
        for (int k = 1; k < parts; k++) {
            HistoryRecord next = records.get(index + k);
            if (!next.snapshot || next.part != k + 1 || next.parts != parts || !next.position.equals(position)) {
                return false;
            }
        }
        return true;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("source").put("server", server);
        ObjectNode pos = root.putObject("position");
        pos.put("file", position.file()).put("pos", position.pos()).put("gtids", position.gtids());
        if (position.sourceServer() != null) {
            pos.put("source_server", position.sourceServer());
        }
        root.put("ts_ms", tsMs);
        root.put("databaseName", database);
        root.putNull("schemaName");
        root.put("ddl", ddl);
        root.put("snapshot", snapshot);
        if (parts > 1) {
            root.put("snapshotPart", part).put("snapshotParts", parts);
        }
        ObjectNode charsets = root.putObject("databaseCharsets");
        databaseCharsets.forEach(charsets::put);
        root.set("tableChanges", tableChangesJson(changes));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Debezium's {@code tableChanges} array (also the payload of schema-change events). */
    private static ArrayNode tableChangesJson(List<TableChange> changes) {
        ArrayNode tableChanges = JSON.createArrayNode();
        for (TableChange change : changes) {
            ObjectNode node = tableChanges.addObject();
            node.put("type", change.type().name());
            node.put("id", "\"" + change.id().database() + "\".\"" + change.id().table() + "\"");
            if (change.table() != null) {
                writeTable(node.putObject("table"), change.table());
            }
        }
        return tableChanges;
    }

    static void writeTable(ObjectNode node, TableSchema table) {
        node.put("defaultCharsetName", table.defaultCharset());
        ArrayNode key = node.putArray("primaryKeyColumnNames");
        table.primaryKey().forEach(key::add);
        ArrayNode columns = node.putArray("columns");
        for (ColumnDef c : table.columns()) {
            ObjectNode column = columns.addObject();
            column.put("name", c.name());
            column.put("jdbcType", ColumnTypes.of(c).jdbcType(c));
            column.putNull("nativeType");
            column.put("typeName", c.dataType().toUpperCase(Locale.ROOT));
            column.put("typeExpression", c.columnType().toUpperCase(Locale.ROOT));
            column.put("charsetName", c.charset());
            putOptional(column, "length", c.length());
            putOptional(column, "scale", c.scale());
            column.put("position", c.position());
            column.put("optional", c.nullable());
            column.put("autoIncremented", c.autoIncrement());
            column.put("generated", c.generated());
            column.put("unsigned", c.unsigned());
            column.put("hasDefaultValue", c.defaultValue() != null);
            column.put("defaultValueExpression", c.defaultValue());
            column.put("defaultIsExpression", c.defaultIsExpression());
            if (c.allowedValues().isEmpty()) {
                column.putNull("enumValues");
            } else {
                ArrayNode values = column.putArray("enumValues");
                c.allowedValues().forEach(values::add);
            }
        }
        node.putArray("attributes");
        ArrayNode indexes = node.putArray("indexes"); // Sluice's own: Debezium's history has no indexes
        for (IndexDef index : table.indexes()) {
            ObjectNode written = indexes.addObject();
            written.put("name", index.name());
            written.put("unique", index.unique());
            index.columns().forEach(written.putArray("columns")::add);
            written.put("prefixed", index.prefixed());
            written.put("functional", index.functional());
        }
    }

    private static void putOptional(ObjectNode node, String field, long value) {
        if (value < 0) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    /**
     * @throws IllegalArgumentException naming what is wrong with the record
     */
    public static HistoryRecord fromJson(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // the original message leaves out the location, which would add a second line
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        JsonNode pos = root == null ? null : root.get("position");
        if (pos == null || !pos.path("file").isTextual() || !pos.path("pos").canConvertToLong()) {
            throw new IllegalArgumentException("a record without a position");
        }
        Map<String, String> charsets = new LinkedHashMap<>();
        root.path("databaseCharsets").fields().forEachRemaining(e -> charsets.put(e.getKey(), e.getValue().asText()));
        List<TableChange> changes = new ArrayList<>();
        for (JsonNode change : root.path("tableChanges")) {
            TableId id = parseId(change.path("id").asText());
            TableChange.Type type = TableChange.Type.valueOf(change.path("type").asText());
            changes.add(new TableChange(type, id, type == TableChange.Type.DROP ? null : readTable(id, change.get("table"))));
        }
        return new HistoryRecord(root.path("source").path("server").asText(null),
                new HistoryPosition(pos.get("file").asText(), pos.get("pos").asLong(), textOrNull(pos.get("gtids")),
                        textOrNull(pos.get("source_server"))),
                root.path("ts_ms").asLong(), textOrNull(root.get("databaseName")), textOrNull(root.get("ddl")),
                root.path("snapshot").asBoolean(false), charsets, changes, root.path("snapshotPart").asInt(1),
                root.path("snapshotParts").asInt(1));
    }

    private static TableSchema readTable(TableId id, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a table change for " + id + " without its table");
        }
        List<ColumnDef> columns = new ArrayList<>();
        for (JsonNode c : node.path("columns")) {
            List<String> values = new ArrayList<>();
            c.path("enumValues").forEach(v -> values.add(v.asText()));
            columns.add(new ColumnDef(c.path("name").asText(), c.path("position").asInt(),
                    c.path("typeName").asText().toLowerCase(Locale.ROOT),
                    c.path("typeExpression").asText().toLowerCase(Locale.ROOT), c.path("unsigned").asBoolean(),
                    c.path("optional").asBoolean(), textOrNull(c.get("charsetName")),
                    c.path("length").isNull() || c.path("length").isMissingNode() ? -1 : c.path("length").asLong(),
                    c.path("scale").isNull() || c.path("scale").isMissingNode() ? -1 : c.path("scale").asInt(),
                    values, c.path("autoIncremented").asBoolean(), c.path("generated").asBoolean(),
                    textOrNull(c.get("defaultValueExpression")), c.path("defaultIsExpression").asBoolean(false)));
        }
        List<String> key = new ArrayList<>();
        node.path("primaryKeyColumnNames").forEach(k -> key.add(k.asText()));
        List<IndexDef> indexes = new ArrayList<>();
        for (JsonNode index : node.path("indexes")) {
            List<String> indexColumns = new ArrayList<>();
            index.path("columns").forEach(c -> indexColumns.add(c.asText()));
            indexes.add(new IndexDef(index.path("name").asText(), index.path("unique").asBoolean(), indexColumns,
                    index.path("prefixed").asBoolean(), index.path("functional").asBoolean()));
        }
        return new TableSchema(id, columns, key, indexes, textOrNull(node.get("defaultCharsetName")));
    }

    /** {@code "db"."table"} as Debezium writes table ids. */
    static TableId parseId(String id) {
        int split = id.indexOf("\".\"");
        if (!id.startsWith("\"") || !id.endsWith("\"") || split < 0) {
            throw new IllegalArgumentException("a table id that is not \"db\".\"table\": " + id);
        }
        return new TableId(id.substring(1, split), id.substring(split + 3, id.length() - 1));
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
