package dev.sluice.schema;

/** A row event does not fit the table definition Sluice has for it; decoding it would be wrong. */
public class SchemaMismatchException extends RuntimeException {

    public SchemaMismatchException(String message) {
        super(message);
    }
}
