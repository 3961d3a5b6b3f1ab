package dev.sluice.schema.ddl;

/** A statement Sluice's DDL parser cannot read; the message says where and what it expected. */
public class DdlParseException extends RuntimeException {

    private final DdlStatement.TableName subject;

    public DdlParseException(String message) {
        this(message, null);
    }

    public DdlParseException(String message, DdlStatement.TableName subject) {
        super(message);
        this.subject = subject;
    }

    /** The table the statement was about, when the parser got that far; null otherwise. */
    public DdlStatement.TableName subject() {
        return subject;
    }
}
