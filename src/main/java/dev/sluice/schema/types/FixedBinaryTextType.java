package dev.sluice.schema.types;

import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;

import java.sql.ResultSet;
import java.util.function.Function;

/**
 * MariaDB's UUID, INET4 and INET6: fixed-size binary in the binlog, formatted as the server
 * shows them ({@link FixedBinaryText}); a snapshot reads the server's own text.
 */
final class FixedBinaryTextType implements ColumnType {

    static final FixedBinaryTextType UUID = new FixedBinaryTextType(FixedBinaryText::uuid, "io.debezium.data.Uuid");
    static final FixedBinaryTextType INET4 = new FixedBinaryTextType(FixedBinaryText::inet4, null);
    static final FixedBinaryTextType INET6 = new FixedBinaryTextType(FixedBinaryText::inet6, null);

    private final Function<byte[], String> format;
    private final String logicalName;

    private FixedBinaryTextType(Function<byte[], String> format, String logicalName) {
        this.format = format;
        this.logicalName = logicalName;
    }

    @Override
    public int[] binlogCodes() {
        return new int[] {BinlogCodes.STRING};
    }

    @Override
    public SnapshotRead snapshotRead(ColumnDef column) {
        return ResultSet::getString;
    }

    @Override
    public ConnectSchema connectSchema(ColumnDef column, ConversionOptions options) {
        return logicalName == null ? ConnectSchema.of("string") : ConnectSchema.named("string", logicalName);
    }

    @Override
    public ValueWriter jsonWriter(ColumnDef column, ConversionOptions options) {
        Function<byte[], String> formatter = format;
        return (g, v) -> g.writeString(v instanceof byte[] bytes ? formatter.apply(bytes) : v.toString());
    }

    @Override
    public Object parseDefault(ColumnDef column, String literal) {
        return literal;
    }
}
