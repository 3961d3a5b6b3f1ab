package dev.sluice.snapshot;

import dev.sluice.offset.SourceOffset;
import dev.sluice.schema.SchemaTracker;
import dev.sluice.schema.TableId;
import dev.sluice.schema.TableSchema;
import dev.sluice.source.JdbcConnector;
import dev.sluice.source.binlog.GtidTracker;
import org.jboss.logging.Logger;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;

/**
 * Incremental snapshots while streaming, by DBLog's watermark algorithm (as Debezium's): a chunk
 * of rows is read in primary-key order between a low and a high watermark; the stream drops from
 * the chunk every row it changes inside that window, and once it passes the high watermark the
 * rest are sent as {@code op: "r"} events. The watermarks are signal-table rows (read-write) or
 * the server's executed GTID sets (read-only, nothing written). Runs on the dispatcher's thread;
 * its state rides in every offset, so a restart continues with the chunk that was in flight.
 */
public final class IncrementalSnapshotter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IncrementalSnapshotter.class);
    private static final long CHUNKS_PER_CALL_MILLIS = 500;

    /**
     * @param signalTable the signal table, null when there is none
     * @param mysqlGtids whether the source is MySQL with GTIDs (watermarks without writing)
     * @param conditionsAllowed whether signals may carry additional-conditions
     */
    public record Options(TableId signalTable, boolean readOnly, boolean mysqlGtids, int chunkSize,
            Duration chunkTimeout, boolean conditionsAllowed) {
    }

    private final SchemaTracker schema;
    private final JdbcConnector jdbc;
    private final ChunkRecords records;
    private final Queue<Signal> inbox;
    private final Options c;
    private IncrementalState state;
    private String stateJson;
    private Connection connection;
    private ChunkReader reader;
    private Watermarks watermarks;
    private Window window;
    private String transactionGtid;
    /** Read-only mode: whether the current transaction's GTID falls inside the window (null: not asked yet). */
    private Boolean transactionInWindow;
    /** A chunk could not be read with the tracked columns: wait until the stream reaches the DDL. */
    private boolean awaitingSchemaChange;
    /** The current table's rows read, and those the stream superseded inside a window (this run). */
    private long rowsRead;
    private long rowsSuperseded;

    /**
     * @param inbox signals from the signal topic, applied between transactions
     * @param storedState the state stored with the offset, null when none ran
     */
    public IncrementalSnapshotter(SchemaTracker schema, JdbcConnector jdbc, ChunkRecords records, Queue<Signal> inbox,
            Options options, String storedState) {
        this.schema = schema;
        this.jdbc = jdbc;
        this.records = records;
        this.inbox = inbox;
        this.c = options;
        if (storedState != null) {
            try {
                setState(IncrementalState.fromJson(storedState));
                LOG.infof("Incremental snapshot continues: %s", state);
            } catch (IllegalArgumentException e) {
                LOG.warnf("The incremental snapshot in the stored offset cannot be continued (%s); send"
                        + " execute-snapshot again for its tables", e.getMessage());
            }
        }
    }

    /** The state to store with an offset taken now; null when no incremental snapshot runs. */
    public String stateJson() {
        return stateJson;
    }

    /** Whether there is anything to do between transactions. */
    public boolean busy() {
        return (state != null && !awaitingSchemaChange) || window != null || !inbox.isEmpty();
    }

    public boolean isSignalTable(TableId id) {
        return id.equals(c.signalTable);
    }

    /** A row inserted into the signal table: a watermark of ours, or an operator's signal. */
    public void signalRow(String id, String type, String data) {
        if (window != null && id != null && id.startsWith(window.chunkId)) {
            if (id.endsWith("-open")) {
                window.open = true;
            } else if (id.endsWith("-close") && window.open) {
                window.closed = true;
            }
            return;
        }
        try {
            Signal signal = Signal.parse(id, type, data);
            if (!signal.isWatermark()) {
                apply(signal, "the signal table");
            }
        } catch (MalformedSignalException e) {
            LOG.warnf("Signal '%s' in %s skipped: %s", id == null ? null : Signal.abbreviated(id, 255), c.signalTable,
                    e.getMessage());
        }
    }

    /** A transaction begins; its GTID decides, in read-only mode, whether it falls inside the window. */
    public void transaction(String gtid) {
        transactionGtid = gtid;
        transactionInWindow = null;
    }

    /** The stream changed the row with this key: the chunk's copy is older, so it must not be sent. */
    public void streamed(TableId table, byte[] key) {
        if (window != null && key != null && window.table.id().equals(table) && insideWindow()
                && window.rows.remove(ByteBuffer.wrap(key)) != null) {
            rowsSuperseded++;
        }
    }

    /**
     * Whether the current transaction changed rows while the chunk was read. Windows open and close
     * only between transactions, so in read-only mode the GTID is checked once per transaction.
     */
    private boolean insideWindow() {
        if (!window.open || window.closed) {
            return false;
        }
        if (window.highGtids == null) {
            return true; // between the signal-table watermarks
        }
        if (transactionInWindow == null) {
            transactionInWindow = window.containsChangeOf(transactionGtid);
        }
        return transactionInWindow;
    }

    /** A table definition changed: a chunk read with the old one is read again. */
    public void schemaChanged() {
        awaitingSchemaChange = false;
        if (window != null) {
            LOG.infof("Incremental snapshot of %s: the table definitions changed; reading the chunk again",
                    window.table.id());
            window = null;
        }
    }

    /**
     * Between transactions: applies queued signals, sends a chunk whose window has closed, and
     * reads the next chunk.
     *
     * @param boundary the offset after the last complete transaction
     * @param executed the GTIDs the stream has read (null without GTIDs)
     */
    public void idle(SourceOffset boundary, GtidTracker executed) throws SQLException {
        for (Signal signal = inbox.poll(); signal != null; signal = inbox.poll()) {
            apply(signal, "the signal topic");
        }
        long until = System.currentTimeMillis() + CHUNKS_PER_CALL_MILLIS;
        do {
            if (window != null) {
                if (window.highGtids != null && executed != null && executed.containsAll(window.highGtids)) {
                    window.closed = true;
                }
                if (!window.closed) {
                    return;
                }
                send(window, boundary);
                window = null;
            }
            if (state == null || state.paused() || awaitingSchemaChange) {
                return;
            }
            try {
                readChunk(executed);
            } catch (SQLException e) {
                if (skippedForItsCondition(e)) {
                    return;
                }
                if (e.getErrorCode() != 1054 && e.getErrorCode() != 1146) {
                    throw e;
                }
                LOG.warnf("Incremental snapshot of %s: the table no longer has the columns tracked at the stream's"
                        + " position (%s); waiting until the stream reaches its DDL", state.currentTable(), e.getMessage());
                awaitingSchemaChange = true;
                return;
            }
        } while (window != null && System.currentTimeMillis() < until);
    }

    /**
     * A chunk query with an operator's additional condition failed. When the condition is at fault
     * (it does not compile over the table, or the query ran past the chunk timeout) the table is
     * skipped: reading it again would fail again and hold up the stream each time.
     */
    private boolean skippedForItsCondition(SQLException failure) throws SQLException {
        String tableName = state.currentTable();
        String condition = state.conditions().get(tableName);
        if (condition == null || connectionLost(failure)) {
            return false;
        }
        SQLException cause = failure;
        if (!timedOut(failure)) {
            try {
                reader.checkCondition(find(tableName), condition);
                return false;
            } catch (SQLException probe) {
                if (connectionLost(probe)) {
                    throw probe;
                }
                cause = probe;
            }
        }
        LOG.warnf("Incremental snapshot of %s skipped: its additional condition %s %s; send execute-snapshot again with"
                + " a corrected filter", tableName, abbreviated(condition), timedOut(cause)
                        ? "made a chunk query run longer than SLUICE_INCREMENTAL_SNAPSHOT_CHUNK_TIMEOUT ("
                                + c.chunkTimeout.toMillis() + " ms)"
                        : "is refused by the server (" + cause.getMessage() + ")");
        rowsRead = 0;
        rowsSuperseded = 0;
        setState(state.nextTable());
        return true;
    }

    private static boolean connectionLost(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    private static boolean timedOut(SQLException e) {
        // 1317: query interrupted (the driver's cancel); 3024 and 1969: MySQL's and MariaDB's statement limits
        return e instanceof java.sql.SQLTimeoutException || e.getErrorCode() == 1317 || e.getErrorCode() == 3024
                || e.getErrorCode() == 1969;
    }

    private static String abbreviated(String condition) {
        return "'" + (condition.length() <= 200 ? condition : condition.substring(0, 200) + "...") + "'";
    }

    private void apply(Signal signal, String channel) {
        switch (signal.kind()) {
            case EXECUTE_SNAPSHOT -> execute(signal, channel);
            case STOP_SNAPSHOT -> {
                if (state == null) {
                    LOG.infof("Signal '%s' (stop-snapshot): no incremental snapshot runs", signal.id());
                    return;
                }
                List<String> stopped = signal.collections();
                setState(state.without(stopped));
                if (window != null && (stopped.isEmpty() || stopped.contains(name(window.table.id())))) {
                    window = null;
                }
                LOG.infof("Signal '%s' (stop-snapshot): stopped %s; %s", signal.id(),
                        stopped.isEmpty() ? "the incremental snapshot" : stopped,
                        state == null ? "nothing left to read" : "still to read " + state.tables());
            }
            case PAUSE_SNAPSHOT -> {
                if (state == null) {
                    LOG.infof("Signal '%s' (pause-snapshot): no incremental snapshot runs; ignored", signal.id());
                    return;
                }
                setState(state.paused(true));
                LOG.infof("Signal '%s' (pause-snapshot): incremental snapshot paused at %s", signal.id(), state);
            }
            case RESUME_SNAPSHOT -> {
                if (state == null || !state.paused()) {
                    LOG.infof("Signal '%s' (resume-snapshot): no paused incremental snapshot; ignored", signal.id());
                    return;
                }
                setState(state.paused(false));
                LOG.infof("Signal '%s' (resume-snapshot): incremental snapshot resumed", signal.id());
            }
            case LOG -> LOG.infof("Signal '%s' (log): %s", signal.id(), signal.conditions().get("message"));
            default -> {
                // watermarks: handled by signalRow
            }
        }
    }

    private void execute(Signal signal, String channel) {
        if (!c.readOnly && c.signalTable == null && !c.mysqlGtids) {
            LOG.warnf("Signal '%s' (execute-snapshot) skipped: an incremental snapshot needs SLUICE_SIGNAL_TABLE for its"
                    + " watermarks, or GTIDs on MySQL", signal.id());
            return;
        }
        if (c.readOnly && !c.mysqlGtids) {
            LOG.warnf("Signal '%s' (execute-snapshot) skipped: read-only incremental snapshots need MySQL with"
                    + " gtid_mode=ON", signal.id());
            return;
        }
        if (!c.conditionsAllowed && !signal.conditions().isEmpty()) {
            LOG.warnf("Signal '%s' (execute-snapshot) from %s skipped: it carries additional-conditions, which"
                    + " SLUICE_SIGNAL_ALLOW_ADDITIONAL_CONDITIONS=false refuses", signal.id(), channel);
            return;
        }
        List<String> tables = new ArrayList<>();
        for (String wanted : signal.collections()) {
            TableSchema table = find(wanted);
            if (table == null) {
                LOG.warnf("Signal '%s' (execute-snapshot): %s is not a captured table; skipped", signal.id(), wanted);
            } else if (table.keyColumns().isEmpty()) {
                LOG.warnf("Signal '%s' (execute-snapshot): %s has no primary key and no unique index over NOT NULL"
                        + " columns, one of which chunks need; skipped", signal.id(), wanted);
            } else {
                tables.add(wanted);
            }
        }
        if (tables.isEmpty()) {
            return;
        }
        setState(state == null ? IncrementalState.of(tables, signal.conditions())
                : state.plus(tables, signal.conditions()));
        LOG.infof("Signal '%s' from %s: incremental snapshot of %s in chunks of %d rows (%s watermarks)", signal.id(),
                channel, tables, c.chunkSize, c.readOnly || c.signalTable == null ? "GTID" : "signal-table");
    }

    private TableSchema find(String name) {
        for (Map.Entry<TableId, TableSchema> entry : schema.tables().entrySet()) {
            TableId id = entry.getKey();
            if (name(id).equals(name) && schema.isCaptured(id.database(), id.table())) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static String name(TableId id) {
        return (id.database() + "." + id.table()).toLowerCase(Locale.ROOT);
    }

    private void readChunk(GtidTracker executed) throws SQLException {
        String tableName = state.currentTable();
        TableSchema table = find(tableName);
        if (table == null) {
            LOG.warnf("Incremental snapshot: %s is no longer captured (dropped or renamed); skipping it", tableName);
            setState(state.nextTable());
            return;
        }
        open();
        String condition = state.conditions().get(tableName);
        if (!state.begun()) {
            List<Object> max = reader.maxKey(table, condition);
            if (max == null) {
                LOG.infof("Incremental snapshot of %s: no rows to read", tableName);
                finishTable();
                return;
            }
            setState(state.begin(max));
            rowsRead = 0;
            rowsSuperseded = 0;
            LOG.infof("Incremental snapshot of %s: starting", tableName);
        }
        String chunkId = UUID.randomUUID().toString();
        String low = watermarks.open(chunkId);
        ChunkReader.Chunk chunk = reader.read(table, state.lastKey(), state.maxKey(), condition, c.chunkSize);
        String high = watermarks.close(chunkId);
        rowsRead += chunk.rows().size();
        Window read = new Window(chunkId, table, chunk.lastKey(), chunk.rows().size() < c.chunkSize);
        for (Object[] row : chunk.rows()) {
            read.rows.put(ByteBuffer.wrap(records.key(table, row)), row);
        }
        if (!watermarks.writesSignalRows()) {
            read.open = true;
            read.lowGtids = low;
            read.highGtids = high;
            read.closed = executed != null && executed.containsAll(read.highGtids);
        }
        window = read;
    }

    private void send(Window done, SourceOffset boundary) {
        String before = stateJson;
        if (done.lastKey == null || done.lastInTable) {
            finishTable();
        } else {
            setState(state.readUpTo(done.lastKey));
        }
        // Only the chunk's last record carries the new state: a restart before it reads the chunk again.
        records.send(done.table, done.rows, boundary, boundary.withIncremental(before),
                boundary.withIncremental(stateJson));
    }

    private void finishTable() {
        LOG.infof("Incremental snapshot of %s: done, %d rows read, %d of them superseded by the stream inside their"
                + " window (not sent)", state.currentTable(), rowsRead, rowsSuperseded);
        rowsRead = 0;
        rowsSuperseded = 0;
        setState(state.nextTable());
        if (state == null) {
            LOG.info("Incremental snapshot complete");
        }
    }

    private void setState(IncrementalState next) {
        if (next == null || next.isDone()) {
            state = null;
            stateJson = null;
            return;
        }
        state = next;
        stateJson = next.toJson();
    }

    private void open() throws SQLException {
        if (connection != null && connection.isValid(5)) {
            return;
        }
        close();
        connection = jdbc.openForSnapshot();
        connection.setAutoCommit(true);
        reader = new ChunkReader(connection, c.chunkTimeout);
        watermarks = c.readOnly || c.signalTable == null ? new GtidWatermarks(connection)
                : new SignalTableWatermarks(connection, c.signalTable.database(), c.signalTable.table());
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debugf("closing the incremental snapshot connection: %s", e.getMessage());
            }
            connection = null;
        }
    }

    /** One chunk between its watermarks: the rows still to send, by key. */
    private static final class Window {
        final String chunkId;
        final TableSchema table;
        final List<Object> lastKey;
        final boolean lastInTable;
        final LinkedHashMap<ByteBuffer, Object[]> rows = new LinkedHashMap<>();
        boolean open;
        boolean closed;
        String lowGtids;
        String highGtids;

        Window(String chunkId, TableSchema table, List<Object> lastKey, boolean lastInTable) {
            this.chunkId = chunkId;
            this.table = table;
            this.lastKey = lastKey;
            this.lastInTable = lastInTable;
        }

        /** Whether the transaction with this GTID committed between the low and the high watermark. */
        boolean containsChangeOf(String gtid) {
            if (gtid == null) {
                return false;
            }
            return GtidTracker.between(gtid, lowGtids, highGtids);
        }
    }
}
