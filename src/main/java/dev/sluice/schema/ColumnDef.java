package dev.sluice.schema;

import java.util.List;

/**
 * One column of a table definition, the same whether read from {@code information_schema} or
 * derived from DDL.
 *
 * @param dataType the bare type in lower case ({@code int}, {@code varchar}, {@code decimal}...)
 * @param columnType the full type ({@code int unsigned}, {@code tinyint(1)}, {@code enum('a','b')})
 * @param charset the character set of a text column, null for every other type
 * @param length characters for CHAR/VARCHAR, bytes for BINARY/VARBINARY, precision for DECIMAL
 *     and FLOAT(M,D)/DOUBLE(M,D), bits for BIT; -1 otherwise
 * @param scale digits after the point for DECIMAL and FLOAT(M,D)/DOUBLE(M,D), fraction digits for
 *     TIME/DATETIME/TIMESTAMP; -1 otherwise
 * @param allowedValues ENUM or SET members in declaration order, empty otherwise
 * @param defaultValue the default as information_schema shows it (strings unquoted), null if none
 */
public record ColumnDef(
        String name,
        int position,
        String dataType,
        String columnType,
        boolean unsigned,
        boolean nullable,
        String charset,
        long length,
        int scale,
        List<String> allowedValues,
        boolean autoIncrement,
        boolean generated,
        String defaultValue) {

    public ColumnDef {
        allowedValues = List.copyOf(allowedValues);
    }

    public ColumnDef withName(String newName) {
        return new ColumnDef(newName, position, dataType, columnType, unsigned, nullable, charset, length, scale,
                allowedValues, autoIncrement, generated, defaultValue);
    }

    public ColumnDef withPosition(int newPosition) {
        return new ColumnDef(name, newPosition, dataType, columnType, unsigned, nullable, charset, length, scale,
                allowedValues, autoIncrement, generated, defaultValue);
    }

    public ColumnDef withCharset(String newCharset) {
        return new ColumnDef(name, position, dataType, columnType, unsigned, nullable, newCharset, length, scale,
                allowedValues, autoIncrement, generated, defaultValue);
    }

    public ColumnDef withNullable(boolean newNullable) {
        return new ColumnDef(name, position, dataType, columnType, unsigned, newNullable, charset, length, scale,
                allowedValues, autoIncrement, generated, defaultValue);
    }

    /** The same column with another type name (the full type follows it). */
    public ColumnDef withDataType(String newDataType) {
        String newColumnType = columnType.startsWith(dataType) ? newDataType + columnType.substring(dataType.length())
                : newDataType;
        return new ColumnDef(name, position, newDataType, newColumnType, unsigned, nullable, charset, length, scale,
                allowedValues, autoIncrement, generated, defaultValue);
    }

    public ColumnDef withDefault(String newDefault) {
        return new ColumnDef(name, position, dataType, columnType, unsigned, nullable, charset, length, scale,
                allowedValues, autoIncrement, generated, newDefault);
    }

    /** A readable one-line form for error messages. */
    public String describe() {
        return name + " " + columnType + (charset == null ? "" : " " + charset) + (nullable ? "" : " not null");
    }
}
