package dev.sluice.schema;

/** A DDL statement cannot be applied to the tracked definitions (they disagree with the server). */
public class SchemaChangeException extends RuntimeException {

    public SchemaChangeException(String message) {
        super(message);
    }
}
