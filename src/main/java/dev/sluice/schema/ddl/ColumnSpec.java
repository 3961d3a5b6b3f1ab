package dev.sluice.schema.ddl;

import java.util.List;

/**
 * A column as a CREATE or ALTER statement declares it.
 *
 * @param dataType the canonical type name in lower case ({@code int}, {@code varchar}...)
 * @param arguments the type's parenthesised arguments (lengths, or ENUM/SET members)
 * @param charset the declared character set (or the one a declared collation implies), null if none
 * @param nullable false for NOT NULL or an inline PRIMARY KEY; null when not said
 * @param defaultValue the DEFAULT clause, null if none (or DEFAULT NULL)
 * @param unique the column declares UNIQUE [KEY] (or is SERIAL): a unique index on it alone
 */
public record ColumnSpec(
        String name,
        String dataType,
        List<String> arguments,
        boolean unsigned,
        String charset,
        Boolean nullable,
        DefaultClause defaultValue,
        boolean autoIncrement,
        boolean primaryKey,
        boolean unique,
        boolean generated) {
}
