package dev.sluice.event;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.schema.ColumnDef;
import dev.sluice.schema.JdbcTypes;
import dev.sluice.schema.SchemaModel.TableChange;
import dev.sluice.schema.TableSchema;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The {@code tableChanges} of a consumer-facing schema-change event, in the shape of Debezium's
 * Connect struct ({@code io.debezium.connector.schema.Change}): exactly its fields, in its order.
 */
final class TableChangesJson {

    private TableChangesJson() {
    }

    /** @param mariadb integer columns carry a display width their type shows, as Debezium's MariaDB connector reports */
    static void write(JsonGenerator g, List<TableChange> changes, boolean mariadb) throws IOException {
        g.writeStartArray();
        for (TableChange change : changes) {
            g.writeStartObject();
            g.writeStringField("type", change.type().name());
            g.writeStringField("id", "\"" + change.id().database() + "\".\"" + change.id().table() + "\"");
            g.writeFieldName("table");
            if (change.table() == null) {
                g.writeNull();
            } else {
                writeTable(g, change.table(), mariadb);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeTable(JsonGenerator g, TableSchema table, boolean mariadb) throws IOException {
        g.writeStartObject();
        g.writeStringField("defaultCharsetName", table.defaultCharset());
        g.writeArrayFieldStart("primaryKeyColumnNames"); // Debezium names the unique key a table without one uses
        for (String name : table.keyColumns()) {
            g.writeString(name);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("columns");
        for (ColumnDef column : table.columns()) {
            writeColumn(g, column, mariadb);
        }
        g.writeEndArray();
        g.writeNullField("comment");
        g.writeEndObject();
    }

    private static void writeColumn(JsonGenerator g, ColumnDef c, boolean mariadb) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", c.name());
        g.writeNumberField("jdbcType", JdbcTypes.of(c));
        g.writeNullField("nativeType");
        String typeName = c.dataType().toUpperCase(Locale.ROOT) + (c.unsigned() ? " UNSIGNED" : "");
        g.writeStringField("typeName", typeName);
        g.writeStringField("typeExpression", typeName); // Debezium's: the name, without lengths or members
        g.writeStringField("charsetName", c.charset());
        writeOptional(g, "length", mariadb && displayWidth(c) > 0 ? displayWidth(c) : length(c));
        writeOptional(g, "scale", isTemporal(c) ? -1 : c.scale());
        g.writeNumberField("position", c.position());
        g.writeBooleanField("optional", c.nullable());
        g.writeBooleanField("autoIncremented", c.autoIncrement());
        g.writeBooleanField("generated", c.generated() || c.autoIncrement()); // Debezium counts AUTO_INCREMENT as generated
        g.writeNullField("comment");
        g.writeStringField("defaultValueExpression", c.defaultValue());
        g.writeFieldName("enumValues");
        if (c.allowedValues().isEmpty()) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (String value : c.allowedValues()) {
                g.writeString("'" + value.replace("'", "''") + "'"); // as the DDL spells them, as Debezium keeps them
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /**
     * Debezium's length: a temporal column's fraction digits (none for 0), a TINYINT(1)'s width,
     * an ENUM's 1, a SET's longest value (every member and the commas), a VECTOR's dimensions (its
     * length, as for character and binary types).
     */
    private static long length(ColumnDef c) {
        String type = c.dataType();
        if (isTemporal(c)) {
            return c.scale() > 0 ? c.scale() : -1;
        }
        return switch (type) {
            case "tinyint" -> c.columnType().startsWith("tinyint(1)") ? 1 : -1;
            case "enum" -> 1;
            case "set" -> c.allowedValues().isEmpty() ? -1 : String.join(",", c.allowedValues()).length();
            default -> c.length();
        };
    }

    /**
     * The display width of an integer or YEAR column where its type shows one ({@code int(11)}, as
     * MariaDB's information_schema always does); 0 otherwise.
     */
    private static long displayWidth(ColumnDef c) {
        String type = c.columnType();
        int open = type.indexOf('(');
        int close = type.indexOf(')');
        boolean integral = switch (c.dataType()) {
            case "tinyint", "smallint", "mediumint", "int", "integer", "bigint", "year" -> true;
            default -> false;
        };
        return integral && open > 0 && close > open ? Long.parseLong(type.substring(open + 1, close).trim()) : 0;
    }

    private static boolean isTemporal(ColumnDef c) {
        return c.dataType().equals("time") || c.dataType().equals("datetime") || c.dataType().equals("timestamp");
    }

    private static void writeOptional(JsonGenerator g, String field, long value) throws IOException {
        if (value < 0) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }
}
