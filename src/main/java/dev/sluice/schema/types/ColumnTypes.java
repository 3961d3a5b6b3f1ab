package dev.sluice.schema.types;

import dev.sluice.schema.ColumnDef;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Finds a column's {@link ColumnType} by its data type name, synonyms included. */
public final class ColumnTypes {

    private static final ColumnType UNKNOWN = new UnknownType();

    private static final Map<String, ColumnType> BY_NAME = Map.ofEntries(
            Map.entry("tinyint", IntegerType.TINYINT),
            Map.entry("smallint", IntegerType.SMALLINT),
            Map.entry("mediumint", IntegerType.MEDIUMINT),
            Map.entry("int", IntegerType.INT),
            Map.entry("integer", IntegerType.INT),
            Map.entry("bigint", new BigintType()),
            Map.entry("decimal", new DecimalType()),
            Map.entry("numeric", new DecimalType()),
            Map.entry("float", FloatingType.FLOAT),
            Map.entry("double", FloatingType.DOUBLE),
            Map.entry("real", FloatingType.DOUBLE),
            Map.entry("bit", new BitType()),
            Map.entry("date", new DateType()),
            Map.entry("datetime", new DateTimeType()),
            Map.entry("timestamp", new TimestampType()),
            Map.entry("time", new TimeType()),
            Map.entry("year", new YearType()),
            Map.entry("char", TextType.CHAR),
            Map.entry("varchar", TextType.VARCHAR),
            Map.entry("tinytext", TextType.TEXT),
            Map.entry("text", TextType.TEXT),
            Map.entry("mediumtext", TextType.TEXT),
            Map.entry("longtext", TextType.TEXT),
            Map.entry("binary", BinaryType.BINARY),
            Map.entry("varbinary", BinaryType.VARBINARY),
            Map.entry("tinyblob", BinaryType.BLOB),
            Map.entry("blob", BinaryType.BLOB),
            Map.entry("mediumblob", BinaryType.BLOB),
            Map.entry("longblob", BinaryType.BLOB),
            Map.entry("json", new JsonType()),
            Map.entry("enum", new EnumType()),
            Map.entry("set", new SetType()),
            Map.entry("point", GeometryType.POINT),
            Map.entry("geometry", GeometryType.GEOMETRY),
            Map.entry("linestring", GeometryType.GEOMETRY),
            Map.entry("polygon", GeometryType.GEOMETRY),
            Map.entry("multipoint", GeometryType.GEOMETRY),
            Map.entry("multilinestring", GeometryType.GEOMETRY),
            Map.entry("multipolygon", GeometryType.GEOMETRY),
            Map.entry("geometrycollection", GeometryType.GEOMETRY),
            Map.entry("geomcollection", GeometryType.GEOMETRY),
            Map.entry("vector", new VectorType()),
            Map.entry("uuid", FixedBinaryTextType.UUID),
            Map.entry("inet4", FixedBinaryTextType.INET4),
            Map.entry("inet6", FixedBinaryTextType.INET6));

    /** Each name's binlog codes, taken once: every table map is checked against them. */
    private static final Map<String, int[]> BINLOG_CODES = BY_NAME.entrySet().stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().binlogCodes()));

    private ColumnTypes() {
    }

    /** The type of a data type name; one that stops capture (with the fix) when the name is unknown. */
    public static ColumnType of(String dataType) {
        return BY_NAME.getOrDefault(dataType.toLowerCase(Locale.ROOT), UNKNOWN);
    }

    public static ColumnType of(ColumnDef column) {
        return of(column.dataType());
    }

    /** Whether Sluice can capture columns of this data type. */
    public static boolean isKnown(String dataType) {
        return BY_NAME.containsKey(dataType.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether a TABLE_MAP column type code can hold a column of this data type (always for a type
     * Sluice does not know: that is refused where its table is captured).
     */
    public static boolean binlogTypeFits(String dataType, int code) {
        int[] codes = BINLOG_CODES.get(dataType.toLowerCase(Locale.ROOT));
        if (codes == null) {
            return true;
        }
        for (int candidate : codes) {
            if (candidate == code) {
                return true;
            }
        }
        return false;
    }

    /**
     * The column's DEFAULT in the value form its writer writes, or null when the schema declares
     * none. Debezium's rules: an expression gives no default (except CURRENT_TIMESTAMP for a date
     * or time), nor does a literal that is not one of the column's type.
     */
    public static Object defaultValue(ColumnDef column) {
        String text = column.defaultValue();
        if (text == null) {
            return null;
        }
        ColumnType type = of(column);
        if (column.defaultIsExpression()) {
            return type.expressionDefault(text);
        }
        try {
            return type.parseDefault(column, text);
        } catch (RuntimeException notALiteral) {
            return null; // an expression default (uuid(), a computed value): Debezium declares none
        }
    }

    /**
     * The members of {@code enum('a','b')} or {@code set('x','y')} as MySQL quotes them (single
     * quotes, a quote inside doubled); empty for other types.
     */
    public static List<String> allowedValues(String columnType) {
        String lower = columnType.toLowerCase();
        if (!(lower.startsWith("enum(") || lower.startsWith("set("))) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        int i = columnType.indexOf('(') + 1;
        while (i < columnType.length()) {
            char c = columnType.charAt(i);
            if (c == '\'') {
                StringBuilder value = new StringBuilder();
                i++;
                while (i < columnType.length()) {
                    char d = columnType.charAt(i);
                    if (d == '\'' && i + 1 < columnType.length() && columnType.charAt(i + 1) == '\'') {
                        value.append('\'');
                        i += 2;
                    } else if (d == '\'') {
                        i++;
                        break;
                    } else if (d == '\\' && i + 1 < columnType.length()) {
                        value.append(columnType.charAt(i + 1));
                        i += 2;
                    } else {
                        value.append(d);
                        i++;
                    }
                }
                values.add(value.toString());
            } else if (c == ')') {
                break;
            } else {
                i++;
            }
        }
        return List.copyOf(values);
    }
}
