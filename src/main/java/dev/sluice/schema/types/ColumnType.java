package dev.sluice.schema.types;

import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;

import java.sql.Types;
import java.util.List;

/**
 * Everything Sluice knows about one MySQL/MariaDB column type, in one place: the binlog codes
 * its values arrive with, its size as DDL and information_schema declare it, how a snapshot
 * selects and reads it, its Connect schema, its JSON writer, its default-value parser, and how
 * Debezium's schema-change events describe it.
 *
 * <p>A value has one form from both sources: the binlog decoder ({@code source.binlog.RowDecoding})
 * produces it, {@link #snapshotRead} reads a snapshot's column into it, {@link #parseDefault}
 * turns a DEFAULT into it, and {@link #jsonWriter} renders it. {@link ColumnTypes} finds a type
 * by its name.
 */
public interface ColumnType {

    /** The TABLE_MAP type codes ({@link BinlogCodes}) a column of this type may arrive with. */
    int[] binlogCodes();

    /** Whether the values are characters of a character set (the column has a charset). */
    default boolean hasCharset() {
        return false;
    }

    /** Length and scale from a declaration's arguments: {@code varchar(10)}, {@code decimal(5,2)}. */
    default Size declaredSize(List<String> arguments) {
        return Size.NONE;
    }

    /** Length and scale from information_schema.COLUMNS. */
    default Size catalogSize(CatalogColumn column) {
        return Size.NONE;
    }

    /** The SELECT expression a snapshot reads the column with. */
    default String snapshotSelect(String quotedName) {
        return quotedName;
    }

    /** Reads the column of a snapshot row into the binlog decoder's form. */
    SnapshotRead snapshotRead(ColumnDef column);

    /** The column's Connect schema as Debezium's connector declares it (optionality and default apart). */
    ConnectSchema connectSchema(ColumnDef column, ConversionOptions options);

    /**
     * Chooses once per column how its values are written; nothing but the returned writer runs
     * per row. Throws {@link UnrepresentableValueException} for a column the modes cannot write.
     */
    ValueWriter jsonWriter(ColumnDef column, ConversionOptions options);

    /**
     * A literal DEFAULT (as information_schema or the DDL spells it) in the value form; null when
     * the schema declares none. Throws when the text is no literal of the type.
     */
    Object parseDefault(ColumnDef column, String literal);

    /** An expression DEFAULT's value: only CURRENT_TIMESTAMP of a date or time has one (the epoch). */
    default Object expressionDefault(String expression) {
        return null;
    }

    /** The java.sql.Types code Debezium records for the type in schema-change events (OTHER where JDBC has none). */
    default int jdbcType(ColumnDef column) {
        return Types.OTHER;
    }

    /** The {@code length} Debezium's schema-change events give the column. */
    default long changeEventLength(ColumnDef column) {
        return column.length();
    }

    /** The {@code scale} Debezium's schema-change events give the column. */
    default int changeEventScale(ColumnDef column) {
        return column.scale();
    }

    /** Whether the type shows a display width ({@code int(11)}) that MariaDB's events report as the length. */
    default boolean showsDisplayWidth() {
        return false;
    }

    /** A column's length (characters, bytes, digits, bits or dimensions) and scale; -1 where none applies. */
    record Size(long length, int scale) {
        public static final Size NONE = new Size(-1, -1);
    }

    /** The size columns of information_schema.COLUMNS for one column. */
    record CatalogColumn(String columnType, long characterLength, long numericPrecision, int numericScale,
            int datetimePrecision) {
    }
}
