package dev.sluice.pipeline;

import dev.sluice.config.GtidSourceFilter;
import dev.sluice.config.ConversionOptions;
import dev.sluice.config.FlatRows;
import dev.sluice.config.SkippedOperations;
import dev.sluice.event.ChangeEventWriter;
import dev.sluice.event.Operation;
import dev.sluice.event.RecordTopic;
import dev.sluice.event.RowCodec;
import dev.sluice.event.SourceInfo;
import dev.sluice.heartbeat.HeartbeatWatch;
import dev.sluice.offset.OffsetTracker;
import dev.sluice.offset.SourceOffset;
import dev.sluice.schema.HistoryPosition;
import dev.sluice.schema.SchemaTracker;
import dev.sluice.schema.TableId;
import dev.sluice.schema.TableSchema;
import dev.sluice.sink.TopicNames;
import dev.sluice.snapshot.IncrementalSnapshotter;
import dev.sluice.source.BinlogStream;
import dev.sluice.source.ServerInfo;
import dev.sluice.source.binlog.BinlogCursor;
import dev.sluice.source.binlog.BinlogListener;
import dev.sluice.source.binlog.GtidTracker;
import dev.sluice.source.binlog.RowChanges;
import dev.sluice.source.binlog.RowDecoding;
import dev.sluice.source.binlog.TableMap;
import org.jboss.logging.Logger;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns the interpreter's binlog model into change records, in binlog order, on one thread. Every
 * record carries the exact place to resume after it: the transaction's first event, plus the row
 * events and rows already delivered inside it (from the {@link BinlogCursor}).
 */
final class StreamDispatcher implements BinlogListener {

    private static final Logger LOG = Logger.getLogger(StreamDispatcher.class);

    private static final Object SKIPPED_TABLE = new Object();

    /**
     * Where the records go.
     *
     * @param schemaChanges whether schema-change events are published on the prefix's topic
     * @param tombstones whether a delete is followed by a tombstone
     * @param transactions whether transactions are announced on the prefix's transaction topic
     * @param skipped the streamed operations not published
     * @param gtidSources whose transactions publish rows (multi-source replication)
     */
    record Outputs(TopicNames names, Consumer<String> ensureTopic, boolean schemaChanges, boolean tombstones,
            boolean transactions, SkippedOperations skipped, GtidSourceFilter gtidSources, RecordSender sender) {
    }

    /** The server whose binlog coordinates the offsets and history records carry. */
    private final String sourceServer;
    private final SchemaTracker schema;
    private final String schemaChangeTopic;
    private final ConversionOptions options;
    private final TopicNames names;
    private final Consumer<String> ensureTopic;
    private final ChangeEventWriter writer;
    private final RecordSender sender;
    private final OffsetTracker tracker;
    private final SourceInfo source;
    private final boolean tombstones;
    private final SkippedOperations skipped;
    private final GtidSourceFilter gtidSources;
    /** The GTID sources already reported as left out: one log line each. */
    private final java.util.Set<String> sourcesLeftOut = new java.util.HashSet<>();
    /** The current transaction comes from a GTID source that does not count: its rows are not published. */
    private boolean sourceLeftOut;
    private final BinlogCursor cursor;
    private final GtidTracker gtids;
    private final PipelineMetrics metrics;
    private final TableId heartbeatTable;
    private final HeartbeatWatch heartbeatWatch;
    private final IncrementalSnapshotter snapshotter;
    /** Null unless transactions are announced. */
    private final TransactionAnnouncer transactions;

    /** Per table: what to do with its rows ({@link Entry}, or {@link #SKIPPED_TABLE}). */
    private final Map<TableId, Object> tables = new HashMap<>();
    private int recordsInTransaction;
    /** The row event and row being dispatched: where a BEGIN record sent before the row resumes. */
    private long currentEvent;
    private int currentRow;
    /** Read when a BEGIN record is sent, so no resume point is built per event. */
    private final java.util.function.Supplier<SourceOffset> beforeCurrentRow = () -> offset(currentEvent, currentRow);

