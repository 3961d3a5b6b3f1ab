package dev.sluice.schema.types;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.config.ConversionOptions.BigintUnsignedMode;
import dev.sluice.config.ConversionOptions.BinaryMode;
import dev.sluice.config.ConversionOptions.DecimalMode;
import dev.sluice.config.ConversionOptions.TimePrecisionMode;
import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every column type's Connect schema and JSON writer, in every handling mode, agree: a value the
 * writer writes (and the column's default, where it has one) is one that Kafka's JsonConverter
 * would read with the declared schema. A consumer decoding with the schema must never meet a
 * value of another kind.
 */
class SchemaAndWriterAgreeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A column, a value in the binlog decoder's form, and a literal default (null for none). */
    private record Sample(String dataType, String columnType, boolean unsigned, String charset, long length, int scale,
            List<String> members, Object value, String defaultLiteral) {

        ColumnDef column() {
            return new ColumnDef("c", 1, dataType, columnType, unsigned, true, charset, length, scale, members, false,
                    false, defaultLiteral, false);
        }
    }

    private static Sample plain(String dataType, Object value, String defaultLiteral) {
        return new Sample(dataType, dataType, false, null, -1, -1, List.of(), value, defaultLiteral);
    }

    private static Sample unsigned(String dataType, Object value, String defaultLiteral) {
        return new Sample(dataType, dataType + " unsigned", true, null, -1, -1, List.of(), value, defaultLiteral);
    }

    private static List<Sample> samples() {
        byte[] point = ByteBuffer.allocate(25).order(ByteOrder.LITTLE_ENDIAN).putInt(4326).put((byte) 1).putInt(1)
                .putDouble(1.5).putDouble(-2.5).array();
        byte[] vector = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-0.25f).array();
        List<String> members = List.of("a", "b,c", "d");
        return List.of(
                plain("tinyint", -128, "-128"), unsigned("tinyint", -1, "255"),
                plain("smallint", -32768, "7"), unsigned("smallint", -1, "65535"),
                plain("mediumint", -8388608, "7"), unsigned("mediumint", -1, "16777215"),
                plain("int", Integer.MIN_VALUE, "7"), unsigned("int", -1, "4294967295"),
                plain("bigint", Long.MIN_VALUE, "-9223372036854775808"), unsigned("bigint", -1L, "18446744073709551615"),
                new Sample("decimal", "decimal(5,2)", false, null, 5, 2, List.of(), new BigDecimal("-999.99"), "1.5"),
                plain("float", 1.5f, "2.5"),
                new Sample("float", "float(7,2)", false, null, 7, 2, List.of(), 1.25f, "2.5"),
                plain("double", -2.5e300, "1e10"),
                new Sample("bit", "bit(1)", false, null, 1, -1, List.of(), BitSet.valueOf(new long[] {1}), "b'1'"),
                new Sample("bit", "bit(10)", false, null, 10, -1, List.of(), BitSet.valueOf(new long[] {1023}), "b'101'"),
                plain("date", -86_400_000_000L, "2000-01-01"),
                new Sample("datetime", "datetime(6)", false, null, -1, 6, List.of(), 1_000_001L, "2000-01-01 00:00:00.5"),
                new Sample("datetime", "datetime", false, null, -1, 0, List.of(), 1_000_000L, "CURRENT_TIMESTAMP"),
                new Sample("timestamp", "timestamp(3)", false, null, -1, 3, List.of(), 1_500_000L, "1970-01-02 00:00:00"),
                new Sample("time", "time(6)", false, null, -1, 6, List.of(), 3_600_000_001L, "12:00:00"),
                new Sample("time", "time", false, null, -1, 0, List.of(), -3_600_000_000L, "-01:00:00"),
                plain("year", 2024, "1999"),
                new Sample("char", "char(3)", false, "utf8mb4", 3, -1, List.of(), bytes("a\"\u00e9"), "x"),
                new Sample("varchar", "varchar(9)", false, "latin1", 9, -1, List.of(), new byte[] {(byte) 0xe9}, "y"),
                new Sample("text", "text", false, "utf8mb4", -1, -1, List.of(), bytes("\ud83d\ude00"), null),
                new Sample("text", "text", false, "a_charset_java_lacks", -1, -1, List.of(), bytes("z"), null),
                new Sample("binary", "binary(4)", false, null, 4, -1, List.of(), new byte[] {1}, "0x0102"),
                new Sample("varbinary", "varbinary(4)", false, null, 4, -1, List.of(), new byte[] {1, 2}, "ab"),
                plain("blob", new byte[] {0, (byte) 0xff}, null),
                plain("json", "{\"a\": [1, 2]}", null),
                new Sample("enum", "enum('a','b,c','d')", false, "utf8mb4", -1, -1, members, 2, "d"),
                new Sample("set", "set('a','b,c','d')", false, "utf8mb4", -1, -1, members, 5L, "a,d"),
                plain("point", point, null),
                plain("geometry", point, null),
                plain("multipolygon", new byte[] {0, 0, 0, 0, 1, 7, 0, 0, 0, 0, 0, 0, 0}, null),
                new Sample("vector", "vector(2)", false, null, 2, -1, List.of(), vector, null),
                plain("uuid", new byte[] {0x12, 0x3e}, "123e4567-e89b-12d3-a456-426614174000"),
                plain("inet4", new byte[] {(byte) 192, (byte) 168, 0, 1}, "10.0.0.1"),
                plain("inet6", new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8}, "::1"));
    }

    private static List<ConversionOptions> everyMode() {
        List<ConversionOptions> modes = new ArrayList<>();
        for (BinaryMode binary : BinaryMode.values()) {
            for (DecimalMode decimal : DecimalMode.values()) {
                for (BigintUnsignedMode bigint : BigintUnsignedMode.values()) {
                    for (TimePrecisionMode time : TimePrecisionMode.values()) {
                        modes.add(new ConversionOptions(binary, decimal, bigint, time, true));
                    }
                }
            }
        }
        return modes;
    }

    @Test
    void everyValueAndDefaultFitsItsDeclaredSchema() throws IOException {
        Set<String> covered = new HashSet<>();
        for (Sample sample : samples()) {
            ColumnDef column = sample.column();
            ColumnType type = ColumnTypes.of(column);
            assertTrue(ColumnTypes.isKnown(sample.dataType()), sample.dataType());
            covered.add(sample.dataType());
            for (ConversionOptions options : everyMode()) {
                String where = column.describe() + " in " + options;
                JsonNode schema = JSON.readTree(render(g -> type.connectSchema(column, options).write(g)));
                ValueWriter writer = type.jsonWriter(column, options);
                assertFits(schema, JSON.readTree(render(g -> writer.write(g, sample.value()))), where);
                Object defaultValue = ColumnTypes.defaultValue(column);
                if (sample.defaultLiteral() != null) {
                    assertTrue(defaultValue != null, "no default parsed from " + sample.defaultLiteral() + " for " + where);
                    assertFits(schema, JSON.readTree(render(g -> writer.write(g, defaultValue))), "default of " + where);
                }
            }
        }
        for (String name : List.of("tinyint", "smallint", "mediumint", "int", "bigint", "decimal", "float", "double",
                "bit", "date", "datetime", "timestamp", "time", "year", "char", "varchar", "text", "binary",
                "varbinary", "blob", "json", "enum", "set", "point", "geometry", "vector", "uuid", "inet4", "inet6")) {
            assertTrue(covered.contains(name), name + " has no sample");
        }
    }

    /** The column's own schema leaves optionality to the envelope: its columns are nullable here. */
    private static void assertFits(JsonNode schema, JsonNode value, String where) {
        assertFits(schema, value, where, true);
    }

    private static void assertFits(JsonNode schema, JsonNode value, String where, boolean optional) {
        if (value.isNull()) {
            assertTrue(optional, "null for " + where);
            return;
        }
        String type = schema.get("type").asText();
        switch (type) {
            case "int8" -> assertIntegral(value, Byte.MIN_VALUE, Byte.MAX_VALUE, where);
            case "int16" -> assertIntegral(value, Short.MIN_VALUE, Short.MAX_VALUE, where);
            case "int32" -> assertIntegral(value, Integer.MIN_VALUE, Integer.MAX_VALUE, where);
            case "int64" -> assertIntegral(value, Long.MIN_VALUE, Long.MAX_VALUE, where);
            case "float", "double" -> assertTrue(value.isNumber(), value + " is no number for " + where);
            case "boolean" -> assertTrue(value.isBoolean(), value + " is no boolean for " + where);
            case "string" -> assertTrue(value.isTextual(), value + " is no string for " + where);
            case "bytes" -> {
                assertTrue(value.isTextual(), value + " is no base64 string for " + where);
                Base64.getDecoder().decode(value.asText());
            }
            case "array" -> {
                assertTrue(value.isArray(), value + " is no array for " + where);
                for (JsonNode item : value) {
                    assertFits(schema.get("items"), item, where, schema.get("items").get("optional").asBoolean());
                }
            }
            case "struct" -> {
                assertTrue(value.isObject(), value + " is no struct for " + where);
                Set<String> declared = new HashSet<>();
                for (JsonNode field : schema.get("fields")) {
                    declared.add(field.get("field").asText());
                    assertFits(field, value.path(field.get("field").asText()).isMissingNode()
                            ? JSON.nullNode() : value.get(field.get("field").asText()), where + "." + field.get("field"),
                            field.get("optional").asBoolean());
                }
                for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    assertTrue(declared.contains(name), name + " is not in the schema for " + where);
                }
            }
            default -> fail("unknown Connect type " + type + " for " + where);
        }
        if ("org.apache.kafka.connect.data.Decimal".equals(schema.path("name").asText(null))) {
            byte[] unscaled = Base64.getDecoder().decode(value.asText());
            assertFalse(unscaled.length == 0, "an empty decimal for " + where);
            BigDecimal decimal = new BigDecimal(new java.math.BigInteger(unscaled),
                    schema.get("parameters").get("scale").asInt());
            assertTrue(decimal.precision() <= schema.get("parameters").get("connect.decimal.precision").asInt(),
                    decimal + " has more digits than declared for " + where);
        }
    }

    private static void assertIntegral(JsonNode value, long min, long max, String where) {
        assertTrue(value.isIntegralNumber(), value + " is no integer for " + where);
        assertTrue(value.canConvertToLong() && value.asLong() >= min && value.asLong() <= max,
                value + " lies outside " + min + ".." + max + " for " + where);
    }

    @FunctionalInterface
    private interface Writing {
        void write(JsonGenerator g) throws IOException;
    }

    private static String render(Writing writing) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            writing.write(g);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
