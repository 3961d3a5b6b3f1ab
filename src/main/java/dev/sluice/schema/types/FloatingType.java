package dev.sluice.schema.types;

import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;

import java.sql.Types;
import java.util.List;

/**
 * FLOAT and DOUBLE (REAL). A plain FLOAT is a Connect float32; FLOAT(M,D) and every DOUBLE a
 * float64. The binlog carries a FLOAT as a Java float, a DOUBLE as a double.
 */
final class FloatingType implements ColumnType {

    static final FloatingType FLOAT = new FloatingType(true);
    static final FloatingType DOUBLE = new FloatingType(false);

    private final boolean single;

    private FloatingType(boolean single) {
        this.single = single;
    }

    @Override
    public int[] binlogCodes() {
        return new int[] {single ? BinlogCodes.FLOAT : BinlogCodes.DOUBLE};
    }

    @Override
    public Size declaredSize(List<String> arguments) {
        return arguments.size() == 2
                ? new Size(Long.parseLong(arguments.get(0)), Integer.parseInt(arguments.get(1))) : Size.NONE;
    }

    /** information_schema gives every FLOAT a precision; only the declared {@code (M,D)} counts. */
    @Override
    public Size catalogSize(CatalogColumn column) {
        String type = column.columnType();
        int open = type.indexOf('(');
        int comma = type.indexOf(',', open);
        int close = type.indexOf(')', open);
        if (open < 0 || comma < 0 || close < comma) {
            return Size.NONE;
        }
        return new Size(Long.parseLong(type.substring(open + 1, comma).trim()),
                Integer.parseInt(type.substring(comma + 1, close).trim()));
    }

    @Override
    public SnapshotRead snapshotRead(ColumnDef column) {
        if (single) {
            return (rs, i) -> {
                float value = rs.getFloat(i);
                return rs.wasNull() ? null : value;
            };
        }
        return (rs, i) -> {
            double value = rs.getDouble(i);
            return rs.wasNull() ? null : value;
        };
    }

    @Override
    public ConnectSchema connectSchema(ColumnDef column, ConversionOptions options) {
        return ConnectSchema.of(isFloat32(column) ? "float" : "double");
    }

    @Override
    public ValueWriter jsonWriter(ColumnDef column, ConversionOptions options) {
        return isFloat32(column)
                ? (g, v) -> g.writeNumber(((Number) v).floatValue())
                : (g, v) -> g.writeNumber(((Number) v).doubleValue());
    }

    private boolean isFloat32(ColumnDef column) {
        return single && column.scale() < 0;
    }

    @Override
    public Object parseDefault(ColumnDef column, String literal) {
        return single ? (Object) Float.parseFloat(literal.trim()) : (Object) Double.parseDouble(literal.trim());
    }

    @Override
    public int jdbcType(ColumnDef column) {
        return single ? Types.FLOAT : Types.DOUBLE;
    }
}
