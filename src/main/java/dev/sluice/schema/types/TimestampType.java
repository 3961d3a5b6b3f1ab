package dev.sluice.schema.types;

import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;
import dev.sluice.source.TemporalText;
import dev.sluice.source.binlog.RowDecoding;

import java.sql.Types;
import java.time.LocalDate;

/**
 * TIMESTAMP: an instant, written as Debezium's ZonedTimestamp (ISO-8601 in UTC with exactly the
 * column's fraction digits). Its zero value is stored as the epoch itself (a TIMESTAMP cannot
 * hold 1970-01-01 00:00:00 UTC otherwise), so epoch 0 is the zero value.
 */
final class TimestampType extends TemporalType {

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    TimestampType() {
        super(true);
    }

    @Override
    public int[] binlogCodes() {
        return new int[] {BinlogCodes.TIMESTAMP2, BinlogCodes.TIMESTAMP};
    }

    @Override
    public SnapshotRead snapshotRead(ColumnDef column) {
        return text(TemporalText::dateTime);
    }

    @Override
    public ConnectSchema connectSchema(ColumnDef column, ConversionOptions options) {
        return ConnectSchema.named("string", "io.debezium.time.ZonedTimestamp");
    }

    @Override
    public ValueWriter jsonWriter(ColumnDef column, ConversionOptions options) {
        int fsp = Math.max(column.scale(), 0);
        ValueWriter writer = zeroAware(column, (g, micros) -> {
            byte[] text = zonedTimestampAscii(micros, fsp);
            g.writeRawUTF8String(text, 0, text.length);
        });
        return (g, v) -> writer.write(g, ((Number) v).longValue() == 0 ? RowDecoding.INVALID_TEMPORAL : v);
    }

    /**
     * {@code 2018-06-20T13:37:03.500Z}, written by hand as ASCII bytes the generator copies
     * without escaping: it runs for every TIMESTAMP value, and a TIMESTAMP always lies within
     * years 1970-2038.
     */
    static byte[] zonedTimestampAscii(long micros, int fsp) {
        long days = Math.floorDiv(micros, MICROS_PER_DAY);
        long ofDay = Math.floorMod(micros, MICROS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(days);
        byte[] text = new byte[20 + (fsp > 0 ? fsp + 1 : 0)];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        long seconds = ofDay / 1_000_000;
        digits(text, 11, (int) (seconds / 3600), 2);
        text[13] = ':';
        digits(text, 14, (int) (seconds / 60 % 60), 2);
        text[16] = ':';
        digits(text, 17, (int) (seconds % 60), 2);
        int at = 19;
        if (fsp > 0) {
            text[at++] = '.';
            digits(text, at, (int) (ofDay % 1_000_000 / POWERS_OF_TEN[6 - fsp]), fsp);
            at += fsp;
        }
        text[at] = 'Z';
        return text;
    }

    private static void digits(byte[] into, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    @Override
    public Object parseDefault(ColumnDef column, String literal) {
        return DateTimeType.parseDateTime(literal);
    }

    @Override
    public Object expressionDefault(String expression) {
        return currentTimestampAsEpoch(expression);
    }

    @Override
    public int jdbcType(ColumnDef column) {
        return Types.TIMESTAMP_WITH_TIMEZONE;
    }
}
