package dev.sluice.schema.types;

import dev.sluice.config.ConversionOptions.TimePrecisionMode;
import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;
import dev.sluice.source.TemporalText;
import dev.sluice.source.binlog.RowDecoding;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValueWritersTest {

    private static String zonedTimestamp(long micros, int fsp) {
        return new String(TimestampType.zonedTimestampAscii(micros, fsp), java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static long micros(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000 + i.getNano() / 1000;
    }

    @Test
    void zonedTimestampsHaveExactlyTheColumnsFractionDigits() {
        assertEquals("2018-06-20T13:37:03Z", zonedTimestamp(micros("2018-06-20T13:37:03Z"), 0));
        assertEquals("2018-06-20T13:37:03.500Z", zonedTimestamp(micros("2018-06-20T13:37:03.5Z"), 3));
        assertEquals("2018-06-20T13:37:03.000000Z", zonedTimestamp(micros("2018-06-20T13:37:03Z"), 6));
        assertEquals("2018-06-20T13:37:03.123456Z",
                zonedTimestamp(micros("2018-06-20T13:37:03.123456Z"), 6));
        assertEquals("1970-01-01T00:00:00.0Z", zonedTimestamp(0, 1));
        assertEquals("2038-01-19T03:14:07.99Z", zonedTimestamp(micros("2038-01-19T03:14:07.999999Z"), 2));
    }

    /** The hand-written formatting against java.time's, over the whole TIMESTAMP range. */
    @Test
    void agreesWithJavaTimeOverTheTimestampRange() {
        SplittableRandom random = new SplittableRandom(7);
        long max = micros("2038-01-19T03:14:07.999999Z");
        for (int fsp = 0; fsp <= 6; fsp++) {
            DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder()
                    .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T').appendPattern("HH:mm:ss");
            if (fsp > 0) {
                builder.appendFraction(ChronoField.NANO_OF_SECOND, fsp, fsp, true);
            }
            DateTimeFormatter reference = builder.appendLiteral('Z').toFormatter(Locale.ROOT);
            for (int k = 0; k < 20_000; k++) {
                long value = random.nextLong(max);
                long truncated = value - value % (long) Math.pow(10, 6 - fsp);
                Instant instant = Instant.ofEpochSecond(truncated / 1_000_000, truncated % 1_000_000 * 1000);
                assertEquals(reference.format(instant.atOffset(ZoneOffset.UTC)),
                        zonedTimestamp(value, fsp), "value " + value + " fsp " + fsp);
            }
        }
    }

    /** UTF-8 text is copied as bytes: the JSON must be the same as when written as a String. */
    @Test
    void utf8BytesAreWrittenAsTheirStringWouldBe() throws java.io.IOException {
        for (String text : new String[] {"", "plain", "quote \" and \\ backslash", "tab\tnew\nline\u0001\u001f",
                "caf\u00e9 \u20ac \u2028 \ud83d\ude00", "\u007f\u0080", "caf\u00e9 plain", "\u00e9\""}) {
            assertWrittenAsString(text);
        }
        int[] alphabet = {'a', 'Z', '0', ' ', '"', '\\', '\n', 0x1, 0x1f, 0x7f, 0xe9, 0x20ac, 0x2028, 0xfffd, 0x1f600};
        SplittableRandom random = new SplittableRandom(11);
        for (int k = 0; k < 2_000; k++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            // mostly one or two kinds of character, so that plain, escaped and multi-byte texts all occur
            int kinds = 1 + random.nextInt(3);
            for (int i = 0; i < length; i++) {
                text.appendCodePoint(alphabet[random.nextInt(kinds * 5)]);
            }
            assertWrittenAsString(text.toString());
        }
    }

    private static void assertWrittenAsString(String text) throws java.io.IOException {
        com.fasterxml.jackson.core.JsonFactory factory = new com.fasterxml.jackson.core.JsonFactory();
        java.io.ByteArrayOutputStream asBytes = new java.io.ByteArrayOutputStream();
        dev.sluice.schema.ColumnDef column = new dev.sluice.schema.ColumnDef("c", 1, "varchar", "varchar(100)",
                false, true, "utf8mb4", 100, 0, java.util.List.of(), false, false, null, false);
        try (com.fasterxml.jackson.core.JsonGenerator g = factory.createGenerator(asBytes)) {
            ColumnTypes.of(column).jsonWriter(column, dev.sluice.config.ConversionOptions.defaults())
                    .write(g, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        java.io.ByteArrayOutputStream asString = new java.io.ByteArrayOutputStream();
        try (com.fasterxml.jackson.core.JsonGenerator g = factory.createGenerator(asString)) {
            g.writeString(text);
        }
        assertEquals(asString.toString(java.nio.charset.StandardCharsets.UTF_8),
                asBytes.toString(java.nio.charset.StandardCharsets.UTF_8), text);
    }

    private static final ConversionOptions CONNECT = new ConversionOptions(ConversionOptions.BinaryMode.BYTES,
            ConversionOptions.DecimalMode.PRECISE, ConversionOptions.BigintUnsignedMode.LONG, TimePrecisionMode.CONNECT,
            false);

    private static ColumnDef temporalColumn(String type, boolean nullable, String defaultValue) {
        return new ColumnDef("c", 1, type, type, false, nullable, null, -1, 0, java.util.List.of(), false, false,
                defaultValue, false);
    }

    private static String render(ColumnDef column, ConversionOptions options, Object value) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(); // bytes, as events are written
        try (com.fasterxml.jackson.core.JsonGenerator g = new com.fasterxml.jackson.core.JsonFactory().createGenerator(out)) {
            ColumnTypes.of(column).jsonWriter(column, options).write(g, value);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Connect's Time spans one day: beyond it a nullable column gets null, never a wrapped int. */
    @Test
    void connectTimeOutsideTheDayIsNullOrAStop() throws java.io.IOException {
        ColumnDef nullable = temporalColumn("time", true, null);
        assertEquals("0", render(nullable, CONNECT, 0L));
        assertEquals("45296789", render(nullable, CONNECT, TemporalText.time("12:34:56.789012")));
        assertEquals("86400000", render(nullable, CONNECT, TemporalText.time("24:00:00")));
        assertEquals("null", render(nullable, CONNECT, TemporalText.time("24:00:00.000001")));
        assertEquals("null", render(nullable, CONNECT, TemporalText.time("-838:59:59")));
        assertEquals("null", render(nullable, CONNECT, TemporalText.time("838:59:59")));
        assertEquals("null", render(nullable, CONNECT, TemporalText.time("-00:00:01")));
        UnrepresentableValueException stop = assertThrows(UnrepresentableValueException.class,
                () -> render(temporalColumn("time", false, null), CONNECT, TemporalText.time("-838:59:59")));
        assertTrue(stop.getMessage().contains("-838:59:59.000000")
                && stop.getMessage().contains("SLUICE_TIME_PRECISION_MODE"), stop.getMessage());
        assertEquals("-3020399000000", render(nullable, ConversionOptions.defaults(), TemporalText.time("-838:59:59")));
    }

    /** A zero date in a NOT NULL column is the column's default (as Debezium writes it), else the epoch. */
    @Test
    void zeroDateInANotNullColumnIsItsDefault() throws java.io.IOException {
        Object zero = RowDecoding.INVALID_TEMPORAL;
        ConversionOptions defaults = ConversionOptions.defaults();
        assertEquals("10957", render(temporalColumn("date", false, "2000-01-01"), defaults, zero));
        assertEquals("946684800000", render(temporalColumn("datetime", false, "2000-01-01 00:00:00"), defaults, zero));
        assertEquals("\"2000-01-01T00:00:00Z\"",
                render(temporalColumn("timestamp", false, "2000-01-01 00:00:00"), defaults, 0L));
        assertEquals("0", render(temporalColumn("date", false, null), defaults, zero));
        assertEquals("0", render(temporalColumn("date", false, "0000-00-00"), defaults, zero));
        assertEquals("0", render(temporalColumn("datetime", false, "CURRENT_TIMESTAMP"), defaults, zero));
        assertEquals("null", render(temporalColumn("date", true, "2000-01-01"), defaults, zero));
    }
}
