package dev.sluice.schema;

import java.util.List;

/**
 * One column as {@code information_schema.COLUMNS} describes it.
 *
 * @param dataType the bare type in lower case ({@code int}, {@code varchar}, {@code decimal}...)
 * @param columnType the full type ({@code int unsigned}, {@code tinyint(1)}, {@code enum('a','b')})
 * @param charset the character set for text columns, null otherwise
 * @param length character length for text, bits for BIT, digits for DECIMAL; -1 when not applicable
 * @param scale decimal digits or fractional-second digits; -1 when not applicable
 * @param allowedValues ENUM or SET members in declaration order, empty otherwise
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
        boolean generated) {
}
