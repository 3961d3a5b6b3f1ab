package dev.sluice.offset;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.source.BinlogPosition;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Where to resume: restart reading at {@code file}/{@code pos} (a transaction's first event) or
 * after the GTID set {@code gtids}, then skip {@code event} row events of that transaction and
 * {@code row} rows of the next one. Stored as JSON in the offsets topic, as Debezium does.
 */
public record SourceOffset(String file, long pos, String gtids, long event, long row, long serverId, long tsSec) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public BinlogPosition position() {
        return new BinlogPosition(file, pos, gtids);
    }

    public boolean isTransactionBoundary() {
        return event == 0 && row == 0;
    }

    public byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("file", file);
            json.writeNumberField("pos", pos);
            json.writeStringField("gtids", gtids);
            json.writeNumberField("event", event);
            json.writeNumberField("row", row);
            json.writeNumberField("server_id", serverId);
            json.writeNumberField("ts_sec", tsSec);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * @throws IllegalArgumentException naming what is wrong with the stored value
     */
    public static SourceOffset fromJson(byte[] json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode file = node.get("file");
        JsonNode pos = node.get("pos");
        if (file == null || !file.isTextual() || file.asText().isBlank() || pos == null || !pos.canConvertToLong()) {
            throw new IllegalArgumentException("needs a text 'file' and a numeric 'pos'");
        }
        JsonNode gtids = node.get("gtids");
        return new SourceOffset(file.asText(), pos.asLong(),
                gtids == null || gtids.isNull() ? null : gtids.asText(),
                node.path("event").asLong(0), node.path("row").asLong(0),
                node.path("server_id").asLong(0), node.path("ts_sec").asLong(0));
    }

    @Override
    public String toString() {
        return file + ":" + pos + (gtids == null ? "" : " GTIDs " + gtids)
                + (isTransactionBoundary() ? "" : " (+" + event + " events, +" + row + " rows)");
    }
}
