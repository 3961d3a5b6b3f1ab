package dev.sluice.pipeline;

import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.GtidTaggedEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TransactionPayloadEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer.EventDataWrapper;
import dev.sluice.event.ChangeEventWriter;
import dev.sluice.config.ConversionOptions;
import dev.sluice.event.Operation;
import dev.sluice.event.RowCodec;
import dev.sluice.event.SourceInfo;
import dev.sluice.heartbeat.HeartbeatWatch;
import dev.sluice.offset.OffsetTracker;
import dev.sluice.offset.SourceOffset;
import dev.sluice.schema.HistoryPosition;
import dev.sluice.schema.SchemaModel.TableChange;
import dev.sluice.schema.SchemaTracker;
import dev.sluice.schema.TableId;
import dev.sluice.schema.TableSchema;
import dev.sluice.source.ServerInfo;

import java.io.Serializable;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns binlog events into change records, in binlog order, on one thread. It follows
 * transaction boundaries so every record carries the exact place to resume after it: the
 * transaction's first event, plus the row events and rows already delivered inside it.
 */
final class StreamDispatcher {

    private static final Object SKIPPED_TABLE = new Object();

    private final SchemaTracker schema;
    private final String schemaChangeTopic;
    private final ConversionOptions options;
    private final Function<TableId, String> topicForTable;
    private final Consumer<String> ensureTopic;
    private final ChangeEventWriter writer;
    private final RecordSender sender;
    private final OffsetTracker tracker;
    private final SourceInfo source;
    private final boolean tombstones;
    private final GtidTracker gtids;
    private final boolean gtidTimestamps;
    private final PipelineMetrics metrics;
    private final TableId heartbeatTable;
    private final HeartbeatWatch heartbeatWatch;
    private final IncrementalSnapshotter snapshotter;

    private final Map<Long, TableMapEventData> tableMaps = new HashMap<>();
    private final Map<Long, Object> codecs = new HashMap<>();

    private String file;
    private long transactionStart;
    private String gtidsBeforeTransaction;
    private boolean inTransaction;
    private boolean sawBegin;
    private long serverId;
    private long rowEventIndex;
    private long commitMicros;
    private int recordsInTransaction;

    /** Row events and rows of the first transaction that were delivered before the restart. */
    private long skipEvents;
    private long skipRows;
    private boolean resuming;

    StreamDispatcher(Builder b) {
        this.schema = b.schema;
        this.schemaChangeTopic = b.schemaChangeTopic;
        this.options = b.options;
        this.topicForTable = b.topicForTable;
        this.ensureTopic = b.ensureTopic;
        this.sender = b.sender;
        this.tracker = b.tracker;
        this.tombstones = b.tombstones;
        this.metrics = b.metrics;
        this.heartbeatTable = b.heartbeatTable;
        this.heartbeatWatch = b.heartbeatWatch;
        this.snapshotter = b.snapshotter;
        ServerInfo server = b.server;
        this.source = new SourceInfo(server.flavor().connectorName(), b.prefix);
        this.writer = new ChangeEventWriter(options.schemasEnabled(), server.flavor().connectorName());
        this.gtids = new GtidTracker(server.flavor(), b.start.gtids());
        this.gtidTimestamps = server.gtidMode();
        this.file = b.start.file();
        this.transactionStart = b.start.pos();
        this.gtidsBeforeTransaction = gtids.current();
        this.skipEvents = b.start.event();
        this.skipRows = b.start.row();
        this.resuming = !b.start.isTransactionBoundary();
    }

    void handle(Event event) {
        EventHeaderV4 header = event.getHeader();
        handle(header, EventDataWrapper.internal(event.getData()), header);
    }

