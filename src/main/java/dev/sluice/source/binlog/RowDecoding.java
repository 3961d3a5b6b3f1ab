package dev.sluice.source.binlog;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.DeleteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.UpdateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.WriteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;

import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Map;

/**
 * How Sluice decodes binlog rows: the binlog client's decoders with its compatibility modes, so
 * temporal values arrive as epoch microseconds (DATETIME as its wall clock read as UTC,
 * TIMESTAMP as the true instant), invalid dates as {@link #INVALID_TEMPORAL}, and CHAR/VARCHAR
 * as raw bytes for the column's own charset; plus Sluice's own TIME decoding, which keeps the
 * sign and hours beyond 24 (MySQL's TIME spans -838:59:59 to 838:59:59), also inside
 * compressed transaction payloads.
 */
public final class RowDecoding {

    /** What the decoder returns for a zero or otherwise invalid date/time. */
    public static final long INVALID_TEMPORAL = Long.MIN_VALUE;

    static final EventDeserializer.CompatibilityMode[] MODES = {
        EventDeserializer.CompatibilityMode.DATE_AND_TIME_AS_LONG_MICRO,
        EventDeserializer.CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY,
        EventDeserializer.CompatibilityMode.INVALID_DATE_AND_TIME_AS_MIN_VALUE};

    private RowDecoding() {
    }

    /** A DECIMAL(precision, scale) in MySQL's binary form (as in rows and in binary JSON). */
    public static java.math.BigDecimal decimal(int precision, int scale, byte[] binary) {
        return com.github.shyiko.mysql.binlog.event.deserialization.AbstractRowsEventDataDeserializer
                .asBigDecimal(precision, scale, binary);
    }

    /** Microseconds of a TIME(fsp) value in MySQL's binary TIME2 format (offset binary, big-endian). */
    static long time2Micros(ByteArrayInputStream in, int fsp) throws IOException {
        long packed;
        switch (fsp) {
            case 0 -> packed = (bigEndian(in, 3) - 0x800000L) << 24;
            case 1, 2 -> {
                long intPart = bigEndian(in, 3) - 0x800000L;
                long frac = bigEndian(in, 1);
                if (intPart < 0 && frac != 0) {
                    intPart++;
                    frac -= 0x100;
                }
                packed = (intPart << 24) + frac * 10_000;
            }
            case 3, 4 -> {
                long intPart = bigEndian(in, 3) - 0x800000L;
                long frac = bigEndian(in, 2);
                if (intPart < 0 && frac != 0) {
                    intPart++;
                    frac -= 0x10000;
                }
                packed = (intPart << 24) + frac * 100;
            }
            default -> packed = bigEndian(in, 6) - 0x800000000000L;
        }
        boolean negative = packed < 0;
        long magnitude = Math.abs(packed);
        long hms = magnitude >> 24;
        long micros = magnitude % (1L << 24);
        long hours = (hms >> 12) % (1 << 10);
        long minutes = (hms >> 6) % (1 << 6);
        long seconds = hms % (1 << 6);
        long total = ((hours * 60 + minutes) * 60 + seconds) * 1_000_000L + micros;
        return negative ? -total : total;
    }

    /**
     * DATE: 3 bytes, little-endian, day in the low 5 bits, month in the next 4, year above.
     * Converted with the proleptic Gregorian calendar, as MySQL counts (the client's own
     * conversion uses the Julian calendar before 1582 and is days off for old dates).
     */
    static long dateMicros(ByteArrayInputStream in) throws IOException {
        int value = in.readInteger(3);
        int day = value % 32;
        int month = (value >>> 5) % 16;
        int year = value >>> 9;
        return civilMicros(year, month, day, 0, 0, 0, 0);
    }

    /**
     * DATETIME(fsp) in MySQL's binary DATETIME2 format: 5 bytes big-endian (sign, year*13+month,
     * day, hour, minute, second) and the fraction, read as a UTC wall clock.
     */
    static long datetime2Micros(ByteArrayInputStream in, int fsp) throws IOException {
        long packed = bigEndian(in, 5);
        long yearMonth = (packed >> 22) & 0x1FFFF;
        int day = (int) ((packed >> 17) & 0x1F);
        int hour = (int) ((packed >> 12) & 0x1F);
        int minute = (int) ((packed >> 6) & 0x3F);
        int second = (int) (packed & 0x3F);
        int fractionBytes = (fsp + 1) / 2;
        long fraction = fractionBytes == 0 ? 0 : bigEndian(in, fractionBytes);
        long micros = switch (fractionBytes) {
            case 1 -> fraction * 10_000;
            case 2 -> fraction * 100;
            default -> fraction;
        };
        return civilMicros((int) (yearMonth / 13), (int) (yearMonth % 13), day, hour, minute, second, micros);
    }

    private static long civilMicros(int year, int month, int day, int hour, int minute, int second, long micros) {
        if (month == 0 || day == 0) {
            return INVALID_TEMPORAL;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return ((days * 24 + hour) * 60 + minute) * 60_000_000L + second * 1_000_000L + micros;
    }

    /** YEAR is stored as years since 1900, with 0 for the year 0000 (not 1900). */
    static int year(ByteArrayInputStream in) throws IOException {
        int stored = in.readInteger(1);
        return stored == 0 ? 0 : 1900 + stored;
    }

    private static long bigEndian(ByteArrayInputStream in, int bytes) throws IOException {
        long value = 0;
        for (byte b : in.read(bytes)) {
            value = (value << 8) | (b & 0xFF);
        }
        return value;
    }

    static class Writes extends WriteRowsEventDataDeserializer {
        Writes(Map<Long, TableMapEventData> tableMaps) {
            super(tableMaps);
        }

        @Override
        protected Serializable deserializeTimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return time2Micros(in, meta);
        }

        @Override
        protected Serializable deserializeYear(ByteArrayInputStream in) throws IOException {
            return year(in);
        }

        @Override
        protected Serializable deserializeDate(ByteArrayInputStream in) throws IOException {
            return dateMicros(in);
        }

        @Override
        protected Serializable deserializeDatetimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return datetime2Micros(in, meta);
        }
    }

    static class Updates extends UpdateRowsEventDataDeserializer {
        Updates(Map<Long, TableMapEventData> tableMaps) {
            super(tableMaps);
        }

        @Override
        protected Serializable deserializeTimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return time2Micros(in, meta);
        }

        @Override
        protected Serializable deserializeYear(ByteArrayInputStream in) throws IOException {
            return year(in);
        }

        @Override
        protected Serializable deserializeDate(ByteArrayInputStream in) throws IOException {
            return dateMicros(in);
        }

        @Override
        protected Serializable deserializeDatetimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return datetime2Micros(in, meta);
        }
    }

    static final class Deletes extends DeleteRowsEventDataDeserializer {
        Deletes(Map<Long, TableMapEventData> tableMaps) {
            super(tableMaps);
        }

        @Override
        protected Serializable deserializeTimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return time2Micros(in, meta);
        }

        @Override
        protected Serializable deserializeYear(ByteArrayInputStream in) throws IOException {
            return year(in);
        }

        @Override
        protected Serializable deserializeDate(ByteArrayInputStream in) throws IOException {
            return dateMicros(in);
        }

        @Override
        protected Serializable deserializeDatetimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return datetime2Micros(in, meta);
        }
    }
}
