package dev.sluice.schema.types;

import dev.sluice.schema.ColumnDef;
import dev.sluice.source.binlog.RowDecoding;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.BitSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DefaultValuesTest {

    private static ColumnDef column(String type, int scale, boolean nullable, String defaultValue, String... members) {
        return new ColumnDef("c", 1, type, type, false, nullable, type.contains("char") ? "utf8mb4" : null,
                type.equals("bit") ? 3 : 10, scale, List.of(members), false, false, defaultValue, false);
    }

    private static Object valueOf(String type, String defaultValue) {
        return ColumnTypes.defaultValue(column(type, -1, true, defaultValue));
    }

    @Test
    void numbersBooleansAndDecimals() {
        assertEquals(1, valueOf("tinyint", "TRUE"));
        assertEquals(-3, valueOf("int", " -3 "));
        assertEquals(3, valueOf("int", "2.5"), "a decimal literal rounds, as Debezium");
        assertEquals(new BigDecimal("1.50"), ColumnTypes.defaultValue(column("decimal", 2, true, "1.5")));
        assertEquals(new BigDecimal("1.56"), ColumnTypes.defaultValue(column("decimal", 2, true, "1.555")));
        assertEquals(BitSet.valueOf(new long[] {5}), valueOf("bit", "b'101'"));
        assertEquals(BitSet.valueOf(new long[] {6}), valueOf("bit", "6"));
    }

    @Test
    void temporalDefaults() {
        assertEquals(0L, valueOf("timestamp", "CURRENT_TIMESTAMP"), "CURRENT_TIMESTAMP counts as the epoch");
        assertEquals(0L, valueOf("datetime", "current_timestamp(6)"));
        assertEquals(RowDecoding.INVALID_TEMPORAL, valueOf("date", "0000-00-00"));
        assertEquals(10958L * 86_400_000_000L, valueOf("date", "2000-01-02"));
        assertEquals(3_600_000_000L, valueOf("time", "01:00:00"));
        assertEquals(10958L * 86_400_000_000L, valueOf("datetime", "2000-01-02"));
    }

    @Test
    void textBinaryEnumAndSet() {
        assertEquals("x", valueOf("varchar", "x"));
        assertArrayEquals(new byte[] {0x61, 0x62}, (byte[]) valueOf("varbinary", "0x6162"));
        assertArrayEquals(new byte[] {0x61, 0x62}, (byte[]) valueOf("varbinary", "ab"));
        assertEquals(2, ColumnTypes.defaultValue(column("enum", -1, false, "b", "a", "b")));
        assertEquals(5L, ColumnTypes.defaultValue(column("set", -1, true, "x,z", "x", "y", "z")));
    }

    @Test
    void expressionsAndMissingDefaultsGiveNone() {
        assertNull(valueOf("int", null));
        assertNull(valueOf("int", "(rand() * 10)"));
        assertNull(valueOf("date", "curdate()"));
        assertNull(valueOf("json", "(json_array())"));
        assertNull(ColumnTypes.defaultValue(column("enum", -1, false, "zz", "a", "b")));
    }

    private static ColumnDef expression(String type, String text) {
        return new ColumnDef("c", 1, type, type, false, true, type.contains("text") ? "utf8mb4" : null, -1, 0,
                List.of(), false, false, text, true);
    }

    /** A text column's expression default looks like any string: only the flag tells them apart. */
    @Test
    void expressionDefaultsGiveNoneExceptCurrentTimestamp() {
        assertNull(ColumnTypes.defaultValue(expression("text", "_utf8mb4\\'text-expr\\'")));
        assertNull(ColumnTypes.defaultValue(expression("text", "('text-expr')")));
        assertNull(ColumnTypes.defaultValue(expression("int", "(1 + 1)")));
        assertEquals(0L, ColumnTypes.defaultValue(expression("timestamp", "CURRENT_TIMESTAMP")));
        assertEquals(0L, ColumnTypes.defaultValue(expression("datetime", "current_timestamp(6)")));
        assertNull(ColumnTypes.defaultValue(expression("date", "curdate()")));
        assertEquals("('text-expr')", valueOf("varchar", "('text-expr')"), "the same text as a literal is the value");
    }

    @Test
    void bigintUnsignedDefaultsWrapAsTheBinlogCarriesThem() {
        ColumnDef unsigned = new ColumnDef("c", 1, "bigint", "bigint unsigned", true, true, null, -1, -1, List.of(),
                false, false, "18446744073709551615", false);
        assertEquals(-1L, ColumnTypes.defaultValue(unsigned));
        assertEquals(Long.MIN_VALUE, valueOf("bigint", "9223372036854775808"));
        assertEquals(-5L, valueOf("bigint", "-5"));
    }
}