    /**
     * @param at the header whose position stands for this event: its own, or for an event inside a
     *     compressed transaction payload the payload's (inner positions are not file positions)
     */
    private void handle(EventHeaderV4 header, Object data, EventHeaderV4 at) {
        EventType type = header.getEventType();
        switch (type) {
            case ROTATE -> rotate((RotateEventData) data);
            case GTID -> {
                GtidEventData gtid = (GtidEventData) data;
                begin(at, gtid.getGtid(), gtid.getOriginalCommitTimestamp());
            }
            case GTID_TAGGED -> {
                GtidTaggedEventData gtid = (GtidTaggedEventData) data;
                begin(at, gtid.getGtid(), gtid.getOriginalCommitTimestamp());
            }
            case ANONYMOUS_GTID -> begin(at, null, 0);
            case MARIADB_GTID -> {
                MariadbGtidEventData gtid = (MariadbGtidEventData) data;
                gtid.setServerId(header.getServerId());
                begin(at, gtid.toString(), 0);
            }
            case QUERY -> query((QueryEventData) data, at);
            case TABLE_MAP -> tableMaps.put(((TableMapEventData) data).getTableId(), (TableMapEventData) data);
            case WRITE_ROWS, EXT_WRITE_ROWS -> {
                WriteRowsEventData rows = (WriteRowsEventData) data;
                rows(at, rows.getTableId(), rows.getIncludedColumns(), rows.getRows(), null);
            }
            case UPDATE_ROWS, EXT_UPDATE_ROWS -> {
                UpdateRowsEventData rows = (UpdateRowsEventData) data;
                rows(at, rows.getTableId(), rows.getIncludedColumns(), null, rows.getRows());
            }
            case DELETE_ROWS, EXT_DELETE_ROWS -> {
                DeleteRowsEventData rows = (DeleteRowsEventData) data;
                deletes(at, rows.getTableId(), rows.getIncludedColumns(), rows.getRows());
            }
            case XID -> commit(at);
            case TRANSACTION_PAYLOAD -> {
                for (Event inner : ((TransactionPayloadEventData) data).getUncompressedEvents()) {
                    handle(inner.getHeader(), EventDataWrapper.internal(inner.getData()), at);
                }
            }
            default -> {
                // FORMAT_DESCRIPTION, PREVIOUS_GTIDS, HEARTBEAT, ROWS_QUERY...: nothing to deliver.
            }
        }
    }

    private void rotate(RotateEventData rotate) {
        file = rotate.getBinlogFilename();
        if (!inTransaction) {
            transactionStart = rotate.getBinlogPosition();
        }
    }

    /** Between transactions: lets a running incremental snapshot send and read its chunks. */
    void idle() {
        if (inTransaction || !snapshotter.busy()) {
            return;
        }
        try {
            snapshotter.idle(offset(0, 0), gtidTimestamps ? gtids : null);
        } catch (java.sql.SQLException e) {
            throw new StreamInterruptedException("the incremental snapshot could not read a chunk: " + e.getMessage(), e);
        }
    }

    private void begin(EventHeaderV4 at, String gtid, long originalCommitMicros) {
        snapshotter.transaction(gtid);
        transactionStart = at.getPosition();
        serverId = at.getServerId();
        inTransaction = true;
        rowEventIndex = 0;
        commitMicros = gtidTimestamps && originalCommitMicros > 0 ? originalCommitMicros : at.getTimestamp() * 1000;
        source.transaction(gtid, -1, commitMicros);
    }

    private void query(QueryEventData query, EventHeaderV4 at) {
        String sql = query.getSql();
        if ("BEGIN".equalsIgnoreCase(sql)) {
            if (!inTransaction) {
                begin(at, null, 0);
            }
            sawBegin = true;
            source.thread(query.getThreadId());
            return;
        }
        if ("COMMIT".equalsIgnoreCase(sql) || "ROLLBACK".equalsIgnoreCase(sql)) {
            commit(at);
            return;
        }
        if (sawBegin) {
            return; // SAVEPOINT and the like, inside a transaction
        }
        // Outside BEGIN...COMMIT a statement is DDL or administration, a transaction of its own.
        HistoryPosition position = new HistoryPosition(file, transactionStart, gtidsBeforeTransaction);
        List<TableChange> changes = schema.applyDdl(sql, query.getDatabase(), position, commitMicros / 1000);
        if (!changes.isEmpty()) {
            codecs.clear();
            snapshotter.schemaChanged();
            publishSchemaChange(query, sql, changes, at);
        }
        commit(at);
    }

    /** Debezium's schema-change event on {@code <prefix>}, keyed by database, when enabled. */
    private void publishSchemaChange(QueryEventData query, String sql, List<TableChange> changes, EventHeaderV4 at) {
        if (schemaChangeTopic == null) {
            return;
        }
        String database = query.getDatabase() == null || query.getDatabase().isEmpty()
                ? changes.get(0).id().database() : query.getDatabase();
        source.event(database, null, at.getServerId(), file, at.getPosition());
        source.row(0);
        ensureTopic.accept(schemaChangeTopic);
        byte[] value = writer.schemaChangeValue(source, database, sql, changes,
                Clock.nowMicros());
        sender.send(schemaChangeTopic, writer.schemaChangeKey(database), value, offset(0, 0), commitMicros / 1000);
    }

