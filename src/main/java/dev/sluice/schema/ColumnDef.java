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
 *     and FLOAT(M,D)/DOUBLE(M,D), bits for BIT, dimensions for VECTOR; -1 otherwise
 * @param scale digits after the point for DECIMAL and FLOAT(M,D)/DOUBLE(M,D), fraction digits for
 *     TIME/DATETIME/TIMESTAMP; -1 otherwise
 * @param allowedValues ENUM or SET members in declaration order, empty otherwise
 * @param defaultValue a literal default's value (strings unquoted), or an expression default as
 *     written; null if none
 * @param defaultIsExpression whether the default is an expression ({@code (uuid())},
 *     {@code CURRENT_TIMESTAMP}) rather than a literal value
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
        String defaultValue,
        boolean defaultIsExpression) {

    public ColumnDef {
        allowedValues = List.copyOf(allowedValues);
    }

    public ColumnDef withName(String newName) {
        return new ColumnDef(newName, position, dataType, columnType, unsigned, nullable, charset, length, scale,
                allowedValues, autoIncrement, generated, defaultValue, defaultIsExpression);
    }

    public ColumnDef withPosition(int newPosition) {
        return new ColumnDef(name, newPosition, dataType, columnType, unsigned, nullable, charset, length, scale,
                allowedValues, autoIncrement, generated, defaultValue, defaultIsExpression);
    }

    public ColumnDef withCharset(String newCharset) {
        return new ColumnDef(name, position, dataType, columnType, unsigned, nullable, newCharset, length, scale,
                allowedValues, autoIncrement, generated, defaultValue, defaultIsExpression);
    }

    public ColumnDef withNullable(boolean newNullable) {
        return new ColumnDef(name, position, dataType, columnType, unsigned, newNullable, charset, length, scale,
                allowedValues, autoIncrement, generated, defaultValue, defaultIsExpression);
    }

    /** The same column with another type name (the full type follows it). */
    public ColumnDef withDataType(String newDataType) {
        String newColumnType = columnType.startsWith(dataType) ? newDataType + columnType.substring(dataType.length())
                : newDataType;
        return new ColumnDef(name, position, newDataType, newColumnType, unsigned, nullable, charset, length, scale,
                allowedValues, autoIncrement, generated, defaultValue, defaultIsExpression);
    }

    public ColumnDef withDefault(String newDefault, boolean newDefaultIsExpression) {
        return new ColumnDef(name, position, dataType, columnType, unsigned, nullable, charset, length, scale,
                allowedValues, autoIncrement, generated, newDefault, newDefaultIsExpression);
    }

    /** A readable one-line form for error messages. */
    public String describe() {
        return name + " " + columnType + (charset == null ? "" : " " + charset) + (nullable ? "" : " not null");
    }
}
