package dev.sluice.schema;

import java.util.List;

/** Durable, ordered storage for schema-history records (the sink implements it with a Kafka topic). */
public interface SchemaHistoryStore {

    /** Every record, oldest first; empty when the store has none (or does not exist yet). */
    List<byte[]> readAll();

    /** Appends a record and returns once it is durable. */
    void append(byte[] record);

    /** Where the records live, for messages. */
    String describe();
}
