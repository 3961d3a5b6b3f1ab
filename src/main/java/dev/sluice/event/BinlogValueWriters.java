package dev.sluice.event;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.config.ConversionOptions;
import dev.sluice.config.ConversionOptions.BigintUnsignedMode;
import dev.sluice.config.ConversionOptions.DecimalMode;
import dev.sluice.schema.ColumnDef;
import dev.sluice.source.MysqlCharsets;
import dev.sluice.source.TemporalText;
import dev.sluice.source.binlog.RowDecoding;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Chooses, once per column, how a value decoded from a binlog row (see {@link RowDecoding}), or
 * read by a snapshot into the same form, is written as Debezium's JSON (Kafka's JsonConverter,
 * schemas off). Nothing here runs per row except the returned writer.
 */
public final class BinlogValueWriters {

    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final BigInteger UNSIGNED_LONG_OFFSET = BigInteger.ONE.shiftLeft(64);

    private BinlogValueWriters() {
    }

    public static ValueWriter forColumn(ColumnDef column, ConversionOptions options) {
        String type = column.dataType().toLowerCase(Locale.ROOT);
        boolean connect = options.timePrecisionMode() == ConversionOptions.TimePrecisionMode.CONNECT;
        return switch (type) {
            case "tinyint" -> column.unsigned() ? (g, v) -> g.writeNumber(((Number) v).intValue() & 0xFF) : BinlogValueWriters::writeInt;
            case "smallint" -> column.unsigned() ? (g, v) -> g.writeNumber(((Number) v).intValue() & 0xFFFF) : BinlogValueWriters::writeInt;
            case "mediumint" -> column.unsigned() ? (g, v) -> g.writeNumber(((Number) v).intValue() & 0xFFFFFF) : BinlogValueWriters::writeInt;
            case "int", "integer" -> column.unsigned() ? (g, v) -> g.writeNumber(((Number) v).intValue() & 0xFFFFFFFFL) : BinlogValueWriters::writeInt;
            case "bigint" -> bigint(column, options);
            case "decimal", "numeric" -> decimal(column, options.decimalMode());
            case "float" -> column.scale() >= 0 // FLOAT(M,D) is a Connect float64, plain FLOAT a float32
                    ? (g, v) -> g.writeNumber(((Number) v).doubleValue())
                    : (g, v) -> g.writeNumber(((Number) v).floatValue());
            case "double", "real" -> (g, v) -> g.writeNumber(((Number) v).doubleValue());
            case "bit" -> bit(column);
            case "date" -> temporal(column, (g, micros) -> g.writeNumber(Math.floorDiv(micros, MICROS_PER_DAY)));
            case "datetime" -> column.scale() <= 3 || connect
                    ? temporal(column, (g, micros) -> g.writeNumber(Math.floorDiv(micros, 1000L)))
                    : temporal(column, JsonGenerator::writeNumber);
            case "timestamp" -> timestamp(column);
            case "time" -> connect ? connectTime(column) : temporal(column, JsonGenerator::writeNumber);
            case "year" -> BinlogValueWriters::writeInt;
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext" -> text(column, options);
            case "binary" -> padded(binary(options), (int) column.length());
            case "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> binary(options);
            case "json" -> (g, v) -> {
                if (v instanceof String text) {
                    g.writeString(text); // a snapshot reads the text MySQL returns
                } else {
                    json(g, (byte[]) v);
                }
            };
            case "enum" -> enumeration(column.allowedValues());
            case "set" -> set(column.allowedValues());
            case "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
                    "geometrycollection", "geomcollection" -> geometry(type.equals("point"));
            case "vector" -> BinlogValueWriters::vector;
            case "uuid" -> fixedBinaryText(FixedBinaryText::uuid);
            case "inet4" -> fixedBinaryText(FixedBinaryText::inet4);
            case "inet6" -> fixedBinaryText(FixedBinaryText::inet6);
            default -> throw new UnrepresentableValueException("column " + column.name() + " has the type "
                    + column.columnType() + ", which this version of Sluice cannot capture; leave the table out of"
                    + " SLUICE_TABLES (or add it to SLUICE_TABLES_EXCLUDE) until a version that can");
        };
    }