    private void commit(EventHeaderV4 at) {
        String gtid = source.gtid();
        if (gtid != null) {
            gtids.add(gtid);
        }
        gtidsBeforeTransaction = gtids.current();
        transactionStart = at.getNextPosition();
        inTransaction = false;
        sawBegin = false;
        resuming = false;
        rowEventIndex = 0;
        source.transaction(null, -1, commitMicros);
        tracker.reached(offset(0, 0));
        metrics.transaction();
        if (recordsInTransaction == 0 && tracker.inFlight() == 0) {
            // Nothing of this transaction needed delivering: it was processed now, with this lag.
            // (Heartbeat-table transactions keep the lag moving on a database otherwise idle.)
            metrics.lag(System.currentTimeMillis() - commitMicros / 1000, true);
        }
        recordsInTransaction = 0;
        idle();
    }

    private void rows(EventHeaderV4 at, long tableId, BitSet included, List<Serializable[]> inserts,
            List<Map.Entry<Serializable[], Serializable[]>> updates) {
        long eventIndex = rowEventIndex++;
        Entry entry = entry(tableId, included);
        if (entry == null) {
            return;
        }
        int count = inserts != null ? inserts.size() : updates.size();
        for (int row = 0; row < count; row++) {
            Object[] after = inserts != null ? inserts.get(row) : updates.get(row).getValue();
            entry.watchHeartbeat(after, heartbeatWatch);
            if (inserts != null && entry.signalColumns() != null) {
                int[] columns = entry.signalColumns();
                snapshotter.signalRow(text(after[columns[0]]), text(after[columns[1]]), text(after[columns[2]]));
            }
            if (entry.codec() == null || alreadyDelivered(eventIndex, row)) {
                continue;
            }
            point(at, entry.codec(), row);
            if (inserts != null) {
                byte[] key = writer.key(entry.codec(), after);
                snapshotter.streamed(entry.id(), key);
                emit(entry, Operation.CREATE, null, after, key, offset(eventIndex, row + 1));
            } else {
                update(entry, updates.get(row).getKey(), after, eventIndex, row);
            }
        }
    }

    private void deletes(EventHeaderV4 at, long tableId, BitSet included, List<Serializable[]> deleted) {
        long eventIndex = rowEventIndex++;
        Entry entry = entry(tableId, included);
        if (entry == null || entry.codec() == null) {
            return;
        }
        RowCodec codec = entry.codec();
        for (int row = 0; row < deleted.size(); row++) {
            if (alreadyDelivered(eventIndex, row)) {
                continue;
            }
            point(at, codec, row);
            Object[] before = deleted.get(row);
            byte[] key = writer.key(codec, before);
            snapshotter.streamed(entry.id(), key);
            delete(entry, before, key, offset(eventIndex, row), offset(eventIndex, row + 1));
        }
    }

    /**
     * An update that changes the primary key is, as in Debezium, a delete of the old key (with its
     * tombstone) and a create of the new one.
     */
    private void update(Entry entry, Object[] before, Object[] after, long eventIndex, int row) {
        RowCodec codec = entry.codec();
        byte[] oldKey = writer.key(codec, before);
        byte[] newKey = writer.key(codec, after);
        snapshotter.streamed(entry.id(), oldKey);
        snapshotter.streamed(entry.id(), newKey);
        SourceOffset done = offset(eventIndex, row + 1);
        if (oldKey == null || Arrays.equals(oldKey, newKey)) {
            emit(entry, Operation.UPDATE, before, after, newKey, done);
            return;
        }
        delete(entry, before, oldKey, offset(eventIndex, row), offset(eventIndex, row));
        emit(entry, Operation.CREATE, null, after, newKey, done);
    }

    /** The delete's own record must not move the offset past the row before its tombstone is delivered. */
    private void delete(Entry entry, Object[] before, byte[] key, SourceOffset beforeRow, SourceOffset afterRow) {
        if (tombstones && key != null) {
            emit(entry, Operation.DELETE, before, null, key, beforeRow);
            sender.send(entry.codec().topic(), key, null, afterRow, commitMicros / 1000);
        } else {
            emit(entry, Operation.DELETE, before, null, key, afterRow);
        }
    }

