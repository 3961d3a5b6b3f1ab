package dev.sluice.schema.types;

import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;

import java.sql.ResultSet;

/**
 * A type this version of Sluice does not know (a newer server's). Its schema can be tracked, but
 * a table with such a column cannot be captured: asking for its writer stops with the fix.
 */
final class UnknownType implements ColumnType {

    /** Any code: the type is refused when its table is captured, not when its TABLE_MAP arrives. */
    @Override
    public int[] binlogCodes() {
        return new int[0];
    }

    @Override
    public SnapshotRead snapshotRead(ColumnDef column) {
        return ResultSet::getBytes;
    }

    @Override
    public ConnectSchema connectSchema(ColumnDef column, ConversionOptions options) {
        return ConnectSchema.of("string");
    }

    @Override
    public ValueWriter jsonWriter(ColumnDef column, ConversionOptions options) {
        throw new UnrepresentableValueException("column " + column.name() + " has the type " + column.columnType()
                + ", which this version of Sluice cannot capture; leave the table out of SLUICE_TABLES (or add it"
                + " to SLUICE_TABLES_EXCLUDE) until a version that can");
    }

    @Override
    public Object parseDefault(ColumnDef column, String literal) {
        return null;
    }
}
