package dev.sluice.schema.types;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.config.ConversionOptions.TimePrecisionMode;
import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;
import dev.sluice.source.TemporalText;

import java.sql.Types;

/**
 * DATETIME: a wall-clock time with no zone, written as milliseconds (Timestamp, up to 3 fraction
 * digits, and always in {@code connect} mode) or microseconds (MicroTimestamp) since the epoch.
 */
final class DateTimeType extends TemporalType {

    DateTimeType() {
        super(true);
    }

    @Override
    public int[] binlogCodes() {
        return new int[] {BinlogCodes.DATETIME2, BinlogCodes.DATETIME};
    }

    @Override
    public SnapshotRead snapshotRead(ColumnDef column) {
        return text(TemporalText::dateTime);
    }

    @Override
    public ConnectSchema connectSchema(ColumnDef column, ConversionOptions options) {
        if (options.timePrecisionMode() == TimePrecisionMode.CONNECT) {
            return ConnectSchema.named("int64", "org.apache.kafka.connect.data.Timestamp");
        }
        return ConnectSchema.named("int64", column.scale() <= 3 ? "io.debezium.time.Timestamp" : "io.debezium.time.MicroTimestamp");
    }

    @Override
    public ValueWriter jsonWriter(ColumnDef column, ConversionOptions options) {
        return column.scale() <= 3 || options.timePrecisionMode() == TimePrecisionMode.CONNECT
                ? zeroAware(column, (g, micros) -> g.writeNumber(Math.floorDiv(micros, 1000L)))
                : zeroAware(column, JsonGenerator::writeNumber);
    }

    @Override
    public Object parseDefault(ColumnDef column, String literal) {
        return parseDateTime(literal);
    }

    /** A DATETIME or TIMESTAMP default; a bare date means its midnight. */
    static Object parseDateTime(String literal) {
        String text = literal.trim();
        if (DefaultLiterals.isCurrentTimestamp(text)) {
            return 0L;
        }
        String dateTime = zeroAsDate(text);
        return TemporalText.dateTime(dateTime.length() == 10 ? dateTime + " 00:00:00" : dateTime);
    }

    @Override
    public Object expressionDefault(String expression) {
        return currentTimestampAsEpoch(expression);
    }

    @Override
    public int jdbcType(ColumnDef column) {
        return Types.TIMESTAMP;
    }
}
