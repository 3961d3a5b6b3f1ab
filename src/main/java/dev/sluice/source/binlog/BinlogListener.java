package dev.sluice.source.binlog;

/**
 * Receives Sluice's own model of the binlog, in order, from the {@link BinlogInterpreter}: only
 * committed changes reach it (an XA transaction's rows when it commits, none when it rolls back;
 * rows rolled back to a savepoint never). {@link BinlogCursor} tells where each call stands.
 */
public interface BinlogListener {

    /** A transaction begins. */
    void begin();

    /** Row changes of the current transaction. */
    void rows(RowChanges rows);

    /**
     * A statement that is not transaction control: DDL, administration, or a data change logged
     * as a statement; inside a larger transaction (CREATE TABLE ... SELECT) or a transaction of
     * its own, whose commit follows.
     */
    void statement(String sql, String database);

    /** The current transaction committed; the cursor already points past it. */
    void commit();
}