    /** @param heartbeatTable the layer-2 heartbeat table, watched even when not captured; null for none */
    StreamDispatcher(SchemaTracker schema, ConversionOptions options, Outputs outputs, OffsetTracker tracker,
            ServerInfo server, BinlogStream stream, Observers observers, TableId heartbeatTable,
            IncrementalSnapshotter snapshotter) {
        this.schema = schema;
        this.options = options;
        this.names = outputs.names();
        this.schemaChangeTopic = outputs.schemaChanges() ? names.schemaChangeTopic() : null;
        this.ensureTopic = outputs.ensureTopic();
        this.sender = outputs.sender();
        this.tombstones = outputs.tombstones();
        this.skipped = outputs.skipped();
        this.gtidSources = outputs.gtidSources();
        this.tracker = tracker;
        this.metrics = observers.metrics();
        this.heartbeatWatch = observers.heartbeatWatch();
        this.heartbeatTable = heartbeatTable;
        this.snapshotter = snapshotter;
        this.cursor = stream.cursor();
        this.gtids = server.gtidMode() ? stream.gtids() : null;
        this.sourceServer = server.identity();
        this.source = new SourceInfo(server.flavor().connectorName(), names.prefix());
        this.writer = new ChangeEventWriter(options.schemasEnabled(), server.flavor().connectorName());
        this.transactions = outputs.transactions() ? new TransactionAnnouncer(names.transactionTopic(), ensureTopic,
                writer, sender) : null;
    }

    /** Between transactions: lets a running incremental snapshot send and read its chunks. */
    void idle() {
        if (cursor.inTransaction() || !snapshotter.busy()) {
            return;
        }
        try {
            snapshotter.idle(offset(0, 0), gtids);
        } catch (java.sql.SQLException e) {
            throw new StreamInterruptedException("the incremental snapshot could not read a chunk: " + e.getMessage(), e);
        }
    }

    @Override
    public void begin() {
        sourceLeftOut = gtidSources.filters() && cursor.gtid() != null && isLeftOut(cursor.gtid());
        snapshotter.transaction(cursor.gtid());
        source.transaction(cursor.gtid(), -1, cursor.commitMicros());
        if (transactions != null) {
            transactions.begin(cursor.gtid(), cursor.file(), cursor.transactionStart(), cursor.commitMicros() / 1000);
        }
    }

    @Override
    public void statement(String sql, String database) {
        HistoryPosition position = new HistoryPosition(cursor.file(), cursor.transactionStart(), cursor.gtidsBefore(),
                sourceServer);
        SchemaTracker.Outcome outcome = schema.applyStatement(sql, database, position, cursor.commitMicros() / 1000);
        if (outcome.skippedDataChange()) {
            metrics.statementSkipped();
        }
        if (outcome.truncated() != null) {
            truncated(outcome.truncated());
        }
        if (!outcome.changes().isEmpty()) {
            tables.clear();
            snapshotter.schemaChanged();
            outcome.announced().forEach(this::publishSchemaChange);
        }
    }

    /** Debezium's schema-change event on {@code <prefix>}, keyed by database, when enabled. */
    private void publishSchemaChange(SchemaTracker.SchemaChange change) {
        if (schemaChangeTopic == null) {
            return;
        }
        source.event(change.database(), change.table(), cursor.serverId(), cursor.file(), cursor.eventPosition());
        source.row(0);
        ensureTopic.accept(schemaChangeTopic);
        byte[] value = writer.schemaChangeValue(source, change.database(), change.ddl(), change.tableChanges(),
                Clock.nowMicros());
        sender.send(schemaChangeTopic, writer.schemaChangeKey(change.database()), value, offset(0, 0),
                cursor.commitMicros() / 1000);
    }

