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

    static void write(JsonGenerator g, List<TableChange> changes) throws IOException {
        g.writeStartArray();
        for (TableChange change : changes) {
            g.writeStartObject();
            g.writeStringField("type", change.type().name());
            g.writeStringField("id", "\"" + change.id().database() + "\".\"" + change.id().table() + "\"");
            g.writeFieldName("table");
            if (change.table() == null) {
                g.writeNull();
            } else {
                writeTable(g, change.table());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeTable(JsonGenerator g, TableSchema table) throws IOException {
        g.writeStartObject();
        g.writeStringField("defaultCharsetName", table.defaultCharset());
        g.writeArrayFieldStart("primaryKeyColumnNames"); // Debezium names the unique key a table without one uses
        for (String name : table.keyColumns()) {
            g.writeString(name);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("columns");
        for (ColumnDef column : table.columns()) {
            writeColumn(g, column);
        }
        g.writeEndArray();
        g.writeNullField("comment");
        g.writeEndObject();
    }

    private static void writeColumn(JsonGenerator g, ColumnDef c) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", c.name());
        g.writeNumberField("jdbcType", JdbcTypes.of(c));
        g.writeNullField("nativeType");
        String typeName = c.dataType().toUpperCase(Locale.ROOT) + (c.unsigned() ? " UNSIGNED" : "");
        g.writeStringField("typeName", typeName);
        g.writeStringField("typeExpression", typeName); // Debezium's: the name, without lengths or members
        g.writeStringField("charsetName", c.charset());
        writeOptional(g, "length", c.length());
        writeOptional(g, "scale", c.scale());
        g.writeNumberField("position", c.position());
        g.writeBooleanField("optional", c.nullable());
        g.writeBooleanField("autoIncremented", c.autoIncrement());
        g.writeBooleanField("generated", c.generated());
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

    private static void writeOptional(JsonGenerator g, String field, long value) throws IOException {
        if (value < 0) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }
}
