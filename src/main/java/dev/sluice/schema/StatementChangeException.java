package dev.sluice.schema;

/**
 * The binlog holds a data change of captured tables as a statement (a session with binlog_format
 * STATEMENT or MIXED): its row changes are not in the binlog, so the stream cannot carry them.
 */
public final class StatementChangeException extends IllegalStateException {

    public StatementChangeException(String message) {
        super(message);
    }
}
