package dev.sluice.schema.types;

import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;

import java.sql.Types;
import java.util.BitSet;
import java.util.List;

/** BIT(M): a BitSet (bit 0 lowest); BIT(1) is a boolean, wider ones Debezium's Bits, little-endian bytes. */
final class BitType implements ColumnType {

    @Override
    public int[] binlogCodes() {
        return new int[] {BinlogCodes.BIT};
    }

    @Override
    public Size declaredSize(List<String> arguments) {
        return new Size(arguments.isEmpty() ? 1 : Long.parseLong(arguments.get(0)), -1);
    }

    @Override
    public Size catalogSize(CatalogColumn column) {
        return new Size(column.numericPrecision(), -1);
    }

    /** A snapshot reads the value big-endian. */
    @Override
    public SnapshotRead snapshotRead(ColumnDef column) {
        return (rs, i) -> {
            byte[] bigEndian = rs.getBytes(i);
            if (bigEndian == null) {
                return null;
            }
            byte[] littleEndian = new byte[bigEndian.length];
            for (int k = 0; k < bigEndian.length; k++) {
                littleEndian[k] = bigEndian[bigEndian.length - 1 - k];
            }
            return BitSet.valueOf(littleEndian);
        };
    }

    @Override
    public ConnectSchema connectSchema(ColumnDef column, ConversionOptions options) {
        return column.length() == 1 ? ConnectSchema.of("boolean")
                : ConnectSchema.named("bytes", "io.debezium.data.Bits").parameter("length", Long.toString(column.length()));
    }

    @Override
    public ValueWriter jsonWriter(ColumnDef column, ConversionOptions options) {
        if (column.length() == 1) {
            return (g, v) -> g.writeBoolean(((BitSet) v).get(0));
        }
        int bytes = (int) ((column.length() + 7) / 8);
        return (g, v) -> {
            byte[] little = ((BitSet) v).toByteArray();
            byte[] padded = new byte[bytes];
            System.arraycopy(little, 0, padded, 0, Math.min(little.length, bytes));
            g.writeBinary(padded);
        };
    }

    /** {@code b'101'} (how MySQL and MariaDB show a BIT default) or a plain number. */
    @Override
    public Object parseDefault(ColumnDef column, String literal) {
        String text = literal.trim();
        long value;
        if (text.length() >= 3 && (text.startsWith("b'") || text.startsWith("B'")) && text.endsWith("'")) {
            String digits = text.substring(2, text.length() - 1);
            value = digits.isEmpty() ? 0 : Long.parseUnsignedLong(digits, 2);
        } else {
            value = DefaultLiterals.integral(text);
        }
        return BitSet.valueOf(new long[] {value});
    }

    @Override
    public int jdbcType(ColumnDef column) {
        return Types.BIT;
    }
}
