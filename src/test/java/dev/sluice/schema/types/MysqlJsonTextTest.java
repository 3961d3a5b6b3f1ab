package dev.sluice.schema.types;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MySQL's binary JSON rendered as the text MySQL returns for it. */
class MysqlJsonTextTest {

    @Test
    void escapesStringsAndCopiesMultiByteCharacters() throws Exception {
        String text = "x\"y\\z\n\u0001\u00e9\u20ac\ud83d\ude00";
        byte[] binary = smallObject("a", string(text), "b", smallArrayOfInlined());
        String expected = "{\"a\": \"x\\\"y\\\\z\\n\\u0001\u00e9\u20ac\ud83d\ude00\", \"b\": [1, -2, true, null]}";
        assertEquals(expected, new String(MysqlJsonText.renderUtf8(binary), StandardCharsets.UTF_8));
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), MysqlJsonText.renderUtf8(binary));
    }

    /** The JSON column as an event carries it: the same bytes as Jackson writing the text as a String. */
    @Test
    void jsonColumnsAreWrittenAsTheirTextStringWouldBe() throws Exception {
        byte[][] documents = {
            smallObject("a", string("x\"y\\z\n\u0001\u00e9\u20ac"), "b", smallArrayOfInlined()),
            smallObject("quote\"key", string("plain"), "back\\slash", string("")),
            smallObject("a", string("beyond the BMP: \ud83d\ude00"), "b", string("\\\"")),
            "{\"mariadb\": \"text \\\" \u00e9\"}".getBytes(StandardCharsets.UTF_8),
        };
        dev.sluice.schema.ColumnDef column = new dev.sluice.schema.ColumnDef("j", 1, "json", "json", false, true,
                null, 0, 0, java.util.List.of(), false, false, null, false);
        ValueWriter writer = ColumnTypes.of(column).jsonWriter(column, dev.sluice.config.ConversionOptions.defaults());
        com.fasterxml.jackson.core.JsonFactory factory = new com.fasterxml.jackson.core.JsonFactory();
        for (byte[] document : documents) {
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            try (com.fasterxml.jackson.core.JsonGenerator g = factory.createGenerator(written)) {
                writer.write(g, document);
            }
            ByteArrayOutputStream asString = new ByteArrayOutputStream();
            try (com.fasterxml.jackson.core.JsonGenerator g = factory.createGenerator(asString)) {
                g.writeString(new String(MysqlJsonText.renderUtf8(document), StandardCharsets.UTF_8));
            }
            assertEquals(asString.toString(StandardCharsets.UTF_8), written.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void integersAreWrittenWithEveryDigitAndSign() throws Exception {
        for (long value : new long[] {0, 7, -1, 10, -10, 1_000_000_007L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1}) {
            byte[] int64 = java.nio.ByteBuffer.allocate(9).order(java.nio.ByteOrder.LITTLE_ENDIAN).put((byte) 0x09)
                    .putLong(value).array();
            assertEquals(Long.toString(value), new String(MysqlJsonText.renderUtf8(int64), StandardCharsets.UTF_8));
            assertArrayEquals(Long.toString(value).getBytes(StandardCharsets.UTF_8),
                    MysqlJsonText.renderAsStringContent(int64));
        }
    }

    /** Arrays nested {@code levels} deep, each holding the next and an inlined 7: [[[7], 7], 7]. */
    private static byte[] nestedArrays(int levels) {
        byte[] inner = {0x00, 0x00, 0x04, 0x00}; // the innermost array: no entries, 4 bytes
        for (int level = 1; level < levels; level++) {
            int headerSize = 4 + 2 * 3;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            uint16(out, 2);
            uint16(out, headerSize + inner.length);
            out.write(0x02); // a small array, stored after the entries
            uint16(out, headerSize);
            out.write(0x05); // an inlined INT16
            uint16(out, 7);
            out.writeBytes(inner);
            inner = out.toByteArray();
        }
        byte[] document = new byte[inner.length + 1];
        document[0] = 0x02;
        System.arraycopy(inner, 0, document, 1, inner.length);
        return document;
    }

    private static String nestedArraysText(int levels) {
        String text = "[]";
        for (int level = 1; level < levels; level++) {
            text = "[" + text + ", 7]";
        }
        return text;
    }

    @Test
    void rendersNestingUpToMysqlsDepthAndRefusesDeeper() throws Exception {
        for (int levels : new int[] {1, 2, 3, 100}) {
            assertEquals(nestedArraysText(levels),
                    new String(MysqlJsonText.renderUtf8(nestedArrays(levels)), StandardCharsets.UTF_8));
        }
        IOException tooDeep = assertThrows(IOException.class, () -> MysqlJsonText.renderUtf8(nestedArrays(101)));
        assertTrue(tooDeep.getMessage().contains("nested deeper"), tooDeep.getMessage());
    }

    @Test
    void refusesAContainerThatHoldsItself() {
        // a small array of one entry: a small array at offset 0, its own start
        byte[] document = {0x02, 0x01, 0x00, 0x07, 0x00, 0x02, 0x00, 0x00};
        IOException refused = assertThrows(IOException.class, () -> MysqlJsonText.renderUtf8(document));
        assertTrue(refused.getMessage().contains("nested deeper"), refused.getMessage());
    }

    @Test
    void mariadbTextPassesThrough() throws Exception {
        byte[] text = "{\"a\": [1, 2]}".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(text, MysqlJsonText.renderUtf8(text));
    }

    /** A value entry: a type and the value's bytes (stored after the entries). */
    record Value(int type, byte[] data) {
    }

    static Value string(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(utf8.length); // one-byte length: shorter than 128
        out.writeBytes(utf8);
        return new Value(0x0c, out.toByteArray());
    }

    /** [1, -2, true, null]: every element inlined in its entry. */
    static Value smallArrayOfInlined() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int size = 4 + 4 * 3;
        uint16(out, 4);
        uint16(out, size);
        out.write(0x05); // int16 1
        uint16(out, 1);
        out.write(0x05); // int16 -2
        uint16(out, 0xFFFE);
        out.write(0x04); // literal true
        uint16(out, 1);
        out.write(0x04); // literal null
        uint16(out, 0);
        return new Value(0x02, out.toByteArray());
    }

    /** A small object of two keys, as a column value (type byte first). */
    static byte[] smallObject(String key1, Value value1, String key2, Value value2) {
        byte[] k1 = key1.getBytes(StandardCharsets.UTF_8);
        byte[] k2 = key2.getBytes(StandardCharsets.UTF_8);
        int keysAt = 4 + 2 * 4 + 2 * 3;
        int value1At = keysAt + k1.length + k2.length;
        int value2At = value1At + value1.data().length;
        int size = value2At + value2.data().length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x00);
        uint16(out, 2);
        uint16(out, size);
        uint16(out, keysAt);
        uint16(out, k1.length);
        uint16(out, keysAt + k1.length);
        uint16(out, k2.length);
        out.write(value1.type());
        uint16(out, value1At);
        out.write(value2.type());
        uint16(out, value2At);
        out.writeBytes(k1);
        out.writeBytes(k2);
        out.writeBytes(value1.data());
        out.writeBytes(value2.data());
        return out.toByteArray();
    }

    private static void uint16(ByteArrayOutputStream out, int value) {
        out.write(value & 0xFF);
        out.write((value >> 8) & 0xFF);
    }

    /** As MySQL 9.7 printed them for CAST('[...]' AS JSON). */
    @Test
    void doublesAsMysqlPrintsThem() {
        double[] values = {1e7, 1e15, 1e16, 1e-5, 0.0001, 123456789012345678.0, 3.0, 1.5e300, -0.0, 2.5, 1e22, 0.1,
            12345678.9, 1.7976931348623157e308, 5e-324, 1e-15, 1e-16, 1.23e-14, 999999999999999.0, 1e14, 1.5e15, 100.0};
        String[] mysql = {"10000000.0", "1e15", "1e16", "0.00001", "0.0001", "1.2345678901234568e17", "3.0", "1.5e300",
            "-0.0", "2.5", "1e22", "0.1", "12345678.9", "1.7976931348623157e308", "5e-324", "0.000000000000001", "1e-16",
            "0.0000000000000123", "999999999999999.0", "100000000000000.0", "1.5e15", "100.0"};
        for (int i = 0; i < values.length; i++) {
            assertEquals(mysql[i], MysqlJsonText.doubleText(values[i]), "value " + values[i]);
        }
    }
}
