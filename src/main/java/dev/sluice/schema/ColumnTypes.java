package dev.sluice.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Small parsers for MySQL column type strings. */
public final class ColumnTypes {

    private ColumnTypes() {
    }

    /** Types whose values are characters in a character set. */
    public static boolean isText(String dataType) {
        return dev.sluice.schema.ddl.ColumnTypeNames.isText(dataType);
    }

    /** {@code (M,D)} of {@code float(7,2)} or {@code double(10,3) unsigned}; {-1, -1} without it. */
    public static long[] precisionAndScale(String columnType) {
        int open = columnType.indexOf('(');
        int comma = columnType.indexOf(',', open);
        int close = columnType.indexOf(')', open);
        if (open < 0 || comma < 0 || close < comma) {
            return new long[] {-1, -1};
        }
        return new long[] {Long.parseLong(columnType.substring(open + 1, comma).trim()),
                Long.parseLong(columnType.substring(comma + 1, close).trim())};
    }

    /**
     * Whether a binlog TABLE_MAP column type code can hold a column of this data type. CHAR,
     * BINARY, ENUM and SET all travel as STRING (254); every TEXT and BLOB as BLOB (252); old
     * temporal encodings are accepted beside the current ones.
     */
    public static boolean binlogTypeFits(String dataType, int code) {
        int[] allowed = switch (dataType.toLowerCase(Locale.ROOT)) {
            case "tinyint" -> new int[] {1};
            case "smallint" -> new int[] {2};
            case "mediumint" -> new int[] {9};
            case "int", "integer" -> new int[] {3};
            case "bigint" -> new int[] {8};
            case "float" -> new int[] {4};
            case "double", "real" -> new int[] {5};
            case "decimal", "numeric" -> new int[] {246, 0};
            case "date" -> new int[] {10, 14};
            case "time" -> new int[] {19, 11};
            case "datetime" -> new int[] {18, 12};
            case "timestamp" -> new int[] {17, 7};
            case "year" -> new int[] {13};
            case "char", "binary", "enum", "set" -> new int[] {254, 247, 248};
            case "uuid", "inet4", "inet6" -> new int[] {254}; // MariaDB's fixed-size binary types
            case "varchar", "varbinary" -> new int[] {15, 253};
            case "tinytext", "text", "mediumtext", "longtext", "tinyblob", "blob", "mediumblob", "longblob" ->
                    new int[] {252, 249, 250, 251};
            case "json" -> new int[] {245, 252};
            case "bit" -> new int[] {16};
            case "vector" -> new int[] {242};
            case "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
                    "geometrycollection", "geomcollection" -> new int[] {255};
            default -> null;
        };
        if (allowed == null) {
            return true;
        }
        for (int candidate : allowed) {
            if (candidate == code) {
                return true;
            }
        }
        return false;
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
