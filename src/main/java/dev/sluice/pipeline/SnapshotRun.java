package dev.sluice.pipeline;

import dev.sluice.config.Settings;
import dev.sluice.event.ChangeEventWriter;
import dev.sluice.event.Operation;
import dev.sluice.event.RecordTopic;
import dev.sluice.event.RowCodec;
import dev.sluice.event.SourceInfo;
import dev.sluice.offset.OffsetTracker;
import dev.sluice.offset.SourceOffset;
import dev.sluice.schema.SchemaModel.TableChange;
import dev.sluice.schema.TableId;
import dev.sluice.schema.TableSchema;
import dev.sluice.sink.KafkaSink;
import dev.sluice.sink.KafkaFailures;
import dev.sluice.sink.TopicNames;
import dev.sluice.snapshot.ConsistentSnapshot;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Delivers the rows of the planned tables as {@code op: "r"} events from one consistent
 * snapshot, table by table, and records after each table that it is done, so an interrupted
 * snapshot resumes with the tables it had not finished.
 */
final class SnapshotRun implements Delivery {

    private static final Logger LOG = Logger.getLogger(SnapshotRun.class);
    private static final long PROGRESS_EVERY_MILLIS = 10_000;

    private final Settings settings;
    private final StartupState started;
    private final SnapshotPlan plan;
    private final SnapshotStats stats;
    private final KafkaSink sink;
    /** An at-least-once producer is the delivery's own; the exactly-once one is the pipeline's. */
    private final boolean ownsSink;
    private final OffsetTracker tracker;
    private final ChangeEventWriter writer;
    private final TopicNames topics;
    private final Runnable commit;
    private volatile RuntimeException sendFailure;

    /** @param commit writes the acknowledged position to the offsets topic (called after each table) */
    private final PipelineMetrics metrics;

    /** @param transactional the pipeline's exactly-once producer; null for a producer of its own */
    SnapshotRun(Settings settings, StartupState started, SnapshotPlan plan, SnapshotStats stats, Runnable commit,
            Observers observers, KafkaSink transactional) {
        this.commit = commit;
        this.metrics = observers.metrics();
        this.settings = settings;
        this.started = started;
        this.plan = plan;
        this.stats = stats;
        this.ownsSink = transactional == null;
        this.sink = ownsSink ? new KafkaSink(started.clients(), observers.delivery()) : transactional;
        // a run interrupted again before its first record keeps the place the last one reached
        this.tracker = new OffsetTracker(plan.streamFrom().withSnapshotDone(plan.done()).withSnapshotAt(plan.resumeAt()));
        this.topics = new TopicNames(settings.topicPrefix(), settings.topicRouting());
        this.writer = new ChangeEventWriter(settings.conversion().schemasEnabled(),
                started.server().flavor().connectorName());
    }

    /** The snapshot stopped on request (a SIGTERM) once every record it sent was acknowledged. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("the snapshot was stopped", null, false, false);
        }
    }

    private volatile boolean stopRequested;

    /** Asks the snapshot to stop after the row it is sending; {@link #run} then throws {@link Stopped}. */
    void stop() {
        stopRequested = true;
    }

    /**
     * Runs the snapshot; returns once every record is acknowledged.
     *
     * @throws Stopped when {@link #stop} was called, after the records sent so far are acknowledged
     */
    void run() throws SQLException {
        List<TableId> remaining = plan.remaining();
        List<String> done = new ArrayList<>(plan.done());
        ConsistentSnapshot snapshot = plan.opened() != null ? plan.opened()
                : ConsistentSnapshot.open(started.jdbc(), started.server());
        try (snapshot) {
            LOG.infof("Snapshot of %d table(s) at %s, consistent by %s%s", remaining.size(), snapshot.position(),
                    snapshot.method().description(), snapshot.lockMillis() > 0
                            ? "; writers were blocked for " + snapshot.lockMillis() + " ms" : "");
            stats.started(remaining.size(), snapshot.lockMillis());
            announceDefinitions(snapshot, remaining, List.copyOf(done));
            Marker marker = new Marker();
            for (int t = 0; t < remaining.size(); t++) {
                TableId id = remaining.get(t);
                TableSchema table = started.schema().tables().get(id);
                if (table == null) {
                    throw new IllegalStateException("no definition of " + id + " to snapshot it with");
                }
                TableProgress progress;
                try {
                    progress = snapshotTable(snapshot, table, marker, t == remaining.size() - 1, List.copyOf(done));
                } catch (Stopped stopped) {
                    sink.flush();
                    checkDelivery();
                    LOG.infof("Snapshot of %s stopped; a restart continues %s", id, table.primaryKey().isEmpty()
                            ? "with this table from its start" : "after the last key delivered");
                    throw stopped;
                }
                // Every row of the table acknowledged, then the table recorded as done: a crash
                // from here on resumes with the next table.
                sink.flush();
                checkDelivery();
                done.add(id.toString());
                tracker.reached(plan.streamFrom().withSnapshotDone(done));
                commit.run();
                progress.finished();
            }
        }
        sink.flush();
        checkDelivery();
        tracker.reached(plan.streamFrom());
        stats.finished();
        LOG.infof("Snapshot complete: %d rows in %d table(s)", stats.rowsDone(), remaining.size());
    }

