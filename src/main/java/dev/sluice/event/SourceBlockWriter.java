package dev.sluice.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;

/**
 * Writes the {@code source} block. Its text between the numbers that change per record (the
 * commit or read time, the position, the row) is kept as bytes until the {@link SourceInfo}'s
 * revision changes, which happens per transaction or table, not per row: written field by field,
 * the block was a sixth of the streaming writer's time and a third of the snapshot's.
 */
final class SourceBlockWriter {

    private static final SerializedString TS_NS = new SerializedString(",\"ts_ns\":");
    private static final SerializedString ROW = new SerializedString(",\"row\":");

    private SourceInfo cachedFor;
    private long cachedRevision;
    /** {@code {"version":...,"name":...,"ts_ms":} */
    private SerializedString beforeMillis;
    /** {@code ,"snapshot":...,"sequence":null,"ts_us":} */
    private SerializedString beforeMicros;
    /** {@code ,"table":...,"file":...,"pos":} */
    private SerializedString beforePosition;
    /** {@code ,"thread":...,"query":null}} */
    private SerializedString end;

    /** Writes the block as the value of the field just named. */
    void write(JsonGenerator json, SourceInfo s) throws IOException {
        if (s != cachedFor || s.revision != cachedRevision) {
            cache(s);
        }
        json.writeRawValue(beforeMillis);
        json.writeRaw(Long.toString(s.commitMicros / 1000));
        json.writeRaw(beforeMicros);
        json.writeRaw(Long.toString(s.commitMicros));
        json.writeRaw(TS_NS);
        json.writeRaw(Long.toString(s.commitMicros * 1000));
        json.writeRaw(beforePosition);
        json.writeRaw(Long.toString(s.position));
        json.writeRaw(ROW);
        json.writeRaw(Integer.toString(s.row));
        json.writeRaw(end);
    }

    private void cache(SourceInfo s) {
        beforeMillis = new SerializedString("{" + field("version", SourceInfo.VERSION) + "," + field("connector", s.connector)
                + "," + field("name", s.name) + ",\"ts_ms\":");
        beforeMicros = new SerializedString("," + field("snapshot", s.snapshot) + "," + field("db", s.database)
                + ",\"sequence\":null,\"ts_us\":");
        beforePosition = new SerializedString("," + field("table", s.table) + ",\"server_id\":" + s.serverId + ","
                + field("gtid", s.gtid) + "," + field("file", s.file) + ",\"pos\":");
        end = new SerializedString(",\"thread\":" + (s.thread >= 0 ? Long.toString(s.thread) : "null") + ",\"query\":null}");
        cachedFor = s;
        cachedRevision = s.revision;
    }

    /** {@code "name":"value"} (or {@code null}), escaped as the generator escapes strings. */
    private static String field(String name, String value) {
        return "\"" + name + "\":" + (value == null ? "null"
                : "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"");
    }
}
