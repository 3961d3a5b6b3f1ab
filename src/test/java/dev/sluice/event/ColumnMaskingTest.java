package dev.sluice.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.config.ColumnControls;
import dev.sluice.config.ColumnMask;
import dev.sluice.config.ConversionOptions;
import dev.sluice.config.Secret;
import dev.sluice.schema.ColumnDef;
import dev.sluice.schema.TableId;
import dev.sluice.schema.TableSchema;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Masks as Debezium's column mappers apply them, checked against the JDK where the JDK is the reference. */
class ColumnMaskingTest {

    private final ObjectMapper mapper = new ObjectMapper();

    /** Debezium's first hash version digests the String's Java serialization; the JDK's own is the oracle. */
    @Test
    void serializedStringsMatchObjectOutputStream() throws Exception {
        for (String text : List.of("", "hello", "café", "😀 ✓", "nul\0byte", "x".repeat(70_000), "é".repeat(40_000))) {
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(expected)) {
                out.writeObject(text);
            }
            assertArrayEquals(expected.toByteArray(), ColumnMasking.serializedString(text),
                    text.length() > 20 ? text.substring(0, 20) + "..." : text);
        }
    }

    @Test
    void masksTruncatesAndHashesRowImagesButNotKeys() throws Exception {
        TableSchema table = new TableSchema(new TableId("shop", "users"), List.of(
                column("id", 1, "varchar", 10, false), column("ssn", 2, "varchar", 11, true),
                column("bio", 3, "varchar", 200, true), column("email", 4, "varchar", 12, true),
                column("age", 5, "int", -1, true)), List.of("id"), "utf8mb4");
        ColumnControls controls = ColumnControls.of(List.of(), List.of(), List.of(), ColumnMask.list(
                "shop.users.ssn, shop.users.id, shop.users.age=mask(4); *.*.bio=truncate(3); *.*.email=hash-v2(SHA-256)"),
                new Secret("salt"));
        ConversionOptions d = ConversionOptions.defaults();
        RowCodec codec = new RowCodec(table, "p.shop.users", new ConversionOptions(d.binaryMode(), d.decimalMode(),
                d.bigintUnsignedMode(), d.timePrecisionMode(), true, controls));
        Object[] row = {"k1".getBytes(), null, "😀bcdef".getBytes(StandardCharsets.UTF_8), "a@b.c".getBytes(), 42};
        SourceInfo source = new SourceInfo("mysql", "p");
        source.event("shop", "users", 1, "binlog.000001", 4);
        ChangeEventWriter writer = new ChangeEventWriter(true, "mysql");
        JsonNode event = mapper.readTree(writer.value(codec, Operation.CREATE, null, row, source, 0));
        JsonNode after = event.at("/payload/after");
        assertEquals("****", after.get("id").asText());
        assertEquals("****", after.get("ssn").asText(), "Debezium masks NULL too");
        assertEquals("😀b", after.get("bio").asText(), "three UTF-16 units");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update("salt".getBytes());
        String hex = HexFormat.of().formatHex(sha.digest("a@b.c".getBytes(StandardCharsets.UTF_8)));
        assertEquals(hex.substring(0, 12), after.get("email").asText(), "cut to the column's length");
        assertEquals(42, after.get("age").asInt(), "a number is no string to mask");
        JsonNode fields = event.at("/schema/fields/1/fields");
        assertEquals("true", fields.get(1).at("/parameters/masked").asText());
        assertEquals("3", fields.get(2).at("/parameters/truncateLength").asText());
        assertEquals("true", fields.get(4).at("/parameters/masked").asText());
        JsonNode key = mapper.readTree(writer.key(codec, row));
        assertEquals("k1", key.at("/payload/id").asText(), "keys are never masked");
        assertEquals(true, key.at("/schema/fields/0/parameters").isMissingNode());
    }

    private static ColumnDef column(String name, int position, String type, int length, boolean nullable) {
        boolean text = type.equals("varchar");
        return new ColumnDef(name, position, type, text ? "varchar(" + length + ")" : type, false, nullable,
                text ? "utf8mb4" : null, length, -1, List.of(), false, false, null, false);
    }
}
