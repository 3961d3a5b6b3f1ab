package dev.sluice.event;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.config.FlatRows;
import dev.sluice.schema.SchemaModel.TableChange;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * Writes change-event keys and values as Debezium's JSON (Kafka's JsonConverter), streaming
 * straight to bytes without an intermediate tree. With schemas on, each key and value becomes
 * {@code {"schema": ..., "payload": ...}}, the schema rendered once per table definition.
 * Not thread-safe: one per pipeline.
 */
public final class ChangeEventWriter {

    private static final SerializedString BEFORE = new SerializedString("before");
    private static final SerializedString AFTER = new SerializedString("after");
    private static final SerializedString SOURCE = new SerializedString("source");
    private static final SerializedString TRANSACTION = new SerializedString("transaction");
    private static final SerializedString OP = new SerializedString("op");
    private static final SerializedString TS_MS = new SerializedString("ts_ms");
    private static final SerializedString TS_US = new SerializedString("ts_us");
    private static final SerializedString TS_NS = new SerializedString("ts_ns");
    private static final SerializedString SCHEMA = new SerializedString("schema");
    private static final SerializedString PAYLOAD = new SerializedString("payload");

    private final Buffer buffer = new Buffer();
    private final JsonGenerator json;
    private final SourceBlockWriter sourceBlock = new SourceBlockWriter();
    private final boolean schemas;
    private final String connector;
    private String schemaChangeKeySchema;
    private String schemaChangeValueSchema;
    private String transactionKeySchema;
    private String transactionValueSchema;

    /** Records without schemas, as JsonConverter's {@code schemas.enable=false}. */
    public ChangeEventWriter() {
        this(false, "mysql");
    }

