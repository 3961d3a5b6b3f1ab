package dev.sluice.schema;

/** A DDL statement that may change captured tables cannot be parsed; the message says how to skip it. */
public class UnparseableDdlException extends RuntimeException {

    public UnparseableDdlException(String message) {
        super(message);
    }
}