    private static void writeInt(JsonGenerator g, Object v) throws IOException {
        g.writeNumber(((Number) v).intValue());
    }

    private static ValueWriter bigint(ColumnDef column, ConversionOptions options) {
        if (!column.unsigned() || options.bigintUnsignedMode() == BigintUnsignedMode.LONG) {
            return (g, v) -> g.writeNumber(((Number) v).longValue());
        }
        return (g, v) -> {
            long raw = ((Number) v).longValue();
            BigInteger unsigned = raw >= 0 ? BigInteger.valueOf(raw) : BigInteger.valueOf(raw).add(UNSIGNED_LONG_OFFSET);
            g.writeBinary(unsigned.toByteArray());
        };
    }

    private static ValueWriter decimal(ColumnDef column, DecimalMode mode) {
        int scale = Math.max(column.scale(), 0);
        return switch (mode) {
            case PRECISE -> (g, v) -> g.writeBinary(((BigDecimal) v).setScale(scale).unscaledValue().toByteArray());
            case DOUBLE -> (g, v) -> g.writeNumber(((BigDecimal) v).doubleValue());
            case STRING -> (g, v) -> g.writeString(((BigDecimal) v).setScale(scale).toPlainString());
        };
    }

    private static ValueWriter bit(ColumnDef column) {
        if (column.length() == 1) {
            return (g, v) -> g.writeBoolean(((BitSet) v).get(0));
        }
        int bytes = (int) ((column.length() + 7) / 8);
        return (g, v) -> {
            byte[] little = ((BitSet) v).toByteArray();
            byte[] padded = new byte[bytes];
            System.arraycopy(little, 0, padded, 0, Math.min(little.length, bytes));
            g.writeBinary(padded);
        };
    }

    @FunctionalInterface
    private interface MicrosWriter {
        void write(JsonGenerator g, long micros) throws IOException;
    }

    /**
     * A zero date becomes null when the column allows it; in a NOT NULL column it becomes the
     * column's default, or the epoch when the default is none or itself zero (Debezium's rule).
     */
    private static ValueWriter temporal(ColumnDef column, MicrosWriter writer) {
        boolean nullable = column.nullable();
        long zeroAs = nullable ? 0L : validDefaultMicros(column);
        return (g, v) -> {
            long micros = ((Number) v).longValue();
            if (micros == RowDecoding.INVALID_TEMPORAL) {
                if (nullable) {
                    g.writeNull();
                } else {
                    writer.write(g, zeroAs);
                }
            } else {
                writer.write(g, micros);
            }
        };
    }

    private static long validDefaultMicros(ColumnDef column) {
        Object value = DefaultValues.valueOf(column);
        return value instanceof Long micros && micros != RowDecoding.INVALID_TEMPORAL ? micros : 0L;
    }

    /**
     * Connect's Time is a time of day, 00:00:00 to 24:00:00; MySQL's TIME spans -838:59:59 to
     * 838:59:59. Outside the day a nullable column gets null (as Debezium writes it). A NOT NULL
     * column stops the stream: no value of its declared type is right, and a wrapped number
     * would be a wrong one.
     */
    private static ValueWriter connectTime(ColumnDef column) {
        boolean nullable = column.nullable();
        String name = column.name();
        return (g, v) -> {
            long micros = ((Number) v).longValue();
            if (micros >= 0 && micros <= MICROS_PER_DAY) {
                g.writeNumber((int) (micros / 1000L));
            } else if (nullable) {
                g.writeNull();
            } else {
                throw new UnrepresentableValueException("the TIME value " + TemporalText.formatTime(micros)
                        + " of the NOT NULL column " + name + " lies outside 00:00:00 to 24:00:00, which"
                        + " time.precision.mode=connect cannot represent; set SLUICE_TIME_PRECISION_MODE="
                        + "adaptive_time_microseconds (the default) to capture it");
            }
        };
    }

