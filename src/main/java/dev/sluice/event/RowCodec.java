package dev.sluice.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;
import dev.sluice.schema.TableSchema;
import dev.sluice.schema.types.ColumnTypes;
import dev.sluice.schema.types.UnrepresentableValueException;
import dev.sluice.schema.types.ValueWriter;

import java.io.IOException;
import java.util.List;

/** Everything needed to write one table's rows, prepared once per table definition. */
public final class RowCodec {

    private final TableSchema schema;
    private final String topic;
    private final SerializedString[] names;
    private final ValueWriter[] writers;
    private final int[] keyIndexes;
    private final ConversionOptions options;
    private EventSchemas.ForTable connectSchemas;

    public RowCodec(TableSchema schema, String topic, ConversionOptions options) {
        this.schema = schema;
        this.topic = topic;
        this.options = options;
        List<ColumnDef> columns = schema.columns();
        this.names = new SerializedString[columns.size()];
        this.writers = new ValueWriter[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            names[i] = new SerializedString(columns.get(i).name());
            try {
                writers[i] = ColumnTypes.of(columns.get(i)).jsonWriter(columns.get(i), options);
            } catch (UnrepresentableValueException e) {
                throw new UnrepresentableValueException("Table " + schema.id() + ": " + e.getMessage());
            }
        }
        this.keyIndexes = schema.keyIndexes();
    }

    public TableSchema schema() {
        return schema;
    }

    public String topic() {
        return topic;
    }

    public int columnCount() {
        return names.length;
    }

    ConversionOptions options() {
        return options;
    }

    ValueWriter writer(int index) {
        return writers[index];
    }

    /** The key and envelope schemas, rendered on first use (only when records carry schemas). */
    EventSchemas.ForTable connectSchemas(String connector) {
        if (connectSchemas == null) {
            connectSchemas = EventSchemas.forTable(this, connector);
        }
        return connectSchemas;
    }

    public boolean hasKey() {
        return keyIndexes.length > 0;
    }

    void writeRow(JsonGenerator json, Object[] row) throws IOException {
        json.writeStartObject();
        for (int i = 0; i < names.length; i++) {
            writeField(json, row, i);
        }
        json.writeEndObject();
    }

    void writeKey(JsonGenerator json, Object[] row) throws IOException {
        json.writeStartObject();
        for (int index : keyIndexes) {
            writeField(json, row, index);
        }
        json.writeEndObject();
    }

    private void writeField(JsonGenerator json, Object[] row, int i) throws IOException {
        json.writeFieldName(names[i]);
        Object value = row[i];
        if (value == null) {
            json.writeNull();
        } else {
            try {
                writers[i].write(json, value);
            } catch (UnrepresentableValueException e) {
                throw new UnrepresentableValueException("Table " + schema.id() + ": " + e.getMessage());
            }
        }
    }
}
