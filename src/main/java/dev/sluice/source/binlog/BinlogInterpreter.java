package dev.sluice.source.binlog;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.FormatDescriptionEventData;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.GtidTaggedEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.XAPrepareEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import dev.sluice.source.ServerFlavor;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Turns the binlog client's events into Sluice's own model ({@link BinlogListener}) and owns the
 * state that takes: the transaction being read and where it started, the GTIDs read, the table
 * maps, the rows a restart must not send again, savepoints, and prepared XA transactions.
 *
 * <p>Only committed changes are delivered. Rows logged after a SAVEPOINT are held until the
 * transaction ends, because a later {@code ROLLBACK TO} undoes them (MariaDB logs that when a
 * transaction also touched a non-transactional table); a transaction that holds more than the
 * memory bound is read again from the binlog at its commit. An XA transaction's rows are published
 * when {@code XA COMMIT} (or a one-phase commit) arrives, read again from where it was prepared,
 * and never when it rolls back. Every event type has a decision ({@link EventHandling}); one Sluice
 * cannot handle stops the stream with its type, position and fix.
 */
public final class BinlogInterpreter {

    private static final Logger LOG = Logger.getLogger(BinlogInterpreter.class);

    /** MariaDB GTID flags: a statement without BEGIN/COMMIT, and the first phase of an XA transaction. */
    private static final int MARIADB_STANDALONE = 1;
    private static final int MARIADB_PREPARED_XA = 64;
    private static final int LOG_EVENT_IGNORABLE = 0x80;

    /** Reads a stretch of the binlog again, on a connection of its own. */
    public interface Rereader {
        /**
         * Hands the events from {@code file:start} onward to the visitor, in order, until it
         * returns false or the binlog ends.
         */
        void read(String file, long start, Predicate<Event> visitor) throws InterruptedException;

        /** The server's binlog files, oldest first. */
        List<String> files();
    }

    /**
     * @param gtidTimestamps whether commit times come from MySQL's GTID events (original commit time)
     * @param collationCharsets the server's collation ids and their character set names
     * @param maxHeldBytes how many bytes of row events after a savepoint are held in memory
     */
    public record Options(ServerFlavor flavor, boolean gtidTimestamps, Map<Integer, String> collationCharsets,
            long maxHeldBytes) {
    }

    /** Where reading starts: a transaction boundary, plus the row events and rows of it already delivered. */
    public record Resume(String file, long position, String gtids, long events, long rows, List<PreparedXa> prepared) {
    }

    private final Options options;
    private final Rereader rereader;
    private final BinlogCursor cursor;
    private final GtidTracker gtids;
    private final StatementText text;
    private final Map<Long, TableMap> tableMaps = new HashMap<>();
    private final TransactionReplay replay;

    private boolean explicit;
    private boolean xa;
    private long rowEventIndex;
    /** Rows held after a savepoint (or for an XA transaction, bookkeeping only); null when none. */
    private HeldRows held;

    private long skipEvents;
    private long skipRows;
    private boolean resuming;

    public BinlogInterpreter(Options options, Rereader rereader, Resume start) {
        this.options = options;
        this.rereader = rereader;
        this.gtids = new GtidTracker(options.flavor(), start.gtids());
        this.cursor = new BinlogCursor(start.file(), start.position(), gtids.current());
        this.cursor.prepared = List.copyOf(start.prepared());
        this.text = new StatementText(options.collationCharsets());
        this.replay = new TransactionReplay(rereader, this::canonical);
        this.skipEvents = start.events();
        this.skipRows = start.rows();
        this.resuming = start.events() != 0 || start.rows() != 0;
    }

    public BinlogCursor cursor() {
        return cursor;
    }

    /** The GTIDs of every transaction read to its end. */
    public GtidTracker gtids() {
        return gtids;
    }

    /**
     * Interprets one event, calling the listener for what it means.
     *
     * @return whether it was a server heartbeat (the server sends those only at the end of its binlog)
     * @throws UnsupportedBinlogException for anything Sluice cannot turn into exact change events
     */
    public boolean accept(Event event, BinlogListener listener) throws InterruptedException {
        EventHeaderV4 header = (EventHeaderV4) event.getHeader();
        return handle(header, unwrap(event.getData()), header, listener);
    }

