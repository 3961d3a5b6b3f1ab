package dev.sluice.schema.types;

import dev.sluice.config.ConversionOptions.BinaryMode;
import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;

import java.sql.ResultSet;
import java.sql.Types;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** BINARY, VARBINARY and the BLOB types: bytes, written as binary.handling.mode says. */
final class BinaryType implements ColumnType {

    static final BinaryType BINARY = new BinaryType(BinlogCodes.FIXED_STRING, true, Types.BINARY);
    static final BinaryType VARBINARY = new BinaryType(BinlogCodes.VARIABLE_STRING, true, Types.VARBINARY);
    static final BinaryType BLOB = new BinaryType(BinlogCodes.BLOBS, false, Types.BLOB);

    private final int[] binlogCodes;
    private final boolean sized;
    private final int jdbcType;

    private BinaryType(int[] binlogCodes, boolean sized, int jdbcType) {
        this.binlogCodes = binlogCodes;
        this.sized = sized;
        this.jdbcType = jdbcType;
    }

    @Override
    public int[] binlogCodes() {
        return binlogCodes.clone();
    }

    @Override
    public Size declaredSize(List<String> arguments) {
        return sized ? new Size(arguments.isEmpty() ? 1 : Long.parseLong(arguments.get(0)), -1) : Size.NONE;
    }

    @Override
    public Size catalogSize(CatalogColumn column) {
        return sized ? new Size(column.characterLength(), -1) : Size.NONE;
    }

    @Override
    public SnapshotRead snapshotRead(ColumnDef column) {
        return ResultSet::getBytes;
    }

    @Override
    public ConnectSchema connectSchema(ColumnDef column, ConversionOptions options) {
        return schema(options);
    }

    static ConnectSchema schema(ConversionOptions options) {
        return ConnectSchema.of(options.binaryMode() == BinaryMode.BYTES ? "bytes" : "string");
    }

    /** The binlog drops a BINARY value's trailing zero bytes; the column holds them (as a snapshot shows). */
    @Override
    public ValueWriter jsonWriter(ColumnDef column, ConversionOptions options) {
        ValueWriter writer = writer(options);
        if (this != BINARY) {
            return writer;
        }
        int length = (int) column.length();
        return (g, v) -> {
            byte[] bytes = (byte[]) v;
            writer.write(g, bytes.length >= length ? bytes : Arrays.copyOf(bytes, length));
        };
    }

    static ValueWriter writer(ConversionOptions options) {
        return switch (options.binaryMode()) {
            case BYTES, BASE64 -> (g, v) -> g.writeBinary((byte[]) v);
            case BASE64_URL_SAFE -> (g, v) -> g.writeString(Base64.getUrlEncoder().encodeToString((byte[]) v));
            case HEX -> (g, v) -> g.writeString(HexFormat.of().formatHex((byte[]) v));
        };
    }

    @Override
    public Object parseDefault(ColumnDef column, String literal) {
        return DefaultLiterals.bytes(literal);
    }

    @Override
    public int jdbcType(ColumnDef column) {
        return jdbcType;
    }
}
