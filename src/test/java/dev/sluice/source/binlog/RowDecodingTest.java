package dev.sluice.source.binlog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RowDecodingTest {

    private static ByteArrayInputStream bytes(int... values) {
        byte[] data = new byte[values.length];
        for (int k = 0; k < values.length; k++) {
            data[k] = (byte) values[k];
        }
        return new ByteArrayInputStream(data);
    }

    private static long micros(LocalDateTime time) {
        return time.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + time.getNano() / 1000;
    }

    /** DATE packs day | month << 5 | year << 9, little-endian in 3 bytes. */
    private static ByteArrayInputStream date(int year, int month, int day) {
        int value = day | month << 5 | year << 9;
        return bytes(value & 0xFF, value >> 8 & 0xFF, value >> 16 & 0xFF);
    }

    @Test
    void datesBeforeTheGregorianReformAreProleptic() throws IOException {
        assertEquals(micros(LocalDate.of(1, 1, 1).atStartOfDay()), RowDecoding.dateMicros(date(1, 1, 1)));
        assertEquals(micros(LocalDate.of(1500, 3, 1).atStartOfDay()), RowDecoding.dateMicros(date(1500, 3, 1)));
        assertEquals(micros(LocalDate.of(2024, 2, 29).atStartOfDay()), RowDecoding.dateMicros(date(2024, 2, 29)));
    }

    @Test
    void zeroDatesAndZeroPartsAreInvalid() throws IOException {
        assertEquals(RowDecoding.INVALID_TEMPORAL, RowDecoding.dateMicros(date(0, 0, 0)));
        assertEquals(RowDecoding.INVALID_TEMPORAL, RowDecoding.dateMicros(date(2020, 5, 0)));
    }

    /** DATETIME2: 0x8000000000 | (year*13+month) << 22 | day << 17 | hour << 12 | minute << 6 | second. */
    private static ByteArrayInputStream datetime2(LocalDateTime t, int... fraction) {
        long packed = 0x8000000000L | (long) (t.getYear() * 13 + t.getMonthValue()) << 22 | (long) t.getDayOfMonth() << 17
                | (long) t.getHour() << 12 | (long) t.getMinute() << 6 | t.getSecond();
        int[] all = new int[5 + fraction.length];
        for (int k = 0; k < 5; k++) {
            all[k] = (int) (packed >> (8 * (4 - k)) & 0xFF);
        }
        System.arraycopy(fraction, 0, all, 5, fraction.length);
        return bytes(all);
    }

    @Test
    void datetime2WithEachFractionWidth() throws IOException {
        LocalDateTime base = LocalDateTime.of(1066, 10, 14, 9, 30, 59);
        assertEquals(micros(base), RowDecoding.datetime2Micros(datetime2(base), 0));
        assertEquals(micros(base.withNano(120_000_000)), RowDecoding.datetime2Micros(datetime2(base, 12), 2));
        assertEquals(micros(base.withNano(123_400_000)), RowDecoding.datetime2Micros(datetime2(base, 0x04, 0xD2), 4));
        assertEquals(micros(base.withNano(123_456_000)),
                RowDecoding.datetime2Micros(datetime2(base, 0x01, 0xE2, 0x40), 6));
    }

    @Test
    void negativeTimeWithFraction() throws IOException {
        // -00:00:01.50 at fsp 2 is stored as int part -2 and fraction 0x100 - 50 (negatives sort reversed).
        long intPart = 0x800000L - 2;
        long expected = -1_500_000L;
        assertEquals(expected, RowDecoding.time2Micros(
                bytes((int) (intPart >> 16 & 0xFF), (int) (intPart >> 8 & 0xFF), (int) (intPart & 0xFF), 0x100 - 50), 2));
    }

    @Test
    void yearZeroIsNotNineteenHundred() throws IOException {
        assertEquals(0, RowDecoding.year(bytes(0)));
        assertEquals(2155, RowDecoding.year(bytes(255)));
    }
}