    /**
     * @param at the header whose position stands for this event: its own, or for an event inside
     *     a compressed transaction payload the payload's (inner positions are not file positions)
     */
    private boolean handle(EventHeaderV4 header, Object data, EventHeaderV4 at, BinlogListener listener)
            throws InterruptedException {
        EventType type = header.getEventType();
        EventHandling handling = EventHandling.of(type);
        if (handling.decision() == EventHandling.Decision.IGNORED) {
            return false;
        }
        if (handling.decision() == EventHandling.Decision.FATAL) {
            throw unsupported("a " + type + " event", at, handling.why());
        }
        cursor.eventPosition = at.getPosition();
        switch (type) {
            case ROTATE -> rotate((RotateEventData) data);
            case FORMAT_DESCRIPTION -> formatDescription((FormatDescriptionEventData) data, at);
            case GTID -> {
                GtidEventData gtid = (GtidEventData) data;
                begin(at, gtid.getGtid(), gtid.getOriginalCommitTimestamp(), false, listener);
            }
            case GTID_TAGGED -> {
                GtidTaggedEventData gtid = (GtidTaggedEventData) data;
                begin(at, gtid.getGtid(), gtid.getOriginalCommitTimestamp(), false, listener);
            }
            case ANONYMOUS_GTID -> begin(at, null, 0, false, listener);
            case MARIADB_GTID -> mariadbGtid((MariadbGtidEventData) data, header, at, listener);
            case QUERY, EXECUTE_LOAD_QUERY -> query((QueryText) data, at, listener);
            case TABLE_MAP -> tableMap((TableMapEventData) data);
            case WRITE_ROWS, UPDATE_ROWS, DELETE_ROWS, EXT_WRITE_ROWS, EXT_UPDATE_ROWS, EXT_DELETE_ROWS,
                    PARTIAL_UPDATE_ROWS_EVENT -> rows(header, data, at, listener);
            case XID -> xid(at, listener);
            case XA_PREPARE -> xaPrepare((XAPrepareEventData) data, at, listener);
            case TRANSACTION_PAYLOAD -> {
                try (CompressedTransaction.Events events = ((CompressedTransaction) data).events()) {
                    for (Event inner : events) {
                        handle((EventHeaderV4) inner.getHeader(), unwrap(inner.getData()), at, listener);
                    }
                }
            }
            case HEARTBEAT, HEARTBEAT_V2 -> {
                return true;
            }
            case INCIDENT -> {
                IncidentData incident = (IncidentData) data;
                throw unsupported("an INCIDENT event (number " + incident.incident() + ": " + incident.message() + ")",
                        at, "the source says changes around this point may be missing from its binlog, so Sluice"
                        + " cannot vouch for the stream past it. Check the source's error log, then re-snapshot the"
                        + " captured tables (a new SLUICE_NAME, or an execute-snapshot signal once restarted past it)");
            }
            case UNKNOWN -> unknown(header, data, at, listener);
            default -> throw new IllegalStateException("binlog event type " + type + " is marked as decoded but has"
                    + " no decoder");
        }
        return false;
    }

    static Object unwrap(EventData data) {
        return data instanceof EventDeserializer.EventDataWrapper wrapper ? wrapper.getExternal() : data;
    }

    private void unknown(EventHeaderV4 header, Object data, EventHeaderV4 at, BinlogListener listener)
            throws InterruptedException {
        int raw = header instanceof BinlogEventHeader h ? h.rawType() : -1;
        if (data instanceof QueryText query) {
            query(query, at, listener);
        } else if (RowChanges.isRows(data)) {
            rows(header, data, at, listener);
        } else if ((header.getFlags() & LOG_EVENT_IGNORABLE) != 0) {
            LOG.debugf("Ignored binlog event type %s at %s:%s: the server marks it as safe to ignore", (Object) raw,
                    cursor.file, at.getPosition());
        } else {
            throw unsupported("an event of type " + raw + ", which Sluice does not know", at,
                    "it is not marked as safe to ignore, so skipping it could lose changes. Check which server"
                    + " feature writes it (a newer server version, binlog encryption sent as-is, ...) and turn that"
                    + " off, or run a Sluice version that reads it");
        }
    }

    private void rotate(RotateEventData rotate) {
        cursor.file = rotate.getBinlogFilename();
        if (!cursor.inTransaction) {
            cursor.transactionStart = rotate.getBinlogPosition();
        }
    }

    private void formatDescription(FormatDescriptionEventData format, EventHeaderV4 at) {
        if (format.getBinlogVersion() != 4) {
            throw unsupported("a binlog in format version " + format.getBinlogVersion(), at,
                    "Sluice reads format version 4 (MySQL 5.0 and later, MariaDB)");
        }
    }

    private void mariadbGtid(MariadbGtidEventData gtid, EventHeaderV4 header, EventHeaderV4 at,
            BinlogListener listener) {
        gtid.setServerId(header.getServerId());
        begin(at, gtid.toString(), 0, (gtid.getFlags() & MARIADB_STANDALONE) == 0, listener);
        if ((gtid.getFlags() & MARIADB_PREPARED_XA) != 0) {
            startXa();
        }
    }

