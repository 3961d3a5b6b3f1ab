package dev.sluice.schema.types;

import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.List;

/** DECIMAL (NUMERIC): a BigDecimal, written as decimal.handling.mode says. */
final class DecimalType implements ColumnType {

    @Override
    public int[] binlogCodes() {
        return new int[] {BinlogCodes.NEWDECIMAL, BinlogCodes.DECIMAL};
    }

    @Override
    public Size declaredSize(List<String> arguments) {
        return new Size(arguments.isEmpty() ? 10 : Long.parseLong(arguments.get(0)),
                arguments.size() < 2 ? 0 : Integer.parseInt(arguments.get(1)));
    }

    @Override
    public Size catalogSize(CatalogColumn column) {
        return new Size(column.numericPrecision(), column.numericScale());
    }

    @Override
    public SnapshotRead snapshotRead(ColumnDef column) {
        return ResultSet::getBigDecimal;
    }

    @Override
    public ConnectSchema connectSchema(ColumnDef column, ConversionOptions options) {
        return switch (options.decimalMode()) {
            case PRECISE -> ConnectSchema.decimal(column.length(), scale(column));
            case DOUBLE -> ConnectSchema.of("double");
            case STRING -> ConnectSchema.of("string");
        };
    }

    @Override
    public ValueWriter jsonWriter(ColumnDef column, ConversionOptions options) {
        int scale = scale(column);
        return switch (options.decimalMode()) {
            case PRECISE -> (g, v) -> g.writeBinary(((BigDecimal) v).setScale(scale).unscaledValue().toByteArray());
            case DOUBLE -> (g, v) -> g.writeNumber(((BigDecimal) v).doubleValue());
            case STRING -> (g, v) -> g.writeString(((BigDecimal) v).setScale(scale).toPlainString());
        };
    }

    @Override
    public Object parseDefault(ColumnDef column, String literal) {
        return new BigDecimal(DefaultLiterals.booleanAsNumber(literal.trim())).setScale(scale(column), RoundingMode.HALF_UP);
    }

    private static int scale(ColumnDef column) {
        return Math.max(column.scale(), 0);
    }

    @Override
    public int jdbcType(ColumnDef column) {
        return Types.DECIMAL;
    }
}
