package dev.sluice.event;

import dev.sluice.schema.ColumnDef;
import dev.sluice.source.MysqlCharsets;
import dev.sluice.source.TemporalText;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Turns a column's DEFAULT (as information_schema or the DDL spells it) into the value a row of
 * that column would carry, so the schema's {@code default} is written by the column's own value
 * writer. Follows Debezium's rules: {@code CURRENT_TIMESTAMP} counts as the epoch, a zero date as
 * the epoch (or no default when the column is nullable), and an expression that is not a literal
 * of the column's type gives no default at all.
 */
final class DefaultValues {

    private DefaultValues() {
    }

    /** The default in the form {@link BinlogValueWriters} writes, or null when the schema has none. */
    static Object valueOf(ColumnDef column) {
        String text = column.defaultValue();
        if (text == null) {
            return null;
        }
        if (column.defaultIsExpression()) {
            return isTemporal(column) && isCurrentTimestamp(text.trim()) ? 0L : null;
        }
        try {
            return parse(column, text);
        } catch (RuntimeException notALiteral) {
            return null; // an expression default (uuid(), a computed value): Debezium declares none
        }
    }

    private static Object parse(ColumnDef column, String text) {
        String type = column.dataType().toLowerCase(Locale.ROOT);
        String trimmed = text.trim();
        return switch (type) {
            case "tinyint", "smallint", "mediumint", "int", "integer", "year" -> (int) integral(trimmed);
            case "bigint" -> unsignedWrapped(trimmed);
            case "decimal", "numeric" -> new BigDecimal(booleanAsNumber(trimmed))
                    .setScale(Math.max(column.scale(), 0), RoundingMode.HALF_UP);
            case "float" -> Float.parseFloat(trimmed);
            case "double", "real" -> Double.parseDouble(trimmed);
            case "bit" -> bits(trimmed);
            case "date" -> isCurrentTimestamp(trimmed) ? 0L : TemporalText.date(zeroAsDate(trimmed));
            case "datetime", "timestamp" -> isCurrentTimestamp(trimmed) ? 0L
                    : TemporalText.dateTime(withTime(zeroAsDate(trimmed)));
            case "time" -> TemporalText.time(timePart(trimmed));
            case "enum" -> enumIndex(column, text);
            case "set" -> setBits(column, text);
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext" ->
                    MysqlCharsets.forName(column.charset()) == null ? bytes(text) : text;
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> bytes(text);
            case "uuid", "inet4", "inet6" -> text;
            default -> null; // JSON, spatial and VECTOR columns only take expression defaults
        };
    }

    /** MySQL shows a binary default as a hex literal ({@code 0x6162}); MariaDB and DDL as the string. */
    private static byte[] bytes(String text) {
        if (text.length() >= 2 && text.startsWith("0x") && text.length() % 2 == 0) {
            try {
                return HexFormat.of().parseHex(text, 2, text.length());
            } catch (IllegalArgumentException notHex) {
                // a string that merely starts with 0x
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static long integral(String text) {
        String number = booleanAsNumber(text);
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException decimal) {
            return Math.round(Double.parseDouble(number));
        }
    }

    /** BIGINT UNSIGNED values above Long.MAX_VALUE wrap to negative longs, as the binlog carries them. */
    private static long unsignedWrapped(String text) {
        return new BigDecimal(booleanAsNumber(text)).setScale(0, RoundingMode.HALF_UP).toBigIntegerExact().longValue();
    }

    private static boolean isTemporal(ColumnDef column) {
        String type = column.dataType().toLowerCase(Locale.ROOT);
        return type.equals("date") || type.equals("datetime") || type.equals("timestamp");
    }

    private static String booleanAsNumber(String text) {
        if (text.equalsIgnoreCase("true")) {
            return "1";
        }
        return text.equalsIgnoreCase("false") ? "0" : text;
    }

    /** {@code b'101'} (how MySQL and MariaDB show a BIT default) or a plain number. */
    private static BitSet bits(String text) {
        long value;
        if (text.length() >= 3 && (text.startsWith("b'") || text.startsWith("B'")) && text.endsWith("'")) {
            String digits = text.substring(2, text.length() - 1);
            value = digits.isEmpty() ? 0 : Long.parseUnsignedLong(digits, 2);
        } else {
            value = integral(text);
        }
        return BitSet.valueOf(new long[] {value});
    }

    private static boolean isCurrentTimestamp(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.startsWith("current_timestamp") || lower.startsWith("now(") || lower.startsWith("localtime");
    }

    private static String zeroAsDate(String text) {
        return text.equals("0") ? "0000-00-00 00:00:00" : text;
    }

    private static String withTime(String text) {
        return text.length() == 10 ? text + " 00:00:00" : text;
    }

    /** A TIME default may be written as a full date and time; only the time counts. */
    private static String timePart(String text) {
        int space = text.indexOf(' ');
        return space > 0 && text.indexOf('-') > 0 ? text.substring(space + 1) : text;
    }

    private static int enumIndex(ColumnDef column, String text) {
        int index = column.allowedValues().indexOf(text);
        if (index < 0) {
            throw new IllegalArgumentException("not a member");
        }
        return index + 1;
    }

    private static long setBits(ColumnDef column, String text) {
        long bits = 0;
        if (!text.isEmpty()) {
            for (String member : text.split(",")) {
                int index = column.allowedValues().indexOf(member);
                if (index < 0) {
                    throw new IllegalArgumentException("not a member");
                }
                bits |= 1L << index;
            }
        }
        return bits;
    }
}
