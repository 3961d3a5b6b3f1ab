package dev.sluice.schema;

/** The schema history cannot provide the definitions at the resume position; the message says the way out. */
public class SchemaHistoryException extends RuntimeException {

    public SchemaHistoryException(String message) {
        super(message);
    }
}
