package dev.sluice.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.sluice.config.ColumnControls;
import dev.sluice.config.ColumnMask;
import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;
import dev.sluice.schema.TableSchema;
import dev.sluice.schema.types.ColumnTypes;
import dev.sluice.schema.types.UnrepresentableValueException;
import dev.sluice.schema.types.ValueWriter;

import java.io.IOException;
import java.util.List;

/**
 * Everything needed to write one table's rows, prepared once per table definition: the columns
 * its values carry and its key columns (by default every column and the primary key; see
 * {@link dev.sluice.config.ColumnControls}), their names and their writers.
 */
public final class RowCodec {

    private final TableSchema schema;
    private final String topic;
    private final RecordTopic recordTopic;
    private final SerializedString[] names;
    /** Per column: the writer of its values in keys and defaults, and in row images (masked where configured). */
    private final ValueWriter[] writers;
    private final ValueWriter[] imageWriters;
    /** Per column: what a NULL is written as in row images; null to write NULL. */
    private final String[] nullImages;
    private final ColumnMask[] masks;
    private final int[] valueIndexes;
    private final int[] keyIndexes;
    private final ConversionOptions options;
    private EventSchemas.ForTable connectSchemas;

    public RowCodec(TableSchema schema, String topic, ConversionOptions options) {
        this(schema, RecordTopic.of(topic), options);
    }

    public RowCodec(TableSchema schema, RecordTopic topic, ConversionOptions options) {
        this.schema = schema;
        this.topic = topic.name();
        this.recordTopic = topic;
        this.options = options;
        List<ColumnDef> columns = schema.columns();
        this.names = new SerializedString[columns.size()];
        this.writers = new ValueWriter[columns.size()];
        this.imageWriters = new ValueWriter[columns.size()];
        this.nullImages = new String[columns.size()];
        this.masks = new ColumnMask[columns.size()];
        ColumnControls controls = options.columns();
        byte[] salt = controls.hashSalt() == null ? new byte[0]
                : controls.hashSalt().reveal().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < columns.size(); i++) {
            ColumnDef column = columns.get(i);
            names[i] = new SerializedString(column.name());
            try {
                writers[i] = ColumnTypes.of(column).jsonWriter(column, options);
            } catch (UnrepresentableValueException e) {
                throw new UnrepresentableValueException("Table " + schema.id() + ": " + e.getMessage());
            }
            masks[i] = controls.mask(schema.id().database(), schema.id().table(), column.name());
            imageWriters[i] = masks[i] == null ? writers[i]
                    : ColumnMasking.writer(column, writers[i], masks[i], salt, options);
            nullImages[i] = masks[i] == null ? null : ColumnMasking.nullReplacement(column, masks[i]);
        }
        this.valueIndexes = valueIndexes(schema, options.columns());
        this.keyIndexes = keyIndexes(schema, options.columns());
    }

    private static int[] valueIndexes(TableSchema schema, ColumnControls controls) {
        String database = schema.id().database();
        String table = schema.id().table();
        return java.util.stream.IntStream.range(0, schema.columns().size())
                .filter(i -> controls.writes(database, table, schema.columns().get(i).name())).toArray();
    }

    /**
     * @throws IllegalStateException when the configured key names a column the table lacks
     */
    private static int[] keyIndexes(TableSchema schema, ColumnControls controls) {
        List<String> configured = controls.keyColumns(schema.id().database(), schema.id().table());
        if (configured == null) {
            return schema.keyIndexes();
        }
        int[] indexes = new int[configured.size()];
        for (int k = 0; k < indexes.length; k++) {
            indexes[k] = schema.find(configured.get(k));
            if (indexes[k] < 0) {
                throw new IllegalStateException("SLUICE_MESSAGE_KEY_COLUMNS keys " + schema.id() + " by "
                        + configured + ", but the table has no column " + configured.get(k) + ": it has "
                        + schema.describe() + "; correct the setting (or the table), then restart");
            }
        }
        return indexes;
    }

    public TableSchema schema() {
        return schema;
    }

    public String topic() {
        return topic;
    }

    /** The field a routed topic's keys gain, null for none. */
    String keyTagField() {
        return recordTopic.keyTagField();
    }

    /** Positions of the columns the values carry, in table order. */
    int[] valueIndexes() {
        return valueIndexes;
    }

    /** Positions of the key columns, in key order. */
    int[] keyIndexes() {
        return keyIndexes;
    }

    ConversionOptions options() {
        return options;
    }

    ValueWriter writer(int index) {
        return writers[index];
    }

    /** The mask of a column's values in row images, null for none. */
    ColumnMask mask(int index) {
        return masks[index];
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
        writeRowFields(json, row);
        json.writeEndObject();
    }

    /** The row's fields, without the braces around them. */
    void writeRowFields(JsonGenerator json, Object[] row) throws IOException {
        for (int index : valueIndexes) {
            writeField(json, row, index, imageWriters, nullImages[index]);
        }
    }

    void writeKey(JsonGenerator json, Object[] row) throws IOException {
        json.writeStartObject();
        for (int index : keyIndexes) {
            writeField(json, row, index, writers, null);
        }
        if (recordTopic.keyTagField() != null) {
            json.writeStringField(recordTopic.keyTagField(), recordTopic.keyTagValue());
        }
        json.writeEndObject();
    }

    private void writeField(JsonGenerator json, Object[] row, int i, ValueWriter[] using, String nullAs)
            throws IOException {
        json.writeFieldName(names[i]);
        Object value = row[i];
        if (value == null) {
            if (nullAs == null) {
                json.writeNull();
            } else {
                json.writeString(nullAs);
            }
        } else {
            try {
                using[i].write(json, value);
            } catch (UnrepresentableValueException e) {
                throw new UnrepresentableValueException("Table " + schema.id() + ": " + e.getMessage());
            }
        }
    }
}
