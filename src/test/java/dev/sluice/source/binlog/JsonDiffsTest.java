package dev.sluice.source.binlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Partial JSON updates applied to binary JSON: MySQL's replica rules, key order, both container forms. */
class JsonDiffsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void replaceInsertAndRemoveFollowTheReplicasRules() throws IOException {
        byte[] before = small(json("{\"a\": 1, \"b\": [1, 2, 3], \"c\": {\"d\": \"x\"}}"));
        assertEquals(json("{\"a\": 2, \"b\": [1, 2, 3], \"c\": {\"d\": \"x\"}}"),
                apply(before, diff(0, "$.a", "2")));
        assertEquals(json("{\"a\": 1, \"b\": [1, 2, 3], \"c\": {\"d\": \"x\", \"e\": null}}"),
                apply(before, diff(1, "$.c.e", "null")));
        assertEquals(json("{\"a\": 1, \"b\": [1, 3], \"c\": {\"d\": \"x\"}}"), apply(before, diff(2, "$.b[1]", null)));
        assertEquals(json("{\"a\": 1, \"b\": [1, 2, 3, \"z\"], \"c\": {\"d\": \"x\"}}"),
                apply(before, diff(1, "$.b[7]", "\"z\"")), "an insert past the end appends");
        assertEquals(json("{\"a\": 1, \"b\": [0, 1, 2, 3], \"c\": {\"d\": \"x\"}}"),
                apply(before, diff(1, "$.b[0]", "0")));
        assertEquals(json("{\"a\": 1, \"b\": [1, 2, 9], \"c\": {\"d\": \"x\"}}"), apply(before, diff(0, "$.b[last]", "9")));
        assertEquals(json("{\"a\": 1, \"b\": [1, 9, 3], \"c\": {\"d\": \"x\"}}"),
                apply(before, diff(0, "$.b[last - 1]", "9")));
        assertEquals(json("[true]"), apply(before, diff(0, "$", "[true]")), "replacing the root");
        assertEquals(json("{\"a\": {\"deep\": [1]}, \"b\": [1, 2, 3], \"c\": {\"d\": \"x\"}}"),
                apply(before, concat(diff(2, "$.a", null), diff(1, "$.a", "{\"deep\": [1]}"))),
                "several changes apply in order");
    }

    @Test
    void membersKeepMysqlsKeyOrderShorterKeysFirst() throws IOException {
        byte[] before = small(json("{\"b\": 1, \"aa\": 2}"));
        JsonNode after = apply(before, concat(diff(1, "$.a", "0"), diff(1, "$.\"b c\"", "3"), diff(1, "$.ü", "4")));
        assertEquals(List.of("a", "b", "aa", "ü", "b c"), fieldNames(after));
    }

    @Test
    void quotedMembersAndEscapesInPaths() throws IOException {
        byte[] before = large(json("{\"a b\": 1, \"q\\\"uote\": 2, \"日本\": 3, \"\": 4}"));
        assertEquals(json("{\"\": 4, \"a b\": 10, \"q\\\"uote\": 20, \"日本\": 30}"), apply(before,
                concat(diff(0, "$.\"a b\"", "10"), diff(0, "$.\"q\\\"uote\"", "20"), diff(0, "$.日本", "30"))));
        assertEquals(json("{\"\": 5, \"a b\": 1, \"q\\\"uote\": 2, \"日本\": 3}"),
                apply(before, diff(0, "$.\"\"", "5")));
    }

    @Test
    void aChangeThatDoesNotFitTheBeforeImageIsRefused() {
        byte[] before = small(json("{\"a\": 1, \"b\": [1]}"));
        assertThrows(IOException.class, () -> JsonDiffs.apply(before, diff(0, "$.missing", "1")), "replace needs the path");
        assertThrows(IOException.class, () -> JsonDiffs.apply(before, diff(1, "$.a", "1")), "insert needs a new member");
        assertThrows(IOException.class, () -> JsonDiffs.apply(before, diff(2, "$.b[5]", null)), "remove needs the cell");
        assertThrows(IOException.class, () -> JsonDiffs.apply(before, diff(0, "$.a.b", "1")), "no auto-wrapping");
        assertThrows(IOException.class, () -> JsonDiffs.apply(before, diff(7, "$.a", "1")), "unknown operation");
        assertThrows(IOException.class, () -> JsonDiffs.apply(before, diff(0, "$.a[", "1")), "malformed path");
        byte[] truncated = diff(0, "$.a", "1");
        assertThrows(IOException.class, () -> JsonDiffs.apply(before, java.util.Arrays.copyOf(truncated,
                truncated.length - 1)), "truncated value");
    }

    @Test
    void anEmptyChangeListLeavesTheDocumentAsItWas() throws IOException {
        JsonNode doc = json("{\"x\": [1, -70000, 3.5, \"s\", false, null, 12345678901]}");
        assertEquals(doc, apply(small(doc), new byte[0]));
        assertEquals(doc, apply(large(doc), new byte[0]));
    }

    @Test
    void pathsParseAsMysqlPrintsThem() throws IOException {
        assertEquals(List.of(new JsonDiffs.Leg("a".getBytes(StandardCharsets.UTF_8), 0, false),
                new JsonDiffs.Leg(null, 3, false), new JsonDiffs.Leg(null, 2, true),
                new JsonDiffs.Leg("b c".getBytes(StandardCharsets.UTF_8), 0, false)),
                JsonDiffs.parsePath("$.a[3][last-2].\"b c\""));
        assertEquals(List.of(), JsonDiffs.parsePath(" $ "));
        assertThrows(IOException.class, () -> JsonDiffs.parsePath("a.b"));
        assertThrows(IOException.class, () -> JsonDiffs.parsePath("$.\"open"));
    }

    // ---------------------------------------------------------------- helpers

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode apply(byte[] before, byte[] diffs) throws IOException {
        return toJackson(JsonDocument.parse(JsonDiffs.apply(before, diffs)));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** One change: operation, path, and (except remove) a value given as JSON text. */
    static byte[] diff(int operation, String path, String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(operation);
        byte[] pathBytes = path.getBytes(StandardCharsets.UTF_8);
        out.write(pathBytes.length);
        out.writeBytes(pathBytes);
        if (value != null) {
            byte[] binary = large(json(value));
            packed(out, binary.length);
            out.writeBytes(binary);
        }
        return out.toByteArray();
    }

    private static void packed(ByteArrayOutputStream out, int length) {
        if (length < 251) {
            out.write(length);
        } else {
            out.write(252);
            out.write(length & 0xFF);
            out.write(length >>> 8);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** MySQL's binary form, large containers (Sluice's own writer). */
    static byte[] large(JsonNode node) {
        return JsonDocument.write(toDocument(node));
    }

    /** MySQL's binary form with small (2-byte) containers, as MySQL writes documents under 64 KB. */
    static byte[] small(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonDocument.Node document = toDocument(node);
        if (document instanceof JsonDocument.Scalar scalar) {
            out.write(scalar.type());
            out.writeBytes(scalar.bytes());
        } else {
            out.write(document instanceof JsonDocument.ObjectNode ? JsonDocument.SMALL_OBJECT : JsonDocument.SMALL_ARRAY);
            out.writeBytes(smallContainer(document));
        }
        return out.toByteArray();
    }

    private static byte[] smallContainer(JsonDocument.Node node) {
        List<byte[]> keys = new ArrayList<>();
        List<JsonDocument.Node> values = new ArrayList<>();
        if (node instanceof JsonDocument.ObjectNode object) {
            for (Map.Entry<byte[], JsonDocument.Node> member : object.members.entrySet()) {
                keys.add(member.getKey());
                values.add(member.getValue());
            }
        } else {
            values.addAll(((JsonDocument.ArrayNode) node).elements);
        }
        boolean isObject = node instanceof JsonDocument.ObjectNode;
        int header = 4 + (isObject ? keys.size() * 4 : 0) + values.size() * 3;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteBuffer entries = ByteBuffer.allocate(header).order(ByteOrder.LITTLE_ENDIAN);
        entries.putShort((short) values.size()).putShort((short) 0);
        List<Integer> keyOffsets = new ArrayList<>();
        for (byte[] key : keys) {
            keyOffsets.add(header + data.size());
            data.writeBytes(key);
        }
        for (int i = 0; i < keys.size(); i++) {
            entries.putShort(keyOffsets.get(i).shortValue()).putShort((short) keys.get(i).length);
        }
        for (JsonDocument.Node value : values) {
            if (value instanceof JsonDocument.Scalar scalar && (scalar.type() == JsonDocument.LITERAL
                    || scalar.type() == JsonDocument.INT16 || scalar.type() == JsonDocument.UINT16)) {
                entries.put((byte) scalar.type());
                byte[] inline = java.util.Arrays.copyOf(scalar.bytes(), 2);
                entries.put(inline);
            } else {
                int type = value instanceof JsonDocument.Scalar scalar ? scalar.type()
                        : value instanceof JsonDocument.ObjectNode ? JsonDocument.SMALL_OBJECT : JsonDocument.SMALL_ARRAY;
                entries.put((byte) type).putShort((short) (header + data.size()));
                if (value instanceof JsonDocument.Scalar scalar) {
                    data.writeBytes(scalar.bytes());
                } else {
                    data.writeBytes(smallContainer(value));
                }
            }
        }
        byte[] head = entries.array();
        int size = header + data.size();
        head[2] = (byte) size;
        head[3] = (byte) (size >>> 8);
        return concat(head, data.toByteArray());
    }

    /** Jackson's tree as JsonDocument nodes (ints as int16/int32/int64, doubles, strings, literals). */
    private static JsonDocument.Node toDocument(JsonNode node) {
        if (node.isObject()) {
            JsonDocument.ObjectNode object = new JsonDocument.ObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                object.members.put(member.getKey().getBytes(StandardCharsets.UTF_8), toDocument(member.getValue()));
            }
            return object;
        }
        if (node.isArray()) {
            JsonDocument.ArrayNode array = new JsonDocument.ArrayNode();
            node.forEach(element -> array.elements.add(toDocument(element)));
            return array;
        }
        if (node.isNull() || node.isBoolean()) {
            return new JsonDocument.Scalar(JsonDocument.LITERAL,
                    new byte[] {(byte) (node.isNull() ? 0 : node.asBoolean() ? 1 : 2)});
        }
        if (node.isIntegralNumber()) {
            long value = node.asLong();
            if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
                return new JsonDocument.Scalar(JsonDocument.INT16,
                        ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) value).array());
            }
            if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
                return new JsonDocument.Scalar(JsonDocument.INT32,
                        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array());
            }
            return new JsonDocument.Scalar(JsonDocument.INT64,
                    ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
        }
        if (node.isNumber()) {
            return new JsonDocument.Scalar(JsonDocument.DOUBLE,
                    ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(node.asDouble()).array());
        }
        byte[] text = node.asText().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int length = text.length;
        do {
            int b = length & 0x7F;
            length >>>= 7;
            out.write(length > 0 ? b | 0x80 : b);
        } while (length > 0);
        out.writeBytes(text);
        return new JsonDocument.Scalar(JsonDocument.STRING, out.toByteArray());
    }

    /** Reads a JsonDocument tree back into Jackson's, keeping member order. */
    static JsonNode toJackson(JsonDocument.Node node) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (node instanceof JsonDocument.ObjectNode object) {
            ObjectNode out = nodes.objectNode();
            object.members.forEach((key, value) -> out.set(new String(key, StandardCharsets.UTF_8), toJackson(value)));
            return out;
        }
        if (node instanceof JsonDocument.ArrayNode array) {
            ArrayNode out = nodes.arrayNode();
            array.elements.forEach(element -> out.add(toJackson(element)));
            return out;
        }
        JsonDocument.Scalar scalar = (JsonDocument.Scalar) node;
        ByteBuffer bytes = ByteBuffer.wrap(scalar.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        return switch (scalar.type()) {
            case JsonDocument.LITERAL -> scalar.bytes()[0] == 0 ? nodes.nullNode() : nodes.booleanNode(scalar.bytes()[0] == 1);
            case JsonDocument.INT16 -> nodes.numberNode((int) bytes.getShort());
            case JsonDocument.INT32 -> nodes.numberNode(bytes.getInt());
            case JsonDocument.INT64 -> nodes.numberNode(bytes.getLong());
            case JsonDocument.DOUBLE -> nodes.numberNode(bytes.getDouble());
            case JsonDocument.STRING -> {
                int at = 0;
                while ((scalar.bytes()[at] & 0x80) != 0) {
                    at++;
                }
                yield nodes.textNode(new String(scalar.bytes(), at + 1, scalar.bytes().length - at - 1,
                        StandardCharsets.UTF_8));
            }
            default -> throw new AssertionError("type " + scalar.type());
        };
    }

    @Test
    void smallAndLargeFormsReadTheSame() throws IOException {
        JsonNode doc = json("{\"k\": [1, 300000, \"text\", {\"n\": null}], \"t\": true}");
        assertEquals(doc, toJackson(JsonDocument.parse(small(doc))));
        assertEquals(doc, toJackson(JsonDocument.parse(large(doc))));
        assertTrue(small(doc).length < large(doc).length);
    }
}
