package dev.sluice.schema.types;

import dev.sluice.config.ConversionOptions.BigintUnsignedMode;
import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Types;

/**
 * BIGINT. The binlog carries an UNSIGNED value above Long.MAX_VALUE as a negative long; in
 * {@code precise} mode it is written as a Connect Decimal of 20 digits, in {@code long} mode as
 * the wrapped long (as Debezium does).
 */
final class BigintType implements ColumnType {

    private static final BigInteger UNSIGNED_LONG_OFFSET = BigInteger.ONE.shiftLeft(64);

    @Override
    public int[] binlogCodes() {
        return new int[] {BinlogCodes.LONGLONG};
    }

    @Override
    public SnapshotRead snapshotRead(ColumnDef column) {
        if (column.unsigned()) {
            return (rs, i) -> {
                BigDecimal value = rs.getBigDecimal(i);
                return value == null ? null : value.toBigInteger().longValue(); // wraps, as in the binlog
            };
        }
        return (rs, i) -> {
            long value = rs.getLong(i);
            return rs.wasNull() ? null : (Object) value;
        };
    }

    @Override
    public ConnectSchema connectSchema(ColumnDef column, ConversionOptions options) {
        return precise(column, options) ? ConnectSchema.decimal(20, 0) : ConnectSchema.of("int64");
    }

    @Override
    public ValueWriter jsonWriter(ColumnDef column, ConversionOptions options) {
        if (!precise(column, options)) {
            return (g, v) -> g.writeNumber(((Number) v).longValue());
        }
        return (g, v) -> {
            long raw = ((Number) v).longValue();
            BigInteger unsigned = raw >= 0 ? BigInteger.valueOf(raw) : BigInteger.valueOf(raw).add(UNSIGNED_LONG_OFFSET);
            g.writeBinary(unsigned.toByteArray());
        };
    }

    private static boolean precise(ColumnDef column, ConversionOptions options) {
        return column.unsigned() && options.bigintUnsignedMode() == BigintUnsignedMode.PRECISE;
    }

    /** Values above Long.MAX_VALUE wrap to negative longs, as the binlog carries them. */
    @Override
    public Object parseDefault(ColumnDef column, String literal) {
        return new BigDecimal(DefaultLiterals.booleanAsNumber(literal.trim())).setScale(0, RoundingMode.HALF_UP)
                .toBigIntegerExact().longValue();
    }

    @Override
    public int jdbcType(ColumnDef column) {
        return Types.BIGINT;
    }

    @Override
    public boolean showsDisplayWidth() {
        return true;
    }
}
