package dev.sluice.schema.types;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.config.ConversionOptions.TimePrecisionMode;
import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;
import dev.sluice.source.TemporalText;

import java.sql.Types;

/** TIME: a duration from -838:59:59 to 838:59:59, written as microseconds (MicroTime) or Connect's Time. */
final class TimeType extends TemporalType {

    TimeType() {
        super(true);
    }

    @Override
    public int[] binlogCodes() {
        return new int[] {BinlogCodes.TIME2, BinlogCodes.TIME};
    }

    @Override
    public SnapshotRead snapshotRead(ColumnDef column) {
        return text(TemporalText::time);
    }

    @Override
    public ConnectSchema connectSchema(ColumnDef column, ConversionOptions options) {
        return options.timePrecisionMode() == TimePrecisionMode.CONNECT
                ? ConnectSchema.named("int32", "org.apache.kafka.connect.data.Time")
                : ConnectSchema.named("int64", "io.debezium.time.MicroTime");
    }

    @Override
    public ValueWriter jsonWriter(ColumnDef column, ConversionOptions options) {
        return options.timePrecisionMode() == TimePrecisionMode.CONNECT
                ? connectTime(column) : zeroAware(column, JsonGenerator::writeNumber);
    }

    /**
     * Connect's Time is a time of day, 00:00:00 to 24:00:00. Outside the day a nullable column
     * gets null (as Debezium writes it). A NOT NULL column stops the stream: no value of its
     * declared type is right, and a wrapped number would be a wrong one.
     */
    private static ValueWriter connectTime(ColumnDef column) {
        boolean nullable = column.nullable();
        String name = column.name();
        return (g, v) -> {
            long micros = ((Number) v).longValue();
            if (micros >= 0 && micros <= MICROS_PER_DAY) {
                g.writeNumber((int) (micros / 1000L));
            } else if (nullable) {
                g.writeNull();
            } else {
                throw new UnrepresentableValueException("the TIME value " + TemporalText.formatTime(micros)
                        + " of the NOT NULL column " + name + " lies outside 00:00:00 to 24:00:00, which"
                        + " time.precision.mode=connect cannot represent; set SLUICE_TIME_PRECISION_MODE="
                        + "adaptive_time_microseconds (the default) to capture it");
            }
        };
    }

    /** A TIME default may be written as a full date and time; only the time counts. */
    @Override
    public Object parseDefault(ColumnDef column, String literal) {
        String text = literal.trim();
        int space = text.indexOf(' ');
        return TemporalText.time(space > 0 && text.indexOf('-') > 0 ? text.substring(space + 1) : text);
    }

    @Override
    public int jdbcType(ColumnDef column) {
        return Types.TIME;
    }
}
