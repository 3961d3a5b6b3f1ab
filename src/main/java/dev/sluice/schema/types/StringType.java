package dev.sluice.schema.types;

import dev.sluice.schema.ColumnDef;

import java.util.List;

/**
 * What a character string type and its binary counterpart share: the binlog codes it travels as
 * and whether it declares a length ({@link Storage}), and its JDBC type.
 */
abstract class StringType implements ColumnType {

    enum Storage {

        /** CHAR(n), BINARY(n) (and ENUM, SET, MariaDB's fixed binary types): travel as STRING. */
        FIXED(true, BinlogCodes.STRING, BinlogCodes.ENUM, BinlogCodes.SET),
        /** VARCHAR(n), VARBINARY(n). */
        VARIABLE(true, BinlogCodes.VARCHAR, BinlogCodes.VAR_STRING),
        /** Every TEXT and BLOB travels as BLOB; the sized codes are accepted beside it. */
        LOB(false, BinlogCodes.BLOB, BinlogCodes.TINY_BLOB, BinlogCodes.MEDIUM_BLOB, BinlogCodes.LONG_BLOB);

        private final boolean sized;
        private final int[] binlogCodes;

        Storage(boolean sized, int... binlogCodes) {
            this.sized = sized;
            this.binlogCodes = binlogCodes;
        }

        int[] binlogCodes() {
            return binlogCodes.clone();
        }
    }

    private final Storage storage;
    private final int jdbcType;

    StringType(Storage storage, int jdbcType) {
        this.storage = storage;
        this.jdbcType = jdbcType;
    }

    @Override
    public int[] binlogCodes() {
        return storage.binlogCodes();
    }

    /** {@code char} alone is {@code char(1)}. */
    @Override
    public Size declaredSize(List<String> arguments) {
        return storage.sized ? new Size(arguments.isEmpty() ? 1 : Long.parseLong(arguments.get(0)), -1) : Size.NONE;
    }

    @Override
    public Size catalogSize(CatalogColumn column) {
        return storage.sized ? new Size(column.characterLength(), -1) : Size.NONE;
    }

    @Override
    public int jdbcType(ColumnDef column) {
        return jdbcType;
    }
}