    /** Debezium's truncate event (key null, no row images) on the table's topic, unless truncates are skipped. */
    private void truncated(TableSchema table) {
        TableId id = table.id();
        if (skipped.truncates() || options.flatRows() != null) {
            LOG.warnf("TRUNCATE TABLE at %s:%d emptied the captured table %s without row events: its topic does not"
                    + " show it (%s); re-snapshot the table if consumers need it", cursor.file(), cursor.eventPosition(),
                    id, skipped.truncates() ? "SLUICE_SKIPPED_OPERATIONS skips truncates; set it to none for truncate"
                            + " events" : "flat rows have no form for a truncate, as ExtractNewRecordState drops it");
            return;
        }
        RecordTopic topic = names.recordTopic(id.database(), id.table());
        ensureTopic.accept(topic.name());
        RowCodec codec = new RowCodec(table, topic, options);
        source.event(id.database(), id.table(), cursor.serverId(), cursor.file(), cursor.eventPosition());
        source.row(0);
        byte[] value = writer.value(codec, Operation.TRUNCATE, null, null, source, null, Clock.nowMicros());
        sender.send(topic.name(), null, value, offset(0, 0), cursor.commitMicros() / 1000);
        recordsInTransaction++;
    }

    private boolean isLeftOut(String gtid) {
        String origin = GtidSourceFilter.sourceOf(gtid);
        if (gtidSources.accepts(origin)) {
            return false;
        }
        if (sourcesLeftOut.add(origin)) {
            LOG.infof("Transactions of GTID source %s publish no rows (GTID sources counted: %s)", origin, gtidSources);
        }
        return true;
    }

    @Override
    public void commit() {
        if (transactions != null) {
            transactions.commit(offset(0, 0), cursor.commitMicros() / 1000);
        }
        source.transaction(null, -1, cursor.commitMicros());
        tracker.reached(offset(0, 0));
        metrics.transaction();
        if (recordsInTransaction == 0 && tracker.inFlight() == 0) {
            // Nothing of this transaction needed delivering: it was processed now, with this lag.
            // (Heartbeat-table transactions keep the lag moving on a database otherwise idle.)
            metrics.lag(System.currentTimeMillis() - cursor.commitMicros() / 1000, true);
        }
        recordsInTransaction = 0;
        idle();
    }

    @Override
    public void rows(RowChanges rows) {
        Entry entry = entry(rows.table());
        if (entry == null) {
            return;
        }
        if (!rows.hasFullImages(entry.columns())) {
            throw new IllegalStateException("a row event for " + entry.id() + " at " + rows.file() + ":"
                    + rows.position() + " lacks some of its " + entry.columns() + " columns: the server logs partial"
                    + " row images (binlog_row_image MINIMAL or NOBLOB, perhaps set by one session); set"
                    + " binlog_row_image=FULL");
        }
        source.thread(cursor.threadId() == 0 ? -1 : cursor.threadId());
        long eventIndex = rows.eventIndex();
        for (int row = 0; row < rows.size(); row++) {
            Object[] after = rows.after(row);
            if (after != null) {
                entry.watchHeartbeat(after, heartbeatWatch);
            }
            if (rows.operation() == RowChanges.Operation.INSERT && entry.signalColumns() != null) {
                int[] columns = entry.signalColumns();
                snapshotter.signalRow(text(after[columns[0]]), text(after[columns[1]]), text(after[columns[2]]));
            }
            if (entry.codec() == null || sourceLeftOut) {
                continue;
            }
            if (row < rows.firstNewRow()) {
                if (transactions != null) {
                    transactions.delivered(entry.collection(), deliveredEvents(entry, rows, row));
                }
                continue;
            }
            currentEvent = eventIndex;
            currentRow = row;
            point(rows, entry.codec(), row);
            switch (rows.operation()) {
                case INSERT -> {
                    byte[] key = writer.key(entry.codec(), after);
                    emit(entry, Operation.CREATE, null, after, key, offset(eventIndex, row + 1));
                }
                case UPDATE -> update(entry, rows.before(row), after, eventIndex, row);
                case DELETE -> {
                    Object[] before = rows.before(row);
                    byte[] key = writer.key(entry.codec(), before);
                    delete(entry, before, key, offset(eventIndex, row), offset(eventIndex, row + 1));
                }
            }
        }
    }

