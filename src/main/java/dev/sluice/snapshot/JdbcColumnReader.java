package dev.sluice.snapshot;

import dev.sluice.source.MysqlCharsets;
import dev.sluice.schema.ColumnDef;
import dev.sluice.source.TemporalText;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Reads one column of a snapshot row into the same Java value the binlog decoder would have
 * produced for it (see {@code source.RowDecoding}), so one set of value writers renders both.
 * Temporal columns are read as text in a UTC session: no JVM or driver time zone takes part.
 */
@FunctionalInterface
public interface JdbcColumnReader {

    Object read(ResultSet rs, int index) throws SQLException;

    static JdbcColumnReader forColumn(ColumnDef column) {
        String type = column.dataType().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "tinyint", "smallint", "mediumint", "int", "integer", "year" -> (rs, i) -> {
                long value = rs.getLong(i);
                return rs.wasNull() ? null : (Object) (int) value;
            };
            case "bigint" -> column.unsigned() ? (rs, i) -> {
                BigDecimal value = rs.getBigDecimal(i);
                return value == null ? null : value.toBigInteger().longValue(); // unsigned wraps, as in the binlog
            } : (rs, i) -> {
                long value = rs.getLong(i);
                return rs.wasNull() ? null : (Object) value;
            };
            case "decimal", "numeric" -> ResultSet::getBigDecimal;
            case "float" -> (rs, i) -> {
                float value = rs.getFloat(i);
                return rs.wasNull() ? null : value;
            };
            case "double", "real" -> (rs, i) -> {
                double value = rs.getDouble(i);
                return rs.wasNull() ? null : value;
            };
            case "bit" -> (rs, i) -> {
                byte[] bigEndian = rs.getBytes(i);
                return bigEndian == null ? null : bits(bigEndian);
            };
            case "date" -> text(TemporalText::date);
            case "datetime", "timestamp" -> text(TemporalText::dateTime);
            case "time" -> text(TemporalText::time);
            case "enum" -> enumIndex(column.allowedValues());
            case "set" -> setBits(column.allowedValues());
            // The session's results are UTF-8: a UTF-8 column's bytes are the binlog's, and the writer
            // copies them without decoding; other character sets are decoded here.
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext" ->
                    MysqlCharsets.isUtf8(column.charset()) ? ResultSet::getBytes : ResultSet::getString;
            case "json" -> ResultSet::getString; // text, which the writer must not take for binary JSON
            case "uuid", "inet4", "inet6" -> ResultSet::getString; // MariaDB's own text for its binary types
            default -> ResultSet::getBytes; // binary, blobs, geometry, vector: the server's own bytes
        };
    }

    private static JdbcColumnReader text(java.util.function.ToLongFunction<String> parser) {
        return (rs, i) -> {
            String value = rs.getString(i);
            return value == null ? null : (Object) parser.applyAsLong(value);
        };
    }

    /** A BIT value arrives big-endian; the binlog decoder yields bit 0 as the lowest bit. */
    private static BitSet bits(byte[] bigEndian) {
        byte[] littleEndian = new byte[bigEndian.length];
        for (int k = 0; k < bigEndian.length; k++) {
            littleEndian[k] = bigEndian[bigEndian.length - 1 - k];
        }
        return BitSet.valueOf(littleEndian);
    }

    /** The binlog carries an ENUM as its 1-based index (0 for the empty error value). */
    private static JdbcColumnReader enumIndex(List<String> allowed) {
        return (rs, i) -> {
            String value = rs.getString(i);
            return value == null ? null : (Object) (allowed.indexOf(value) + 1);
        };
    }

    /** The binlog carries a SET as a bit mask of its members. */
    private static JdbcColumnReader setBits(List<String> allowed) {
        return (rs, i) -> {
            String value = rs.getString(i);
            if (value == null) {
                return null;
            }
            long bits = 0;
            if (!value.isEmpty()) {
                for (String member : value.split(",")) {
                    int index = allowed.indexOf(member);
                    if (index >= 0) {
                        bits |= 1L << index;
                    }
                }
            }
            return bits;
        };
    }
}