    /**
     * The schema-change events Debezium's snapshot sends before any row, so that a consumer of the
     * schema-change topic learns every table's columns first: the server's character set; a DROP
     * TABLE IF EXISTS per table; per database DROP DATABASE IF EXISTS, CREATE DATABASE and USE;
     * then each table's SHOW CREATE TABLE with the definition rows are written with.
     */
    private void announceDefinitions(ConsistentSnapshot snapshot, List<TableId> tables, List<String> doneBefore)
            throws SQLException {
        if (!settings.includeSchemaChanges() || tables.isEmpty()) {
            return;
        }
        String topic = topics.schemaChangeTopic();
        started.admin().ensureTopic(topic, settings.topicPartitions(), settings.topicReplicationFactor(), Map.of());
        SchemaAnnouncer announce = new SchemaAnnouncer(topic, snapshot, plan.streamFrom().withSnapshotDone(doneBefore));
        List<TableId> sorted = tables.stream().sorted(java.util.Comparator.comparing(TableId::database)
                .thenComparing(TableId::table)).toList();
        announce.send("", null, snapshot.serverCharsetStatement(), List.of());
        for (TableId id : sorted) {
            announce.send(id.database(), id.table(), "DROP TABLE IF EXISTS " + id.quoted(),
                    List.of(new TableChange(TableChange.Type.DROP, id, null)));
        }
        for (String database : sorted.stream().map(TableId::database).distinct().toList()) {
            announce.send(database, null, "DROP DATABASE IF EXISTS " + TableId.quote(database), List.of());
            announce.send(database, null, snapshot.createDatabaseStatement(database), List.of());
            announce.send(database, null, "USE " + TableId.quote(database), List.of());
            for (TableId id : sorted) {
                TableSchema table = started.schema().tables().get(id);
                String ddl = id.database().equals(database) ? snapshot.createStatement(id) : null;
                if (table != null && ddl != null) {
                    announce.send(database, id.table(), ddl, List.of(new TableChange(TableChange.Type.CREATE, id, table)));
                }
            }
        }
    }

    /** Sends the snapshot's schema-change events, all at the snapshot's position. */
    private final class SchemaAnnouncer {
        private final String topic;
        private final ConsistentSnapshot snapshot;
        private final SourceOffset during;
        private final SourceInfo source = new SourceInfo(started.server().flavor().connectorName(),
                settings.topicPrefix());

        SchemaAnnouncer(String topic, ConsistentSnapshot snapshot, SourceOffset during) {
            this.topic = topic;
            this.snapshot = snapshot;
            this.during = during;
        }

        void send(String database, String table, String ddl, List<TableChange> changes) {
            long now = Clock.nowMicros();
            source.transaction(null, -1, now);
            source.event(database, table, 0, snapshot.position().file(), snapshot.position().position());
            source.row(0);
            source.snapshot("true");
            SnapshotRun.this.send(topic, writer.schemaChangeKey(database), writer.schemaChangeValue(source, database,
                    ddl, changes, now), during);
        }
    }

