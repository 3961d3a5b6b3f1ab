package dev.sluice.schema.types;

import dev.sluice.config.ConversionOptions.BinaryMode;
import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;

import java.sql.ResultSet;
import java.sql.Types;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** BINARY, VARBINARY and the BLOB types: bytes, written as binary.handling.mode says. */
final class BinaryType extends StringType {

    static final BinaryType BINARY = new BinaryType(Storage.FIXED, Types.BINARY);
    static final BinaryType VARBINARY = new BinaryType(Storage.VARIABLE, Types.VARBINARY);
    static final BinaryType BLOB = new BinaryType(Storage.LOB, Types.BLOB);

    private BinaryType(Storage storage, int jdbcType) {
        super(storage, jdbcType);
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
}
