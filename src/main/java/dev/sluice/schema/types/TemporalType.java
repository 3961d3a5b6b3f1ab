package dev.sluice.schema.types;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.schema.ColumnDef;
import dev.sluice.source.binlog.RowDecoding;

import java.io.IOException;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * What DATE, DATETIME, TIMESTAMP and TIME share. Values are microseconds (since the epoch, or of
 * the day for TIME); a zero or zero-in-date value is {@link RowDecoding#INVALID_TEMPORAL}. A
 * snapshot selects the server's own text in a UTC session, untouched by the driver.
 */
abstract class TemporalType implements ColumnType {

    static final long MICROS_PER_DAY = 86_400_000_000L;

    private final boolean fractional;

    TemporalType(boolean fractional) {
        this.fractional = fractional;
    }

    @Override
    public Size declaredSize(List<String> arguments) {
        return fractional ? new Size(-1, arguments.isEmpty() ? 0 : Integer.parseInt(arguments.get(0))) : Size.NONE;
    }

    @Override
    public Size catalogSize(CatalogColumn column) {
        return fractional ? new Size(-1, column.datetimePrecision()) : Size.NONE;
    }

    @Override
    public String snapshotSelect(String quotedName) {
        return "CAST(" + quotedName + " AS CHAR)";
    }

    static SnapshotRead text(ToLongFunction<String> parser) {
        return (rs, i) -> {
            String value = rs.getString(i);
            return value == null ? null : (Object) parser.applyAsLong(value);
        };
    }

    /** Debezium's length of a column with fractions is their digits (none for 0); its scale none. */
    @Override
    public long changeEventLength(ColumnDef column) {
        if (!fractional) {
            return column.length();
        }
        return column.scale() > 0 ? column.scale() : -1;
    }

    @Override
    public int changeEventScale(ColumnDef column) {
        return fractional ? -1 : column.scale();
    }

    @FunctionalInterface
    interface MicrosWriter {
        void write(JsonGenerator g, long micros) throws IOException;
    }

    /**
     * A zero date becomes null when the column allows it; in a NOT NULL column it becomes the
     * column's default, or the epoch when the default is none or itself zero (Debezium's rule).
     */
    static ValueWriter zeroAware(ColumnDef column, MicrosWriter writer) {
        boolean nullable = column.nullable();
        long zeroAs = nullable ? 0L : validDefaultMicros(column);
        return (g, v) -> {
            long micros = ((Number) v).longValue();
            if (micros == RowDecoding.INVALID_TEMPORAL) {
                if (nullable) {
                    g.writeNull();
                } else {
                    writer.write(g, zeroAs);
                }
            } else {
                writer.write(g, micros);
            }
        };
    }

    private static long validDefaultMicros(ColumnDef column) {
        Object value = ColumnTypes.defaultValue(column);
        return value instanceof Long micros && micros != RowDecoding.INVALID_TEMPORAL ? micros : 0L;
    }

    /** {@code CURRENT_TIMESTAMP} (and its synonyms) counts as the epoch, as in Debezium. */
    static Object currentTimestampAsEpoch(String expression) {
        return DefaultLiterals.isCurrentTimestamp(expression) ? 0L : null;
    }

    static String zeroAsDate(String text) {
        return text.equals("0") ? "0000-00-00 00:00:00" : text;
    }
}
