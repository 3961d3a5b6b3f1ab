package dev.sluice.schema;

import java.sql.Types;

/** The java.sql.Types code Debezium records for a MySQL column type (informational). */
public final class JdbcTypes {

    private JdbcTypes() {
    }

    public static int of(ColumnDef column) {
        return switch (column.dataType()) {
            case "tinyint" -> column.columnType().startsWith("tinyint(1)") ? Types.BIT : Types.TINYINT;
            case "smallint" -> Types.SMALLINT;
            case "mediumint", "int", "year" -> Types.INTEGER;
            case "bigint" -> Types.BIGINT;
            case "decimal" -> Types.DECIMAL;
            case "float" -> Types.REAL;
            case "double" -> Types.DOUBLE;
            case "bit" -> Types.BIT;
            case "date" -> Types.DATE;
            case "time" -> Types.TIME;
            case "datetime" -> Types.TIMESTAMP;
            case "timestamp" -> Types.TIMESTAMP_WITH_TIMEZONE;
            case "char", "enum", "set" -> Types.CHAR;
            case "varchar" -> Types.VARCHAR;
            case "tinytext", "text", "mediumtext", "longtext" -> Types.LONGVARCHAR;
            case "binary" -> Types.BINARY;
            case "varbinary" -> Types.VARBINARY;
            case "tinyblob", "blob", "mediumblob", "longblob" -> Types.LONGVARBINARY;
            default -> Types.OTHER;
        };
    }
}
