package dev.sluice.schema.types;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kafka Connect schema, as far as Debezium's events use one, written exactly as Kafka's
 * JsonConverter writes it with {@code schemas.enable=true}: {@code type}, then {@code fields} or
 * {@code items}, {@code optional}, {@code name}, {@code version}, {@code doc}, {@code parameters},
 * {@code default}, and, for a struct member, {@code field} last. Built once per table definition,
 * never per row.
 */
public final class ConnectSchema {

    private record Field(String name, ConnectSchema schema) {
    }

    private final String type;
    private final List<Field> fields = new ArrayList<>();
    private ConnectSchema items;
    private boolean optional;
    private String name;
    private Integer version;
    private String doc;
    private Map<String, String> parameters;
    private String defaultJson;

    private ConnectSchema(String type) {
        this.type = type;
    }

    /** The Connect type: int32, string, bytes, struct... */
    public String type() {
        return type;
    }

    /** The logical (semantic) name, such as {@code org.apache.kafka.connect.data.Decimal}; null for none. */
    public String logicalName() {
        return name;
    }

    /** A struct's field names, in order. */
    public List<String> fieldNames() {
        return fields.stream().map(Field::name).toList();
    }

    /** A struct's field schema, null when it has no such field. */
    public ConnectSchema fieldSchema(String fieldName) {
        for (Field field : fields) {
            if (field.name().equals(fieldName)) {
                return field.schema();
            }
        }
        return null;
    }

    /**
     * A copy of the type, name, version, doc and parameters, as Kafka Connect's
     * {@code SchemaUtil.copySchemaBasics} takes them: not the fields, optionality or default.
     */
    public ConnectSchema basicsCopy() {
        ConnectSchema copy = new ConnectSchema(type);
        copy.name = name;
        copy.version = version;
        copy.doc = doc;
        copy.parameters = parameters == null ? null : new LinkedHashMap<>(parameters);
        return copy;
    }

    public static ConnectSchema of(String type) {
        return new ConnectSchema(type);
    }

    public static ConnectSchema struct() {
        return new ConnectSchema("struct");
    }

    /** A logical type: a primitive with Debezium's or Connect's name, version 1. */
    public static ConnectSchema named(String type, String name) {
        return of(type).name(name).version(1);
    }

    /** Connect's Decimal: bytes holding the unscaled two's-complement value. */
    public static ConnectSchema decimal(long precision, int scale) {
        return named("bytes", "org.apache.kafka.connect.data.Decimal")
                .parameter("scale", Integer.toString(scale))
                .parameter("connect.decimal.precision", Long.toString(precision));
    }

    public static ConnectSchema arrayOf(ConnectSchema items) {
        ConnectSchema array = new ConnectSchema("array");
        array.items = items;
        return array;
    }

    public ConnectSchema field(String fieldName, ConnectSchema schema) {
        fields.add(new Field(fieldName, schema));
        return this;
    }

    public ConnectSchema optional() {
        optional = true;
        return this;
    }

    public ConnectSchema optional(boolean value) {
        optional = value;
        return this;
    }

    public ConnectSchema name(String value) {
        name = value;
        return this;
    }

    public ConnectSchema version(int value) {
        version = value;
        return this;
    }

    public ConnectSchema doc(String value) {
        doc = value;
        return this;
    }

    public ConnectSchema parameter(String key, String value) {
        if (parameters == null) {
            parameters = new LinkedHashMap<>();
        }
        parameters.put(key, value);
        return this;
    }

    /** The default value, already rendered as the payload would render it. */
    public ConnectSchema defaultJson(String json) {
        defaultJson = json;
        return this;
    }

    public void write(JsonGenerator g) throws IOException {
        write(g, null);
    }

    private void write(JsonGenerator g, String fieldName) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", type);
        if (type.equals("struct")) {
            g.writeArrayFieldStart("fields");
            for (Field field : fields) {
                field.schema().write(g, field.name());
            }
            g.writeEndArray();
        }
        if (items != null) {
            g.writeFieldName("items");
            items.write(g);
        }
        g.writeBooleanField("optional", optional);
        if (name != null) {
            g.writeStringField("name", name);
        }
        if (version != null) {
            g.writeNumberField("version", version);
        }
        if (doc != null) {
            g.writeStringField("doc", doc);
        }
        if (parameters != null) {
            g.writeObjectFieldStart("parameters");
            for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                g.writeStringField(parameter.getKey(), parameter.getValue());
            }
            g.writeEndObject();
        }
        if (defaultJson != null) {
            g.writeFieldName("default");
            g.writeRawValue(defaultJson);
        }
        if (fieldName != null) {
            g.writeStringField("field", fieldName);
        }
        g.writeEndObject();
    }
}