    private void begin(EventHeaderV4 at, String gtid, long originalCommitMicros, boolean explicitTransaction,
            BinlogListener listener) {
        if (cursor.inTransaction) {
            throw unsupported("a new transaction" + (gtid == null ? "" : " (GTID " + gtid + ")"), at,
                    "the transaction that began at " + cursor.file + ":" + cursor.transactionStart + " never ended,"
                    + " so Sluice cannot tell whether it committed. The binlog looks damaged; check the source");
        }
        cursor.inTransaction = true;
        cursor.transactionStart = at.getPosition();
        cursor.serverId = at.getServerId();
        cursor.gtid = gtid;
        cursor.threadId = 0;
        cursor.commitMicros = options.gtidTimestamps() && originalCommitMicros > 0 ? originalCommitMicros
                : at.getTimestamp() * 1000;
        explicit = explicitTransaction;
        xa = false;
        held = null;
        rowEventIndex = 0;
        listener.begin();
    }

    private void query(QueryText query, EventHeaderV4 at, BinlogListener listener) throws InterruptedException {
        String sql = text.decode(query, () -> cursor.file + ":" + at.getPosition());
        StatementText.Command command = StatementText.command(sql);
        if (!cursor.inTransaction) {
            begin(at, null, 0, false, listener); // a server without GTID events: the statement starts a transaction
        }
        switch (command.kind()) {
            case BEGIN -> {
                explicit = true;
                cursor.threadId = query.getThreadId();
            }
            case COMMIT, ROLLBACK -> commit(at, listener); // a logged ROLLBACK keeps non-transactional changes
            case SAVEPOINT -> held().savepoint(command.argument(), rowEventIndex);
            case ROLLBACK_TO_SAVEPOINT -> {
                if (held == null || !held.rollbackTo(command.argument(), rowEventIndex)) {
                    throw unsupported("ROLLBACK TO " + command.argument(), at, "its SAVEPOINT is not in this"
                            + " transaction as Sluice read it, so it cannot tell which row changes were undone");
                }
            }
            case RELEASE_SAVEPOINT -> {
                if (held != null) {
                    held.release(command.argument());
                }
            }
            case XA_START -> startXa();
            case XA_END -> {
            }
            case XA_COMMIT -> {
                xaCommit(command.argument(), at, listener);
                commit(at, listener);
            }
            case XA_ROLLBACK -> {
                forgetPrepared(command.argument());
                commit(at, listener);
            }
            case OTHER -> {
                listener.statement(sql, query.getDatabase());
                if (!explicit) {
                    commit(at, listener);
                }
            }
            default -> throw unsupported("the statement '" + command.kind() + "'", at, "Sluice does not expect it in a"
                    + " binlog");
        }
    }

    private void startXa() {
        xa = true;
        explicit = true;
        held = new HeldRows(true, options.maxHeldBytes(), 0);
    }

    private HeldRows held() {
        if (held == null) {
            held = new HeldRows(false, options.maxHeldBytes(), rowEventIndex);
        }
        return held;
    }

    private void tableMap(TableMapEventData data) {
        tableMaps.put(data.getTableId(), canonical(data));
    }

    /** The table map already known for this id when it still describes the same table, else a new one. */
    private TableMap canonical(TableMapEventData data) {
        TableMap known = tableMaps.get(data.getTableId());
        TableMap map = new TableMap(data);
        return known != null && known.sameDefinition(map) ? known : map;
    }

    private void rows(EventHeaderV4 header, Object data, EventHeaderV4 at, BinlogListener listener) {
        if (!cursor.inTransaction) {
            throw unsupported("a row event", at, "it lies outside any transaction, so Sluice cannot know whether it"
                    + " committed. The binlog looks damaged; check the source");
        }
        TableMap table = tableMaps.get(RowChanges.tableId(data));
        if (table == null) {
            throw unsupported("a row event for table id " + RowChanges.tableId(data), at, "no TABLE_MAP event for that"
                    + " id preceded it in its transaction, so Sluice cannot tell which table changed");
        }
        RowChanges rows = RowChanges.of(header, data, at.getPosition(), table, cursor.file, rowEventIndex++);
        if (held == null) {
            deliver(rows, listener);
        } else if (held.add(rows)) {
            LOG.infof("The transaction at %s:%d holds more than %d bytes of row changes after a savepoint; they will be"
                    + " read again from the binlog when it commits", cursor.file, cursor.transactionStart,
                    options.maxHeldBytes());
        }
    }

