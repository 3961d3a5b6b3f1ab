package dev.sluice.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** A table key as offsets store it: each part the server's text, or bytes for binary columns. */
public final class StoredKey {

    private StoredKey() {
    }

    /** A key as stored in an offset: {@code [{"s": text} or {"b": base64}, ...]}. */
    public static ArrayNode toJson(List<Object> key) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Object value : key) {
            ObjectNode part = array.addObject();
            if (value instanceof byte[] bytes) {
                part.put("b", Base64.getEncoder().encodeToString(bytes));
            } else if (value == null) {
                part.putNull("s");
            } else {
                part.put("s", value.toString());
            }
        }
        return array;
    }

    /**
     * @return the key, or null when the node holds none
     * @throws IllegalArgumentException when a part is neither text nor base64
     */
    public static List<Object> fromJson(JsonNode array) {
        if (array == null || !array.isArray()) {
            return null;
        }
        List<Object> key = new ArrayList<>();
        for (JsonNode part : array) {
            if (part.has("b")) {
                key.add(Base64.getDecoder().decode(part.get("b").asText()));
            } else if (part.has("s")) {
                key.add(part.get("s").isNull() ? null : part.get("s").asText());
            } else {
                throw new IllegalArgumentException("a stored key part is neither {\"s\": ...} nor {\"b\": ...}: " + part);
            }
        }
        return key;
    }
}
