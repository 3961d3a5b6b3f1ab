package dev.sluice.event;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes change-event keys and values as Debezium's JSON (JsonConverter with schemas off),
 * streaming straight to bytes without an intermediate tree. Not thread-safe: one per pipeline.
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

    private final Buffer buffer = new Buffer();
    private final JsonGenerator json;

    public ChangeEventWriter() {
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
            codec.writeKey(json, row);
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
        try {
            json.writeStartObject();
            json.writeFieldName(BEFORE);
            writeRowOrNull(codec, before);
            json.writeFieldName(AFTER);
            writeRowOrNull(codec, after);
            json.writeFieldName(SOURCE);
            writeSource(source);
            json.writeFieldName(TRANSACTION);
            json.writeNull();
            json.writeFieldName(OP);
            json.writeString(op.code());
            writeTimestamps(nowMicros);
            json.writeEndObject();
            return finish();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** The key of a schema-change event: {@code {"databaseName": ...}}. */
    public byte[] schemaChangeKey(String database) {
        try {
            json.writeStartObject();
            json.writeStringField("databaseName", database);
            json.writeEndObject();
            return finish();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** The value of a schema-change event, Debezium's shape: the DDL and the resulting definitions. */
    public byte[] schemaChangeValue(SourceInfo source, String database, String ddl, JsonNode tableChanges,
            long nowMicros) {
        try {
            json.writeStartObject();
            json.writeFieldName(SOURCE);
            writeSource(source);
            json.writeNumberField("ts_ms", nowMicros / 1000);
            json.writeStringField("databaseName", database);
            json.writeNullField("schemaName");
            json.writeStringField("ddl", ddl);
            json.writeFieldName("tableChanges");
            json.writeTree(tableChanges);
            json.writeEndObject();
            return finish();
        } catch (IOException e) {
            throw failed(e);
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
        json.writeStartObject();
        json.writeStringField("version", SourceInfo.VERSION);
        json.writeStringField("connector", s.connector);
        json.writeStringField("name", s.name);
        json.writeNumberField("ts_ms", s.commitMicros / 1000);
        json.writeStringField("snapshot", s.snapshot);
        json.writeStringField("db", s.database);
        json.writeNullField("sequence");
        json.writeNumberField("ts_us", s.commitMicros);
        json.writeNumberField("ts_ns", s.commitMicros * 1000);
        json.writeStringField("table", s.table);
        json.writeNumberField("server_id", s.serverId);
        json.writeStringField("gtid", s.gtid);
        json.writeStringField("file", s.file);
        json.writeNumberField("pos", s.position);
        json.writeNumberField("row", s.row);
        if (s.thread >= 0) {
            json.writeNumberField("thread", s.thread);
        } else {
            json.writeNullField("thread");
        }
        json.writeNullField("query");
        json.writeEndObject();
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

    /** A byte buffer that keeps its capacity between records. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(4096);
        }
    }
}
