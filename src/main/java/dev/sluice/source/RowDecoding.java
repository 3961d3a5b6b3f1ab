package dev.sluice.source;

import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer.CompatibilityMode;

/**
 * How the binlog client decodes row values. Temporal values arrive as epoch microseconds
 * (DATETIME as its wall clock read as UTC, TIMESTAMP as the true instant), invalid dates as
 * {@link Long#MIN_VALUE}, and CHAR/VARCHAR as raw bytes so the column's own charset decodes them.
 */
public final class RowDecoding {

    /** What the decoder returns for a zero or otherwise invalid date/time. */
    public static final long INVALID_TEMPORAL = Long.MIN_VALUE;

    private RowDecoding() {
    }

    public static EventDeserializer newDeserializer() {
        EventDeserializer deserializer = new EventDeserializer();
        deserializer.setCompatibilityMode(
                CompatibilityMode.DATE_AND_TIME_AS_LONG_MICRO,
                CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY,
                CompatibilityMode.INVALID_DATE_AND_TIME_AS_MIN_VALUE);
        return deserializer;
    }
}