    private void emit(Entry entry, Operation op, Object[] before, Object[] after, byte[] key,
            SourceOffset offsetAfter) {
        RowCodec codec = entry.codec();
        byte[] value = writer.value(codec, op, before, after, source, Clock.nowMicros());
        sender.send(codec.topic(), key, value, offsetAfter, commitMicros / 1000);
        recordsInTransaction++;
        switch (op) {
            case CREATE -> entry.events().created();
            case UPDATE -> entry.events().updated();
            case DELETE -> entry.events().deleted();
            default -> entry.events().read();
        }
    }

    private void point(EventHeaderV4 at, RowCodec codec, int row) {
        TableSchema schema = codec.schema();
        source.event(schema.id().database(), schema.id().table(), at.getServerId(), file, at.getPosition());
        source.row(row);
    }

    private boolean alreadyDelivered(long eventIndex, int row) {
        if (!resuming) {
            return false;
        }
        return eventIndex < skipEvents || (eventIndex == skipEvents && row < skipRows);
    }

    private SourceOffset offset(long event, long row) {
        return new SourceOffset(file, transactionStart, gtidsBeforeTransaction, event, row, serverId,
                commitMicros / 1_000_000, null, snapshotter.stateJson());
    }

    /**
     * What to do with a table's rows, resolved once per table id: null when the table is neither
     * captured nor the heartbeat table.
     */
    private Entry entry(long tableId, BitSet included) {
        Object cached = codecs.get(tableId);
        if (cached == null) {
            cached = resolve(tableId);
            codecs.put(tableId, cached);
        }
        if (cached == SKIPPED_TABLE) {
            return null;
        }
        Entry entry = (Entry) cached;
        if (included.cardinality() != entry.columns()) {
            throw new IllegalStateException("a row event for " + entry.id() + " carries "
                    + included.cardinality() + " of its " + entry.columns()
                    + " columns: the server logs partial row images; set binlog_row_image=FULL");
        }
        return entry;
    }

    private Object resolve(long tableId) {
        TableMapEventData map = tableMaps.get(tableId);
        if (map == null) {
            throw new IllegalStateException("a row event refers to table id " + tableId
                    + " without a preceding table map event");
        }
        TableId id = new TableId(map.getDatabase(), map.getTable());
        boolean captured = schema.isCaptured(map.getDatabase(), map.getTable());
        boolean heartbeat = id.equals(heartbeatTable);
        boolean signal = snapshotter.isSignalTable(id);
        if (!captured && !heartbeat && !signal) {
            return SKIPPED_TABLE;
        }
        TableSchema table = schema.resolve(map);
        int heartbeatColumn = heartbeat ? table.find("last_update") : -1;
        int[] signalColumns = signal ? signalColumns(table) : null;
        if (!captured) {
            return new Entry(id, table.columns().size(), null, null, heartbeatColumn, signalColumns);
        }
        String topic = topicForTable.apply(table.id());
        ensureTopic.accept(topic);
        return new Entry(id, table.columns().size(), new RowCodec(table, topic, options), metrics.table(id),
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
    private record Entry(TableId id, int columns, RowCodec codec, PipelineMetrics.TableEvents events,
            int heartbeatColumn, int[] signalColumns) {

        void watchHeartbeat(Object[] row, HeartbeatWatch watch) {
            if (heartbeatColumn >= 0 && row[heartbeatColumn] instanceof Long micros
                    && micros != dev.sluice.source.RowDecoding.INVALID_TEMPORAL) {
                watch.seen(micros, System.currentTimeMillis());
            }
        }
    }

    /** Construction parameters (there are many, and most are collaborators). */
    static final class Builder {
        SchemaTracker schema;
        /** Where schema-change events go; null when they are not published. */
        String schemaChangeTopic;
        ConversionOptions options;
        Function<TableId, String> topicForTable;
        Consumer<String> ensureTopic;
        RecordSender sender;
        OffsetTracker tracker;
        ServerInfo server;
        String prefix;
        SourceOffset start;
        boolean tombstones;
        PipelineMetrics metrics;
        /** The layer-2 heartbeat table, whose rows are watched even when not captured; null for none. */
        TableId heartbeatTable;
        HeartbeatWatch heartbeatWatch;
        IncrementalSnapshotter snapshotter;

        StreamDispatcher build() {
            return new StreamDispatcher(this);
        }
    }
}
