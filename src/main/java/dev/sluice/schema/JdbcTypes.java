package dev.sluice.schema;

import java.sql.Types;

/**
 * The java.sql.Types code Debezium records for a MySQL column type (informational): its DDL
 * parser's table, as its schema-change events show it (a TINYINT of any width as SMALLINT).
 */
public final class JdbcTypes {

    private JdbcTypes() {
    }

    public static int of(ColumnDef column) {
        return switch (column.dataType()) {
            case "tinyint", "smallint" -> Types.SMALLINT;
            case "mediumint", "int", "year" -> Types.INTEGER;
            case "bigint" -> Types.BIGINT;
            case "decimal" -> Types.DECIMAL;
            case "float" -> Types.FLOAT;
            case "double" -> Types.DOUBLE;
            case "bit" -> Types.BIT;
            case "date" -> Types.DATE;
            case "time" -> Types.TIME;
            case "datetime" -> Types.TIMESTAMP;
            case "timestamp" -> Types.TIMESTAMP_WITH_TIMEZONE;
            case "char", "enum", "set" -> Types.CHAR;
            case "varchar", "tinytext", "text", "mediumtext", "longtext" -> Types.VARCHAR;
            case "binary" -> Types.BINARY;
            case "varbinary" -> Types.VARBINARY;
            case "tinyblob", "blob", "mediumblob", "longblob" -> Types.BLOB;
            default -> Types.OTHER;
        };
    }
}