    /**
     * An update that changes the primary key is, as in Debezium, a delete of the old key (with its
     * tombstone) and a create of the new one; skipping updates skips those too, as Debezium does.
     */
    private void update(Entry entry, Object[] before, Object[] after, long eventIndex, int row) {
        if (skipped.updates()) {
            return;
        }
        RowCodec codec = entry.codec();
        byte[] oldKey = writer.key(codec, before);
        byte[] newKey = writer.key(codec, after);
        SourceOffset done = offset(eventIndex, row + 1);
        if (oldKey == null || Arrays.equals(oldKey, newKey)) {
            emit(entry, Operation.UPDATE, before, after, newKey, done);
            return;
        }
        delete(entry, before, oldKey, offset(eventIndex, row), offset(eventIndex, row));
        emit(entry, Operation.CREATE, null, after, newKey, done);
    }

    /**
     * How many events a row a restart already delivered was (a key-changing update two, a skipped
     * operation none), so that the transaction's counts go on where they were.
     */
    private int deliveredEvents(Entry entry, RowChanges rows, int row) {
        return switch (rows.operation()) {
            case INSERT -> skipped.creates() ? 0 : 1;
            case DELETE -> skipped.deletes() ? 0 : 1;
            case UPDATE -> {
                if (skipped.updates()) {
                    yield 0;
                }
                byte[] oldKey = writer.key(entry.codec(), rows.before(row));
                boolean keyChanged = oldKey != null && !Arrays.equals(oldKey, writer.key(entry.codec(),
                        rows.after(row)));
                yield keyChanged ? (skipped.deletes() ? 0 : 1) + (skipped.creates() ? 0 : 1) : 1;
            }
        };
    }

    /** The delete's own record must not move the offset past the row before its tombstone is delivered. */
    private void delete(Entry entry, Object[] before, byte[] key, SourceOffset beforeRow, SourceOffset afterRow) {
        if (skipped.deletes()) {
            return;
        }
        FlatRows.DeleteHandling flat = options.flatRows() == null ? null : options.flatRows().deletes();
        if (flat == FlatRows.DeleteHandling.DROP || flat == FlatRows.DeleteHandling.DELETE_TO_TOMBSTONE) {
            // the event happened (counted, supersedes a snapshot chunk's row), then the flat form dropped it
            snapshotter.streamed(entry.id(), key);
            if (transactions != null) {
                transactions.event(entry.collection(), beforeCurrentRow,
                        cursor.commitMicros() / 1000);
            }
            if (flat == FlatRows.DeleteHandling.DELETE_TO_TOMBSTONE) {
                sender.send(entry.codec().topic(), key, null, afterRow, cursor.commitMicros() / 1000);
            }
            return;
        }
        if (tombstones && key != null && (flat == null || flat == FlatRows.DeleteHandling.REWRITE_WITH_TOMBSTONE)) {
            emit(entry, Operation.DELETE, before, null, key, beforeRow);
            sender.send(entry.codec().topic(), key, null, afterRow, cursor.commitMicros() / 1000);
        } else {
            emit(entry, Operation.DELETE, before, null, key, afterRow);
        }
    }

    private void emit(Entry entry, Operation op, Object[] before, Object[] after, byte[] key,
            SourceOffset offsetAfter) {
        if (isSkipped(op)) {
            return;
        }
        snapshotter.streamed(entry.id(), key); // a chunk row older than a published event gives way to it
        RowCodec codec = entry.codec();
        long commitMillis = cursor.commitMicros() / 1000;
        var transaction = transactions == null ? null : transactions.event(entry.collection(),
                beforeCurrentRow, commitMillis);
        byte[] value = writer.value(codec, op, before, after, source, transaction, Clock.nowMicros());
        sender.send(codec.topic(), key, value, offsetAfter, commitMillis);
        recordsInTransaction++;
        switch (op) {
            case CREATE -> entry.events().created();
            case UPDATE -> entry.events().updated();
            case DELETE -> entry.events().deleted();
            default -> entry.events().read();
        }
    }

    private boolean isSkipped(Operation op) {
        return switch (op) {
            case CREATE -> skipped.creates();
            case UPDATE -> skipped.updates();
            case DELETE -> skipped.deletes();
            default -> false;
        };
    }