    /**
     * @param schemas whether keys and values carry their Connect schema
     * @param connector {@code mysql} or {@code mariadb}: names the source block's schema
     */
    public ChangeEventWriter(boolean schemas, String connector) {
        this.schemas = schemas;
        this.connector = connector;
        try {
            json = new ObjectMapper().getFactory().createGenerator(buffer, JsonEncoding.UTF8);
            json.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record key, or null for a table without a primary key. */
    public byte[] key(RowCodec codec, Object[] row) {
        if (!codec.hasKey()) {
            return null;
        }
        try {
            startEnvelope(schemas ? codec.connectSchemas(connector).key() : null);
            codec.writeKey(json, row);
            endEnvelope();
            return finish();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /**
     * The record value: the change envelope.
     *
     * @param nowMicros processing time (the envelope's {@code ts_*})
     */
    public byte[] value(RowCodec codec, Operation op, Object[] before, Object[] after, SourceInfo source,
            long nowMicros) {
        return value(codec, op, before, after, source, null, nowMicros);
    }

    /**
     * The record value, with the {@code transaction} block of the event just counted in
     * {@code transaction}; null writes the block as null.
     */
    public byte[] value(RowCodec codec, Operation op, Object[] before, Object[] after, SourceInfo source,
            TransactionMetadata transaction, long nowMicros) {
        FlatRows flat = codec.options().flatRows();
        if (flat != null) {
            return flatValue(codec, flat, op, op == Operation.DELETE ? before : after, source, transaction,
                    nowMicros);
        }
        try {
            startEnvelope(schemas ? codec.connectSchemas(connector).envelope() : null);
            json.writeStartObject();
            json.writeFieldName(BEFORE);
            writeRowOrNull(codec, before);
            json.writeFieldName(AFTER);
            writeRowOrNull(codec, after);
            json.writeFieldName(SOURCE);
            writeSource(source);
            json.writeFieldName(TRANSACTION);
            writeTransactionBlock(transaction);
            json.writeFieldName(OP);
            json.writeString(op.code());
            writeTimestamps(nowMicros);
            json.writeEndObject();
            endEnvelope();
            return finish();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /**
     * The row's new state as ExtractNewRecordState leaves it: the row (a delete's old row in the
     * rewrite modes, else no row at all), {@code __deleted}, and the added envelope fields.
     */
    private byte[] flatValue(RowCodec codec, FlatRows flat, Operation op, Object[] row, SourceInfo source,
            TransactionMetadata transaction, long nowMicros) {
        try {
            startEnvelope(schemas ? codec.connectSchemas(connector).flatValue() : null);
            if (op == Operation.DELETE && !flat.deletes().rewrites()) {
                json.writeNull();
            } else {
                json.writeStartObject();
                codec.writeRowFields(json, row);
                if (flat.deletes().rewrites()) {
                    json.writeStringField("__deleted", op == Operation.DELETE ? "true" : "false");
                }
                for (FlatRows.AddedField added : flat.addedFields()) {
                    json.writeFieldName(added.name());
                    writeScalar(addedValue(added, op, source, transaction, nowMicros));
                }
                json.writeEndObject();
            }
            endEnvelope();
            return finish();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private static Object addedValue(FlatRows.AddedField added, Operation op, SourceInfo source,
            TransactionMetadata transaction, long nowMicros) {
        if (added.block() == null) {
            return switch (added.field()) {
                case "op" -> op.code();
                case "ts_ms" -> nowMicros / 1000;
                case "ts_us" -> nowMicros;
                default -> nowMicros * 1000;
            };
        }
        if (added.block().equals("transaction")) {
            return transaction == null ? null : switch (added.field()) {
                case "id" -> transaction.id();
                case "total_order" -> transaction.totalOrder();
                default -> transaction.collectionOrder();
            };
        }
        return source.field(added.field());
    }

    private void writeScalar(Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else {
            json.writeNumber(((Number) value).longValue());
        }
    }

    /** The key of a schema-change event: {@code {"databaseName": ...}}. */
    public byte[] schemaChangeKey(String database) {
        try {
            if (schemas && schemaChangeKeySchema == null) {
                schemaChangeKeySchema = EventSchemas.schemaChangeKey(connector);
            }
            startEnvelope(schemaChangeKeySchema);
            json.writeStartObject();
            json.writeStringField("databaseName", database);
            json.writeEndObject();
            endEnvelope();
            return finish();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** The value of a schema-change event, Debezium's shape: the DDL and the resulting definitions. */
    public byte[] schemaChangeValue(SourceInfo source, String database, String ddl, List<TableChange> tableChanges,
            long nowMicros) {
        try {
            if (schemas && schemaChangeValueSchema == null) {
                schemaChangeValueSchema = EventSchemas.schemaChangeValue(connector);
            }
            startEnvelope(schemaChangeValueSchema);
            json.writeStartObject();
            json.writeFieldName(SOURCE);
            writeSource(source);
            json.writeNumberField("ts_ms", nowMicros / 1000);
            json.writeStringField("databaseName", database);
            json.writeNullField("schemaName");
            json.writeStringField("ddl", ddl);
            json.writeFieldName("tableChanges");
            TableChangesJson.write(json, tableChanges, connector.equals("mariadb"));
            json.writeEndObject();
            endEnvelope();
            return finish();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** The key of a transaction's BEGIN and END records: {@code {"id": ...}}. */
    public byte[] transactionKey(TransactionMetadata transaction) {
        try {
            if (schemas && transactionKeySchema == null) {
                transactionKeySchema = EventSchemas.transactionKey();
            }
            startEnvelope(transactionKeySchema);
            json.writeStartObject();
            json.writeStringField("id", transaction.id());
            json.writeEndObject();
            endEnvelope();
            return finish();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /**
     * A BEGIN record ({@code end} false: no counts) or an END record with the transaction's event
     * counts, in total and per table in the order the tables first appeared.
     */
    public byte[] transactionValue(TransactionMetadata transaction, boolean end, long tsMillis) {
        try {
            if (schemas && transactionValueSchema == null) {
                transactionValueSchema = EventSchemas.transactionValue();
            }
            startEnvelope(transactionValueSchema);
            json.writeStartObject();
            json.writeStringField("status", end ? "END" : "BEGIN");
            json.writeStringField("id", transaction.id());
            if (end) {
                json.writeNumberField("event_count", transaction.totalOrder());
                json.writeArrayFieldStart("data_collections");
                for (var collection : transaction.perCollection().entrySet()) {
                    json.writeStartObject();
                    json.writeStringField("data_collection", collection.getKey());
                    json.writeNumberField("event_count", collection.getValue()[0]);
                    json.writeEndObject();
                }
                json.writeEndArray();
            } else {
                json.writeNullField("event_count");
                json.writeNullField("data_collections");
            }
            json.writeNumberField("ts_ms", tsMillis);
            json.writeEndObject();
            endEnvelope();
            return finish();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private void writeTransactionBlock(TransactionMetadata transaction) throws IOException {
        if (transaction == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        json.writeStringField("id", transaction.id());
        json.writeNumberField("total_order", transaction.totalOrder());
        json.writeNumberField("data_collection_order", transaction.collectionOrder());
        json.writeEndObject();
    }

    /** Opens {@code {"schema": ..., "payload":} when records carry schemas; nothing otherwise. */
    private void startEnvelope(String schemaJson) throws IOException {
        if (schemas) {
            json.writeStartObject();
            json.writeFieldName(SCHEMA);
            json.writeRawValue(schemaJson);
            json.writeFieldName(PAYLOAD);
        }
    }

    private void endEnvelope() throws IOException {
        if (schemas) {
            json.writeEndObject();
        }
    }

    private void writeRowOrNull(RowCodec codec, Object[] row) throws IOException {
        if (row == null) {
            json.writeNull();
        } else {
            codec.writeRow(json, row);
        }
    }

    private void writeSource(SourceInfo s) throws IOException {
        sourceBlock.write(json, s);
    }

    private void writeTimestamps(long nowMicros) throws IOException {
        json.writeFieldName(TS_MS);
        json.writeNumber(nowMicros / 1000);
        json.writeFieldName(TS_US);
        json.writeNumber(nowMicros);
        json.writeFieldName(TS_NS);
        json.writeNumber(nowMicros * 1000);
    }

    private byte[] finish() throws IOException {
        json.flush();
        byte[] bytes = buffer.toByteArray();
        buffer.reset();
        return bytes;
    }

    private IllegalStateException failed(IOException e) {
        buffer.reset();
        return new IllegalStateException("could not write a change event: " + e.getMessage(), e);
    }

    /**
     * A byte buffer that keeps its capacity between records. Not a ByteArrayOutputStream, whose
     * methods are synchronized: one thread writes, and the lock showed in profiles.
     */
    private static final class Buffer extends OutputStream {
        private byte[] bytes = new byte[4096];
        private int count;

        @Override
        public void write(int b) {
            ensureRoom(1);
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] source, int offset, int length) {
            ensureRoom(length);
            System.arraycopy(source, offset, bytes, count, length);
            count += length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, count);
        }

        void reset() {
            count = 0;
        }

        private void ensureRoom(int length) {
            if (count + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + length));
            }
        }
    }
}
