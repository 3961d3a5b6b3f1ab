package dev.sluice.source.binlog;

import java.util.List;

/**
 * Where the interpreter stands, for the offsets and source blocks of what it delivers: the
 * current transaction (or, between transactions, the next one), the GTIDs fully read before it,
 * and the XA transactions prepared but not yet resolved. Owned and updated by the
 * {@link BinlogInterpreter}; read by its listener during each call.
 */
public final class BinlogCursor {

    String file;
    long transactionStart;
    String gtidsBefore;
    String gtid;
    long serverId;
    long commitMicros;
    long threadId;
    boolean inTransaction;
    long eventPosition;
    List<PreparedXa> prepared = List.of();

    BinlogCursor(String file, long transactionStart, String gtidsBefore) {
        this.file = file;
        this.transactionStart = transactionStart;
        this.gtidsBefore = gtidsBefore;
    }

    /** The binlog file of the current transaction. */
    public String file() {
        return file;
    }

    /** The position of the current transaction's first event (between transactions: the next one's). */
    public long transactionStart() {
        return transactionStart;
    }

    /** The GTIDs read before the current transaction; null for a server without GTIDs. */
    public String gtidsBefore() {
        return gtidsBefore;
    }

    /** The current transaction's GTID; null without GTIDs or between transactions. */
    public String gtid() {
        return gtid;
    }

    public long serverId() {
        return serverId;
    }

    /** When the current transaction committed on its original server, in microseconds since the epoch. */
    public long commitMicros() {
        return commitMicros;
    }

    /** The thread (connection) id logged with the transaction's BEGIN, 0 when unknown. */
    public long threadId() {
        return threadId;
    }

    public boolean inTransaction() {
        return inTransaction;
    }

    /** The position of the event being delivered. */
    public long eventPosition() {
        return eventPosition;
    }

    /** XA transactions prepared and not yet committed or rolled back (immutable). */
    public List<PreparedXa> prepared() {
        return prepared;
    }
}
