package dev.sluice.schema.types;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/** Writes one non-null column value as Debezium's JSON for that column type. */
@FunctionalInterface
public interface ValueWriter {
    void write(JsonGenerator json, Object value) throws IOException;
}