    private void point(RowChanges rows, RowCodec codec, int row) {
        TableSchema table = codec.schema();
        source.event(table.id().database(), table.id().table(), cursor.serverId(), rows.file(), rows.position());
        source.row(row);
    }

    private SourceOffset offset(long event, long row) {
        return new SourceOffset(cursor.file(), cursor.transactionStart(), cursor.gtidsBefore(), event, row,
                cursor.serverId(), cursor.commitMicros() / 1_000_000, null, snapshotter.stateJson(), cursor.prepared(),
                null, sourceServer);
    }

    /**
     * What to do with a table's rows, resolved once per table definition: null when the table is
     * neither captured nor the heartbeat or signal table. The table map's identity says whether the
     * definition is still the one resolved (a server restart reuses ids for other tables).
     */
    private Entry entry(TableMap map) {
        TableId id = new TableId(map.database(), map.table());
        Object known = tables.get(id);
        if (known == SKIPPED_TABLE) {
            return null;
        }
        Entry entry = (Entry) known;
        if (entry != null && entry.map() != map) {
            entry = entry.map().sameDefinition(map) ? entry.remap(map) : null;
        }
        if (entry == null) {
            Object resolved = resolve(id, map);
            tables.put(id, resolved);
            return resolved == SKIPPED_TABLE ? null : (Entry) resolved;
        }
        if (entry != known) {
            tables.put(id, entry);
        }
        return entry;
    }

    private Object resolve(TableId id, TableMap map) {
        boolean captured = schema.isCaptured(id.database(), id.table());
        boolean heartbeat = id.equals(heartbeatTable);
        boolean signal = snapshotter.isSignalTable(id);
        if (!captured && !heartbeat && !signal) {
            return SKIPPED_TABLE;
        }
        TableSchema table = schema.resolve(map);
        int heartbeatColumn = heartbeat ? table.find("last_update") : -1;
        int[] signalColumns = signal ? signalColumns(table) : null;
        if (!captured) {
            return new Entry(id, map, table.columns().size(), null, null, heartbeatColumn, signalColumns);
        }
        RecordTopic topic = names.recordTopic(table.id().database(), table.id().table());
        ensureTopic.accept(topic.name());
        return new Entry(id, map, table.columns().size(), new RowCodec(table, topic, options), metrics.table(id),
                heartbeatColumn, signalColumns);
    }

    /**
     * @throws IllegalStateException when the signal table lacks a column signals need
     */
    private static int[] signalColumns(TableSchema table) {
        int[] columns = {table.find("id"), table.find("type"), table.find("data")};
        if (columns[0] < 0 || columns[1] < 0 || columns[2] < 0) {
            throw new IllegalStateException("the signal table " + table.id() + " needs the columns id, type and data"
                    + " (see `check`); it has " + table.describe());
        }
        return columns;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : value.toString();
    }

    /**
     * A table's codec (null: rows only watched) and counters, where its heartbeat timestamp is, and
     * for the signal table where its id, type and data are.
     */
    private record Entry(TableId id, TableMap map, int columns, RowCodec codec, PipelineMetrics.TableEvents events,
            int heartbeatColumn, int[] signalColumns, String collection) {

        /** With {@code collection}, the table as transaction metadata names it ({@code db.table}), built once. */
        Entry(TableId id, TableMap map, int columns, RowCodec codec, PipelineMetrics.TableEvents events,
                int heartbeatColumn, int[] signalColumns) {
            this(id, map, columns, codec, events, heartbeatColumn, signalColumns, id.database() + "." + id.table());
        }

        Entry remap(TableMap other) {
            return new Entry(id, other, columns, codec, events, heartbeatColumn, signalColumns, collection);
        }

        void watchHeartbeat(Object[] row, HeartbeatWatch watch) {
            if (heartbeatColumn >= 0 && row[heartbeatColumn] instanceof Long micros
                    && micros != RowDecoding.INVALID_TEMPORAL) {
                watch.seen(micros, System.currentTimeMillis());
            }
        }
    }
}
