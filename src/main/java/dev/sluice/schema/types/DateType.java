package dev.sluice.schema.types;

import dev.sluice.config.ConversionOptions.TimePrecisionMode;
import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;
import dev.sluice.source.TemporalText;

import java.sql.Types;

/** DATE: written as days since the epoch. */
final class DateType extends TemporalType {

    DateType() {
        super(false);
    }

    @Override
    public int[] binlogCodes() {
        return new int[] {BinlogCodes.DATE, BinlogCodes.NEWDATE};
    }

    @Override
    public SnapshotRead snapshotRead(ColumnDef column) {
        return text(TemporalText::date);
    }

    @Override
    public ConnectSchema connectSchema(ColumnDef column, ConversionOptions options) {
        return ConnectSchema.named("int32", options.timePrecisionMode() == TimePrecisionMode.CONNECT
                ? "org.apache.kafka.connect.data.Date" : "io.debezium.time.Date");
    }

    @Override
    public ValueWriter jsonWriter(ColumnDef column, ConversionOptions options) {
        return zeroAware(column, (g, micros) -> g.writeNumber(Math.floorDiv(micros, MICROS_PER_DAY)));
    }

    @Override
    public Object parseDefault(ColumnDef column, String literal) {
        String text = literal.trim();
        return DefaultLiterals.isCurrentTimestamp(text) ? 0L : TemporalText.date(zeroAsDate(text));
    }

    @Override
    public Object expressionDefault(String expression) {
        return currentTimestampAsEpoch(expression);
    }

    @Override
    public int jdbcType(ColumnDef column) {
        return Types.DATE;
    }
}
