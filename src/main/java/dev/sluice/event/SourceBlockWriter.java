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
    private static final SerializedString[] ROWS = new SerializedString[1024];

    static {
        for (int i = 0; i < ROWS.length; i++) {
            ROWS[i] = new SerializedString(Integer.toString(i));
        }
    }

    private final NumberText millis = new NumberText();
    private final NumberText micros = new NumberText();
    private final NumberText nanos = new NumberText();
    private final NumberText position = new NumberText();
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
        if (s.commitMicros != micros.value) {
            micros.set(s.commitMicros);
            millis.set(s.commitMicros / 1000);
            nanos.set(s.commitMicros * 1000);
        }
        json.writeRawValue(beforeMillis);
        millis.writeTo(json);
        json.writeRaw(beforeMicros);
        micros.writeTo(json);
        json.writeRaw(TS_NS);
        nanos.writeTo(json);
        json.writeRaw(beforePosition);
        position.of(s.position).writeTo(json);
        json.writeRaw(ROW);
        json.writeRaw(s.row >= 0 && s.row < ROWS.length ? ROWS[s.row] : new SerializedString(Integer.toString(s.row)));
        json.writeRaw(end);
    }

    /**
     * A number's decimal digits, kept while the number stays (a transaction's rows share their
     * commit time, a rows event's rows their position) and rewritten in place when it changes: a
     * snapshot's rows each have their own read time, and a new String per row, encoded to UTF-8
     * char by char, was most of this block's cost there.
     */
    static final class NumberText {
        private static final char[] MIN = Long.toString(Long.MIN_VALUE).toCharArray();

        private final char[] digits = new char[MIN.length];
        private int start = digits.length;
        long value = Long.MIN_VALUE;

        NumberText() {
            set(0);
        }

        void set(long newValue) {
            value = newValue;
            if (newValue == Long.MIN_VALUE) {
                System.arraycopy(MIN, 0, digits, 0, MIN.length);
                start = 0;
                return;
            }
            int at = digits.length;
            long rest = Math.abs(newValue);
            do {
                digits[--at] = (char) ('0' + rest % 10);
                rest /= 10;
            } while (rest != 0);
            if (newValue < 0) {
                digits[--at] = '-';
            }
            start = at;
        }

        NumberText of(long newValue) {
            if (newValue != value) {
                set(newValue);
            }
            return this;
        }

        void writeTo(JsonGenerator json) throws IOException {
            json.writeRaw(digits, start, digits.length - start);
        }

        @Override
        public String toString() {
            return new String(digits, start, digits.length - start);
        }
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