    /** Hands rows to the listener, marking those a restart already delivered. */
    private void deliver(RowChanges rows, BinlogListener listener) {
        if (resuming && rows.eventIndex() < skipEvents) {
            rows.firstNewRow(rows.size());
        } else if (resuming && rows.eventIndex() == skipEvents) {
            rows.firstNewRow((int) Math.min(skipRows, rows.size()));
        }
        listener.rows(rows);
    }

    private void xid(EventHeaderV4 at, BinlogListener listener) throws InterruptedException {
        if (xa) {
            throw unsupported("an XID event inside an XA transaction", at, "an XA transaction ends with XA PREPARE;"
                    + " the binlog looks damaged");
        }
        commit(at, listener);
    }

    private void xaPrepare(XAPrepareEventData prepare, EventHeaderV4 at, BinlogListener listener)
            throws InterruptedException {
        if (!xa) {
            throw unsupported("an XA_PREPARE event outside an XA transaction", at, "the binlog looks damaged");
        }
        String xid = XaId.ofPrepare(prepare.getFormatID(), prepare.getGtridLength(), prepare.getData());
        PreparedXa prepared = new PreparedXa(xid, cursor.file, cursor.transactionStart, at.getNextPosition(),
                held.dropped());
        if (prepare.isOnePhase()) {
            replay(prepared, listener);
        } else {
            List<PreparedXa> now = new ArrayList<>(cursor.prepared);
            now.removeIf(p -> p.xid().equals(xid));
            now.add(prepared);
            cursor.prepared = List.copyOf(now);
            held = null; // its rows are published by XA COMMIT
        }
        commit(at, listener);
    }

    private void xaCommit(String xidText, EventHeaderV4 at, BinlogListener listener) throws InterruptedException {
        String xid = parseXid(xidText, at);
        PreparedXa prepared = cursor.prepared.stream().filter(p -> p.xid().equals(xid)).findFirst().orElse(null);
        if (prepared == null) {
            LOG.infof("XA COMMIT %s at %s:%d: its XA PREPARE came before Sluice's start position; searching the"
                    + " binlog for it", xidText, cursor.file, at.getPosition());
            prepared = new PreparedXaSearch(rereader, text).find(xid, cursor.file, at.getPosition());
            if (prepared == null) {
                throw unsupported("XA COMMIT " + xidText, at, "its XA PREPARE is in none of the source's binlog files"
                        + " (purged?), so its row changes cannot be read. Re-snapshot the tables it changed");
            }
        }
        replay(prepared, listener);
        forgetPrepared(xidText);
    }

    private void forgetPrepared(String xidText) {
        String xid;
        try {
            xid = XaId.parse(xidText);
        } catch (IllegalArgumentException e) {
            return; // nothing prepared under an id that cannot be read
        }
        List<PreparedXa> now = new ArrayList<>(cursor.prepared);
        if (now.removeIf(p -> p.xid().equals(xid))) {
            cursor.prepared = List.copyOf(now);
        }
    }

    private String parseXid(String xidText, EventHeaderV4 at) {
        try {
            return XaId.parse(xidText);
        } catch (IllegalArgumentException e) {
            throw unsupported("XA COMMIT " + xidText, at, "Sluice cannot read its XA id");
        }
    }

    /** Ends the current transaction: publishes what it held, then moves the cursor past it. */
    private void commit(EventHeaderV4 at, BinlogListener listener) throws InterruptedException {
        if (held != null && !xa) {
            if (held.outgrown()) {
                replay(new PreparedXa("", cursor.file, cursor.transactionStart, at.getNextPosition(), held.dropped()),
                        listener);
            } else {
                for (RowChanges rows : held.rows()) {
                    deliver(rows, listener);
                }
            }
        }
        if (cursor.gtid != null) {
            gtids.add(cursor.gtid);
        }
        cursor.gtidsBefore = gtids.current();
        cursor.transactionStart = at.getNextPosition();
        cursor.inTransaction = false;
        cursor.gtid = null;
        explicit = false;
        xa = false;
        held = null;
        resuming = false;
        rowEventIndex = 0;
        listener.commit();
    }

    /**
     * Reads a transaction again from the binlog and delivers its row events, except those rolled
     * back to a savepoint; they take the current transaction's place (an XA commit) or are its own
     * (a one-phase commit, a transaction that outgrew memory).
     */
    private void replay(PreparedXa range, BinlogListener listener) throws InterruptedException {
        replay.read(range, rows -> deliver(rows, listener));
    }

    private UnsupportedBinlogException unsupported(String what, EventHeaderV4 at, String fix) {
        return new UnsupportedBinlogException(what + " at " + cursor.file + ":" + at.getPosition() + ": " + fix);
    }
}
