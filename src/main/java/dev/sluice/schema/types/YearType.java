package dev.sluice.schema.types;

import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;

import java.sql.Types;

/** YEAR: the binlog carries the year itself (0 for the zero year), written as Debezium's Year. */
final class YearType implements ColumnType {

    @Override
    public int[] binlogCodes() {
        return new int[] {BinlogCodes.YEAR};
    }

    @Override
    public SnapshotRead snapshotRead(ColumnDef column) {
        return IntegerType::readInt;
    }

    @Override
    public ConnectSchema connectSchema(ColumnDef column, ConversionOptions options) {
        return ConnectSchema.named("int32", "io.debezium.time.Year");
    }

    @Override
    public ValueWriter jsonWriter(ColumnDef column, ConversionOptions options) {
        return IntegerType::writeInt;
    }

    @Override
    public Object parseDefault(ColumnDef column, String literal) {
        return (int) DefaultLiterals.integral(literal.trim());
    }

    @Override
    public int jdbcType(ColumnDef column) {
        return Types.INTEGER;
    }

    @Override
    public boolean showsDisplayWidth() {
        return true;
    }
}
