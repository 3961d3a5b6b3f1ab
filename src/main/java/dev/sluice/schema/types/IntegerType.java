package dev.sluice.schema.types;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;

import java.io.IOException;
import java.sql.Types;

/**
 * TINYINT, SMALLINT, MEDIUMINT and INT. The binlog carries them signed: an UNSIGNED column's
 * value is masked back to its width. Connect widens an unsigned SMALLINT and INT by one size.
 */
final class IntegerType implements ColumnType {

    static final IntegerType TINYINT = new IntegerType("tinyint", BinlogCodes.TINY, 0xFFL, "int16", "int16", Types.SMALLINT);
    static final IntegerType SMALLINT = new IntegerType("smallint", BinlogCodes.SHORT, 0xFFFFL, "int16", "int32", Types.SMALLINT);
    static final IntegerType MEDIUMINT = new IntegerType("mediumint", BinlogCodes.INT24, 0xFFFFFFL, "int32", "int32", Types.INTEGER);
    static final IntegerType INT = new IntegerType("int", BinlogCodes.LONG, 0xFFFFFFFFL, "int32", "int64", Types.INTEGER);

    private final String name;
    private final int binlogCode;
    private final long unsignedMask;
    private final String signedSchema;
    private final String unsignedSchema;
    private final int jdbcType;

    private IntegerType(String name, int binlogCode, long unsignedMask, String signedSchema, String unsignedSchema,
            int jdbcType) {
        this.name = name;
        this.binlogCode = binlogCode;
        this.unsignedMask = unsignedMask;
        this.signedSchema = signedSchema;
        this.unsignedSchema = unsignedSchema;
        this.jdbcType = jdbcType;
    }

    @Override
    public int[] binlogCodes() {
        return new int[] {binlogCode};
    }

    @Override
    public SnapshotRead snapshotRead(ColumnDef column) {
        return IntegerType::readInt;
    }

    static Object readInt(java.sql.ResultSet rs, int index) throws java.sql.SQLException {
        long value = rs.getLong(index);
        return rs.wasNull() ? null : (Object) (int) value;
    }

    @Override
    public ConnectSchema connectSchema(ColumnDef column, ConversionOptions options) {
        return ConnectSchema.of(column.unsigned() ? unsignedSchema : signedSchema);
    }

    @Override
    public ValueWriter jsonWriter(ColumnDef column, ConversionOptions options) {
        long mask = unsignedMask;
        return column.unsigned() ? (g, v) -> g.writeNumber(((Number) v).intValue() & mask) : IntegerType::writeInt;
    }

    static void writeInt(JsonGenerator g, Object v) throws IOException {
        g.writeNumber(((Number) v).intValue());
    }

    @Override
    public Object parseDefault(ColumnDef column, String literal) {
        return (int) DefaultLiterals.integral(literal.trim());
    }

    @Override
    public int jdbcType(ColumnDef column) {
        return jdbcType;
    }

    /** Debezium reports a TINYINT(1) (a boolean by convention) with its width. */
    @Override
    public long changeEventLength(ColumnDef column) {
        return name.equals("tinyint") && column.columnType().startsWith("tinyint(1)") ? 1 : -1;
    }

    @Override
    public boolean showsDisplayWidth() {
        return true;
    }
}