    /**
     * TIMESTAMP's zero value is stored as the epoch itself (a TIMESTAMP cannot hold 1970-01-01
     * 00:00:00 UTC otherwise), so epoch 0 is the zero value: null when nullable, else the epoch.
     */
    private static ValueWriter timestamp(ColumnDef column) {
        int fsp = Math.max(column.scale(), 0);
        ValueWriter writer = temporal(column, (g, micros) -> {
            byte[] text = zonedTimestampAscii(micros, fsp);
            g.writeRawUTF8String(text, 0, text.length);
        });
        return (g, v) -> writer.write(g, ((Number) v).longValue() == 0 ? RowDecoding.INVALID_TEMPORAL : v);
    }

    /**
     * ISO-8601 in UTC with exactly {@code fsp} fraction digits (none when fsp is 0), as Debezium's
     * ZonedTimestamp: {@code 2018-06-20T13:37:03.500Z}. Written by hand, as ASCII bytes the
     * generator copies without escaping: it runs for every TIMESTAMP value, and a TIMESTAMP always
     * lies within years 1970-2038.
     */
    static byte[] zonedTimestampAscii(long micros, int fsp) {
        long days = Math.floorDiv(micros, MICROS_PER_DAY);
        long ofDay = Math.floorMod(micros, MICROS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(days);
        byte[] text = new byte[20 + (fsp > 0 ? fsp + 1 : 0)];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        long seconds = ofDay / 1_000_000;
        digits(text, 11, (int) (seconds / 3600), 2);
        text[13] = ':';
        digits(text, 14, (int) (seconds / 60 % 60), 2);
        text[16] = ':';
        digits(text, 17, (int) (seconds % 60), 2);
        int at = 19;
        if (fsp > 0) {
            text[at++] = '.';
            digits(text, at, (int) (ofDay % 1_000_000 / POWERS_OF_TEN[6 - fsp]), fsp);
            at += fsp;
        }
        text[at] = 'Z';
        return text;
    }

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    private static void digits(byte[] into, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    private static ValueWriter text(ColumnDef column, ConversionOptions options) {
        Charset charset = MysqlCharsets.forName(column.charset());
        if (charset == null) {
            return binary(options);
        }
        if (MysqlCharsets.isUtf8(column.charset())) {
            // The server only stores valid UTF-8 in utf8mb3/utf8mb4 columns: copy the bytes, escaping
            // what JSON needs, instead of decoding them into a String and encoding it again. Characters
            // beyond the BMP take the String path, which escapes them as surrogate pairs (as Debezium's
            // output does).
            return (g, v) -> {
                if (v instanceof byte[] bytes) {
                    utf8(g, bytes);
                } else {
                    g.writeString(v.toString());
                }
            };
        }
        return (g, v) -> g.writeString(v instanceof byte[] bytes ? new String(bytes, charset) : v.toString());
    }

    private static void utf8(JsonGenerator g, byte[] utf8) throws IOException {
        switch (scan(utf8)) {
            case PLAIN -> g.writeRawUTF8String(utf8, 0, utf8.length);
            case NEEDS_ESCAPES -> g.writeUTF8String(utf8, 0, utf8.length);
            case BEYOND_BMP -> g.writeString(new String(utf8, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private enum Utf8Text { PLAIN, NEEDS_ESCAPES, BEYOND_BMP }

    /**
     * One pass over UTF-8 text: plain text (most of it) is copied between quotes as it is; text
     * with characters JSON escapes (controls, quote, backslash) goes through the generator's
     * escaping; a four-byte sequence (lead byte 0xF0 and up) takes the String path.
     */
    private static Utf8Text scan(byte[] utf8) {
        boolean escapes = false;
        for (byte b : utf8) {
            if (b >= 0) {
                escapes |= b < 0x20 || b == '"' || b == '\\';
            } else if ((b & 0xF8) == 0xF0) {
                return Utf8Text.BEYOND_BMP;
            }
        }
        return escapes ? Utf8Text.NEEDS_ESCAPES : Utf8Text.PLAIN;
    }

    static ValueWriter binary(ConversionOptions options) {
        return switch (options.binaryMode()) {
            case BYTES, BASE64 -> (g, v) -> g.writeBinary((byte[]) v);
            case BASE64_URL_SAFE -> (g, v) -> g.writeString(Base64.getUrlEncoder().encodeToString((byte[]) v));
            case HEX -> (g, v) -> g.writeString(java.util.HexFormat.of().formatHex((byte[]) v));
        };
    }

    /** The binlog drops a BINARY value's trailing zero bytes; the column holds them (as a snapshot shows). */
    private static ValueWriter padded(ValueWriter writer, int length) {
        return (g, v) -> {
            byte[] bytes = (byte[]) v;
            writer.write(g, bytes.length >= length ? bytes : java.util.Arrays.copyOf(bytes, length));
        };
    }

    /** MySQL's binary JSON is rendered already escaped for the string it becomes, in one pass. */
    private static void json(JsonGenerator g, byte[] binary) throws IOException {
        if (binary.length == 0) {
            g.writeNull();
            return;
        }
        byte[] content = MysqlJsonText.renderAsStringContent(binary);
        if (content != null) {
            g.writeRawUTF8String(content, 0, content.length);
        } else {
            utf8(g, MysqlJsonText.renderUtf8(binary));
        }
    }

    private static ValueWriter enumeration(List<String> allowed) {
        String[] values = allowed.toArray(String[]::new);
        return (g, v) -> {
            int index = ((Number) v).intValue();
            g.writeString(index >= 1 && index <= values.length ? values[index - 1] : "");
        };
    }

    private static ValueWriter set(List<String> allowed) {
        String[] values = allowed.toArray(String[]::new);
        return (g, v) -> {
            long bits = ((Number) v).longValue();
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < values.length; i++) {
                if ((bits & (1L << i)) != 0) {
                    if (joined.length() > 0) {
                        joined.append(',');
                    }
                    joined.append(values[i]);
                }
            }
            g.writeString(joined.toString());
        };
    }

    /** The binlog (and a snapshot) gives a geometry as a 4-byte little-endian SRID followed by its WKB. */
    private static ValueWriter geometry(boolean point) {
        return (g, v) -> {
            byte[] stored = (byte[]) v;
            ByteBuffer buffer = ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN);
            int srid = buffer.getInt(0);
            byte[] wkb = java.util.Arrays.copyOfRange(stored, 4, stored.length);
            g.writeStartObject();
            if (point && wkb.length >= 21) {
                ByteOrder order = wkb[0] == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
                ByteBuffer coordinates = ByteBuffer.wrap(wkb).order(order);
                g.writeNumberField("x", coordinates.getDouble(5));
                g.writeNumberField("y", coordinates.getDouble(13));
            }
            g.writeFieldName("wkb");
            g.writeBinary(wkb);
            g.writeFieldName("srid");
            if (srid == 0) {
                g.writeNull(); // SRID 0 means none was given: Debezium writes null
            } else {
                g.writeNumber(srid);
            }
            g.writeEndObject();
        };
    }

    /** MariaDB's UUID and INET types: binlog bytes formatted as text, a snapshot's text as it is. */
    private static ValueWriter fixedBinaryText(java.util.function.Function<byte[], String> format) {
        return (g, v) -> g.writeString(v instanceof byte[] bytes ? format.apply(bytes) : v.toString());
    }

    private static void vector(JsonGenerator g, Object v) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap((byte[]) v).order(ByteOrder.LITTLE_ENDIAN);
        g.writeStartArray();
        while (buffer.remaining() >= 4) {
            g.writeNumber(buffer.getFloat());
        }
        g.writeEndArray();
    }
}