    /** @param doneBefore the tables completed before this one (the resume point while it runs) */
    private TableProgress snapshotTable(ConsistentSnapshot snapshot, TableSchema table, Marker marker,
            boolean lastTable, List<String> doneBefore) throws SQLException {
        RecordTopic topic = topics.recordTopic(table.id().database(), table.id().table());
        started.admin().ensureTopic(topic.name(), settings.topicPartitions(), settings.topicReplicationFactor(),
                Map.of());
        RowCodec codec = new RowCodec(table, topic, settings.conversion());
        PipelineMetrics.TableEvents events = metrics.table(table.id());
        SourceInfo source = new SourceInfo(started.server().flavor().connectorName(), settings.topicPrefix());
        long estimate = snapshot.estimatedRows(table);
        LOG.infof("Snapshot of %s: starting (about %d rows)", table.id(), Math.max(estimate, 0));
        TableProgress progress = new TableProgress(table.id(), estimate);
        SourceOffset during = plan.streamFrom().withSnapshotDone(doneBefore);
        List<Object> after = plan.resumeAfter(table.id());
        if (after != null) {
            LOG.infof("Snapshot of %s: continuing after key %s, the last one delivered before the interruption",
                    table.id(), after);
        }
        String name = table.id().toString();
        Object[][] pending = new Object[1][];
        SourceOffset[] pendingOffset = new SourceOffset[1];
        snapshot.read(table, after, (row, key) -> {
            if (stopRequested) {
                throw new Stopped();
            }
            if (pending[0] != null) {
                emit(codec, source, snapshot, pending[0], marker.next(false, false), pendingOffset[0]);
                events.read();
            }
            pending[0] = row;
            // with a key, the record's acknowledgement lets a restart go on after this row
            pendingOffset[0] = key == null ? during : during.withSnapshotAt(new SourceOffset.SnapshotAt(name, key));
            progress.row();
            stats.row();
            checkDelivery();
        });
        if (pending[0] != null) {
            emit(codec, source, snapshot, pending[0], marker.next(true, lastTable), pendingOffset[0]);
            events.read();
        }
        marker.tableDone();
        return progress;
    }

    private void emit(RowCodec codec, SourceInfo source, ConsistentSnapshot snapshot, Object[] row, String marker,
            SourceOffset offsetAfter) {
        long now = Clock.nowMicros();
        source.transaction(null, -1, now);
        source.event(codec.schema().id().database(), codec.schema().id().table(), 0, snapshot.position().file(),
                snapshot.position().position());
        source.row(0);
        source.snapshot(marker);
        send(codec.topic(), writer.key(codec, row), writer.value(codec, Operation.READ, null, row, source, now),
                offsetAfter);
    }

    /** Sends a record whose acknowledgement lets the offset reach {@code offsetAfter}. */
    private void send(String topic, byte[] key, byte[] value, SourceOffset offsetAfter) {
        OffsetTracker.Pending entry = tracker.register(offsetAfter);
        sink.send(topic, key, value, (metadata, error) -> {
            if (error == null) {
                tracker.acknowledge(entry);
            } else if (sendFailure == null) {
                sendFailure = KafkaFailures.ofRecord("a snapshot record", topic, StreamSession.size(key, value), error);
            }
        });
    }

    private void checkDelivery() {
        if (sendFailure != null) {
            throw sendFailure;
        }
    }

    @Override
    public SourceOffset acknowledged() {
        return tracker.acknowledged();
    }

    @Override
    public KafkaSink sink() {
        return sink;
    }

    @Override
    public void close() {
        if (ownsSink) {
            sink.close();
        }
    }

    /** Debezium's {@code source.snapshot} values: first, first/last in each table, last, true. */
    private static final class Marker {
        private boolean firstOverall = true;
        private boolean firstInTable = true;

        String next(boolean lastInTable, boolean lastTable) {
            String marker;
            if (lastInTable && lastTable) {
                marker = "last";
            } else if (firstOverall) {
                marker = "first";
            } else if (firstInTable) {
                marker = "first_in_data_collection";
            } else if (lastInTable) {
                marker = "last_in_data_collection";
            } else {
                marker = "true";
            }
            firstOverall = false;
            firstInTable = false;
            return marker;
        }

        void tableDone() {
            firstInTable = true;
        }
    }

    /** Progress lines for one table: start, every ten seconds, end. */
    private static final class TableProgress {
        private final TableId id;
        private final long estimate;
        private final long start = System.nanoTime();
        private long rows;
        private long lastReport = System.nanoTime();

        TableProgress(TableId id, long estimate) {
            this.id = id;
            this.estimate = estimate;
        }

        void row() {
            rows++;
            if ((rows & 1023) == 0 && System.nanoTime() - lastReport > PROGRESS_EVERY_MILLIS * 1_000_000) {
                lastReport = System.nanoTime();
                double seconds = (lastReport - start) / 1e9;
                long rate = (long) (rows / Math.max(seconds, 0.001));
                String eta = estimate > rows && rate > 0 ? ", about " + (estimate - rows) / rate + "s left" : "";
                LOG.infof("Snapshot of %s: %d of about %d rows, %d rows/s%s", id, rows, Math.max(estimate, rows),
                        rate, eta);
            }
        }

        void finished() {
            double seconds = (System.nanoTime() - start) / 1e9;
            LOG.infof("Snapshot of %s: done, %d rows in %.1fs (%d rows/s)", id, rows, seconds,
                    (long) (rows / Math.max(seconds, 0.001)));
        }
    }
}
