package dev.sluice.schema.ddl;

/** A statement Sluice's DDL parser cannot read; the message says where and what it expected. */
public class DdlParseException extends RuntimeException {

    public DdlParseException(String message) {
        super(message);
    }
}
