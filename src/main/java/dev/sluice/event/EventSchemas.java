package dev.sluice.event;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.config.FlatRows;
import dev.sluice.schema.ColumnDef;
import dev.sluice.schema.types.ColumnTypes;
import dev.sluice.schema.types.ConnectSchema;
import dev.sluice.schema.types.ValueWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Connect schemas Debezium attaches to its records when the converter has
 * {@code schemas.enable=true}, rendered once to JSON text: a table's key and envelope, the
 * {@code source} block, heartbeats and schema-change events.
 */
public final class EventSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SNAPSHOT_VALUES =
            "true,first,first_in_data_collection,last_in_data_collection,last,false,incremental";

    /**
     * A table's key schema (null without a key), envelope schema, and flat-row value schema (null
     * unless rows are written flat).
     */
    record ForTable(String key, String envelope, String flatValue) {
    }

    private EventSchemas() {
    }

    static ForTable forTable(RowCodec codec, String connector) {
        String topic = codec.topic();
        List<ColumnDef> columns = codec.schema().columns();
        ConnectSchema key = null;
        if (codec.hasKey()) {
            key = ConnectSchema.struct().name(topic + ".Key");
            for (int index : codec.keyIndexes()) {
                key.field(columns.get(index).name(), column(codec, index, false));
            }
            if (codec.keyTagField() != null) {
                key.field(codec.keyTagField(), ConnectSchema.of("string"));
            }
        }
        ConnectSchema value = ConnectSchema.struct().name(topic + ".Value").optional();
        for (int index : codec.valueIndexes()) {
            value.field(columns.get(index).name(), column(codec, index, true));
        }
        ConnectSchema envelope = ConnectSchema.struct().name(topic + ".Envelope").version(2)
                .field("before", value)
                .field("after", value)
                .field("source", source(connector))
                .field("transaction", ConnectSchema.struct().optional().name("event.block").version(1)
                        .field("id", ConnectSchema.of("string"))
                        .field("total_order", ConnectSchema.of("int64"))
                        .field("data_collection_order", ConnectSchema.of("int64")))
                .field("op", ConnectSchema.of("string"))
                .field("ts_ms", ConnectSchema.of("int64").optional())
                .field("ts_us", ConnectSchema.of("int64").optional())
                .field("ts_ns", ConnectSchema.of("int64").optional());
        FlatRows flat = codec.options().flatRows();
        return new ForTable(key == null ? null : render(key), render(envelope),
                flat == null ? null : render(flatValue(value, envelope, flat, codec.topic())));
    }

    /**
     * ExtractNewRecordState's value schema: the row's; with fields added, a copy that is not
     * optional, the row's fields, {@code __deleted} (an optional string) in the rewrite modes, and
     * each added field's schema copied as optional.
     */
    private static ConnectSchema flatValue(ConnectSchema row, ConnectSchema envelope, FlatRows flat, String topic) {
        if (!flat.deletes().rewrites() && flat.addedFields().isEmpty()) {
            return row;
        }
        ConnectSchema value = ConnectSchema.struct().name(topic + ".Value");
        row.fieldNames().forEach(name -> value.field(name, row.fieldSchema(name)));
        if (flat.deletes().rewrites()) {
            value.field("__deleted", ConnectSchema.of("string").optional());
        }
        for (FlatRows.AddedField added : flat.addedFields()) {
            ConnectSchema from = added.block() == null ? envelope : envelope.fieldSchema(added.block());
            value.field(added.name(), from.fieldSchema(added.field()).basicsCopy().optional());
        }
        return value;
    }

    /** @param inValue whether the field is in the value, where masks show in the schema's parameters */
    private static ConnectSchema column(RowCodec codec, int index, boolean inValue) {
        ColumnDef column = codec.schema().columns().get(index);
        ConnectSchema schema = ColumnTypes.of(column).connectSchema(column, codec.options()).optional(column.nullable());
        if (inValue && codec.mask(index) != null) {
            ColumnMasking.describe(schema, column, codec.mask(index));
        }
        Object defaultValue = ColumnTypes.defaultValue(column);
        if (defaultValue != null) {
            String rendered = renderValue(codec.writer(index), defaultValue);
            if (!rendered.equals("null")) {
                schema.defaultJson(rendered);
            }
        }
        return schema;
    }

    /** Debezium's {@code io.debezium.connector.<connector>.Source} block. */
    static ConnectSchema source(String connector) {
        return ConnectSchema.struct().name("io.debezium.connector." + connector + ".Source").version(1)
                .field("version", ConnectSchema.of("string"))
                .field("connector", ConnectSchema.of("string"))
                .field("name", ConnectSchema.of("string"))
                .field("ts_ms", ConnectSchema.of("int64"))
                .field("snapshot", ConnectSchema.of("string").optional().name("io.debezium.data.Enum").version(1)
                        .parameter("allowed", SNAPSHOT_VALUES).defaultJson("\"false\""))
                .field("db", ConnectSchema.of("string"))
                .field("sequence", ConnectSchema.of("string").optional())
                .field("ts_us", ConnectSchema.of("int64").optional())
                .field("ts_ns", ConnectSchema.of("int64").optional())
                .field("table", ConnectSchema.of("string").optional())
                .field("server_id", ConnectSchema.of("int64"))
                .field("gtid", ConnectSchema.of("string").optional())
                .field("file", ConnectSchema.of("string"))
                .field("pos", ConnectSchema.of("int64"))
                .field("row", ConnectSchema.of("int32"))
                .field("thread", ConnectSchema.of("int64").optional())
                .field("query", ConnectSchema.of("string").optional());
    }

    /** The heartbeat key schema: {@code io.debezium.connector.common.ServerNameKey}. */
    public static String heartbeatKey() {
        return render(ConnectSchema.struct().name("io.debezium.connector.common.ServerNameKey").version(1)
                .field("serverName", ConnectSchema.of("string")));
    }

    /** The heartbeat value schema: {@code io.debezium.connector.common.Heartbeat}. */
    public static String heartbeatValue() {
        return render(ConnectSchema.struct().name("io.debezium.connector.common.Heartbeat").version(1)
                .field("ts_ms", ConnectSchema.of("int64")));
    }

    static String transactionKey() {
        return render(ConnectSchema.struct().name("io.debezium.connector.common.TransactionMetadataKey").version(1)
                .field("id", ConnectSchema.of("string")));
    }

    static String transactionValue() {
        ConnectSchema collection = ConnectSchema.struct().optional().name("event.collection").version(1)
                .field("data_collection", ConnectSchema.of("string"))
                .field("event_count", ConnectSchema.of("int64"));
        return render(ConnectSchema.struct().name("io.debezium.connector.common.TransactionMetadataValue").version(1)
                .field("status", ConnectSchema.of("string"))
                .field("id", ConnectSchema.of("string"))
                .field("event_count", ConnectSchema.of("int64").optional())
                .field("data_collections", ConnectSchema.arrayOf(collection).optional())
                .field("ts_ms", ConnectSchema.of("int64")));
    }

    static String schemaChangeKey(String connector) {
        return render(ConnectSchema.struct().name("io.debezium.connector." + connector + ".SchemaChangeKey").version(1)
                .field("databaseName", ConnectSchema.of("string")));
    }

    static String schemaChangeValue(String connector) {
        ConnectSchema strings = ConnectSchema.arrayOf(ConnectSchema.of("string")).optional();
        ConnectSchema column = ConnectSchema.struct().name("io.debezium.connector.schema.Column").version(1)
                .field("name", ConnectSchema.of("string"))
                .field("jdbcType", ConnectSchema.of("int32"))
                .field("nativeType", ConnectSchema.of("int32").optional())
                .field("typeName", ConnectSchema.of("string"))
                .field("typeExpression", ConnectSchema.of("string").optional())
                .field("charsetName", ConnectSchema.of("string").optional())
                .field("length", ConnectSchema.of("int32").optional())
                .field("scale", ConnectSchema.of("int32").optional())
                .field("position", ConnectSchema.of("int32"))
                .field("optional", ConnectSchema.of("boolean").optional())
                .field("autoIncremented", ConnectSchema.of("boolean").optional())
                .field("generated", ConnectSchema.of("boolean").optional())
                .field("comment", ConnectSchema.of("string").optional())
                .field("defaultValueExpression", ConnectSchema.of("string").optional())
                .field("enumValues", strings);
        ConnectSchema table = ConnectSchema.struct().name("io.debezium.connector.schema.Table").version(1)
                .field("defaultCharsetName", ConnectSchema.of("string").optional())
                .field("primaryKeyColumnNames", strings)
                .field("columns", ConnectSchema.arrayOf(column))
                .field("comment", ConnectSchema.of("string").optional())
                .optional();
        ConnectSchema change = ConnectSchema.struct().name("io.debezium.connector.schema.Change").version(1)
                .field("type", ConnectSchema.of("string"))
                .field("id", ConnectSchema.of("string"))
                .field("table", table);
        return render(ConnectSchema.struct().name("io.debezium.connector." + connector + ".SchemaChangeValue")
                .version(1)
                .field("source", source(connector))
                .field("ts_ms", ConnectSchema.of("int64"))
                .field("databaseName", ConnectSchema.of("string").optional())
                .field("schemaName", ConnectSchema.of("string").optional())
                .field("ddl", ConnectSchema.of("string").optional())
                .field("tableChanges", ConnectSchema.arrayOf(change)));
    }

    private static String render(ConnectSchema schema) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            schema.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A byte generator, as events are written with: value writers copy UTF-8 bytes straight in. */
    private static String renderValue(ValueWriter writer, Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            writer.write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
