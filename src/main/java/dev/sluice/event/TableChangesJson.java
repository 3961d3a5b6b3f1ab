package dev.sluice.event;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.schema.ColumnDef;
import dev.sluice.schema.SchemaModel.TableChange;
import dev.sluice.schema.TableSchema;
import dev.sluice.schema.types.ColumnType;
import dev.sluice.schema.types.ColumnTypes;

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
        ColumnType type = ColumnTypes.of(c);
        g.writeStringField("name", c.name());
        g.writeNumberField("jdbcType", type.jdbcType(c));
        g.writeNullField("nativeType");
        String typeName = c.dataType().toUpperCase(Locale.ROOT) + (c.unsigned() ? " UNSIGNED" : "");
        g.writeStringField("typeName", typeName);
        g.writeStringField("typeExpression", typeName); // Debezium's: the name, without lengths or members
        g.writeStringField("charsetName", c.charset());
        long displayWidth = type.showsDisplayWidth() ? displayWidth(c) : 0;
        writeOptional(g, "length", mariadb && displayWidth > 0 ? displayWidth : type.changeEventLength(c));
        writeOptional(g, "scale", type.changeEventScale(c));
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

    /** The display width a type shows ({@code int(11)}, as MariaDB's information_schema always does); 0 if none. */
    private static long displayWidth(ColumnDef c) {
        String type = c.columnType();
        int open = type.indexOf('(');
        int close = type.indexOf(')');
        return open > 0 && close > open ? Long.parseLong(type.substring(open + 1, close).trim()) : 0;
    }

    private static void writeOptional(JsonGenerator g, String field, long value) throws IOException {
        if (value < 0) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }
}
