package dev.sluice.schema.types;

import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.ResultSet;
import java.util.List;

/** MySQL 9's VECTOR(N): N little-endian float32 values, written as Debezium's FloatVector. */
final class VectorType implements ColumnType {

    private static final long DEFAULT_DIMENSIONS = 2048;

    @Override
    public int[] binlogCodes() {
        return new int[] {BinlogCodes.VECTOR};
    }

    @Override
    public Size declaredSize(List<String> arguments) {
        return new Size(arguments.isEmpty() ? DEFAULT_DIMENSIONS : Long.parseLong(arguments.get(0)), -1);
    }

    /** {@code vector(3)}: 3. */
    @Override
    public Size catalogSize(CatalogColumn column) {
        String type = column.columnType();
        int open = type.indexOf('(');
        int close = type.indexOf(')', open + 1);
        if (open < 0 || close < 0) {
            return Size.NONE;
        }
        return new Size(Long.parseLong(type.substring(open + 1, close).trim()), -1);
    }

    @Override
    public SnapshotRead snapshotRead(ColumnDef column) {
        return ResultSet::getBytes;
    }

    @Override
    public ConnectSchema connectSchema(ColumnDef column, ConversionOptions options) {
        return ConnectSchema.arrayOf(ConnectSchema.of("float")).name("io.debezium.data.FloatVector").version(1);
    }

    @Override
    public ValueWriter jsonWriter(ColumnDef column, ConversionOptions options) {
        return (g, v) -> {
            ByteBuffer buffer = ByteBuffer.wrap((byte[]) v).order(ByteOrder.LITTLE_ENDIAN);
            g.writeStartArray();
            while (buffer.remaining() >= 4) {
                g.writeNumber(buffer.getFloat());
            }
            g.writeEndArray();
        };
    }

    /** A VECTOR column takes only expression defaults. */
    @Override
    public Object parseDefault(ColumnDef column, String literal) {
        return null;
    }
}
