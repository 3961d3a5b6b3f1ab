package dev.sluice.pipeline;

import dev.sluice.config.Settings;
import dev.sluice.offset.SourceOffset;
import dev.sluice.schema.SchemaHistoryException;
import dev.sluice.schema.SchemaChangeException;
import dev.sluice.schema.SchemaMismatchException;
import dev.sluice.schema.UnparseableDdlException;
import dev.sluice.heartbeat.HeartbeatMessage;
import dev.sluice.heartbeat.HeartbeatTableWriter;
import dev.sluice.heartbeat.HeartbeatWatch;
import dev.sluice.sink.DeliveryStats;
import dev.sluice.sink.KafkaSink;
import dev.sluice.sink.KafkaUnavailableException;
import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sluice's one pipeline: after {@link Startup} it runs stream sessions on its own thread,
 * reconnecting with backoff from the last acknowledged position whenever a session is
 * interrupted, and commits acknowledged positions to the offsets topic.
 */
@ApplicationScoped
public class Pipeline {

    private static final Logger LOG = Logger.getLogger(Pipeline.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final SnapshotStats snapshotStats = new SnapshotStats();
    private final DeliveryStats deliveryStats = new DeliveryStats();
    private final HeartbeatWatch heartbeatWatch = new HeartbeatWatch();
    private final java.util.Queue<dev.sluice.snapshot.Signal> signals = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private dev.sluice.snapshot.KafkaSignalChannel signalChannel;

    @Inject
    PipelineMetrics metrics;

    private Observers observers;
    private HeartbeatMessage heartbeatMessage;
    private HeartbeatTableWriter heartbeatWriter;
    private volatile long binlogBytesBehind = -1;
    private volatile long lastCommitMillis;
    /** Since when every offset commit has failed (0 while they succeed), and the last failure's reason. */
    private volatile long commitFailingSinceMillis;
    private volatile String commitError;
    private volatile long streamingSinceMillis;
    private final Object sessionLock = new Object();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final CountDownLatch stopSignal = new CountDownLatch(1);

    private Settings settings;
    private StartupState started;
    private volatile PipelineState state = PipelineState.NEW;
    private volatile String lastError;
    private volatile boolean stopping;
    private volatile StreamSession session;
    private volatile Delivery delivery;
    private SnapshotPlan snapshot;
    private SourceOffset committed;
    private SourceOffset resumeFrom;
    private Thread thread;
    private java.util.concurrent.ScheduledExecutorService offsetFlusher;
    private volatile Startup startup;

    /**
     * Begins what start-up can do before the preflight checks pass: reaching Kafka and reading the
     * stored offset, which takes as long as the checks and runs beside them. Only the first call
     * counts.
     */
    public synchronized void prepare(Settings settings) {
        if (startup == null) {
            startup = new Startup(settings);
            startup.beginKafka();
        }
    }

    /**
     * Connects, reads the offset and the table definitions, and starts streaming.
     *
     * @throws RuntimeException with an operator-readable message when start-up cannot continue
     */
    public void start(Settings settings) throws SQLException {
        this.settings = settings;
        state = PipelineState.STARTING;
        prepare(settings);
        started = startup.run();
        observers = new Observers(metrics, deliveryStats, heartbeatWatch, signals);
        if (settings.signalKafkaTopic() != null) {
            started.admin().ensureTopic(settings.signalKafkaTopic(), 1, settings.topicReplicationFactor(),
                    java.util.Map.of());
            signalChannel = new dev.sluice.snapshot.KafkaSignalChannel(started.clients(), settings.signalKafkaTopic(),
                    settings.name(), signals);
            signalChannel.start();
        }
        heartbeatMessage = new HeartbeatMessage(settings.topicPrefix(), settings.conversion().schemasEnabled());
        if (settings.heartbeat().hasTable() && !settings.readOnly()) {
            heartbeatWriter = new HeartbeatTableWriter(started.pool(), settings.heartbeat().tableDatabase(),
                    settings.heartbeat().tableName(), settings.name());
        }
        resumeFrom = started.resumeFrom();
        committed = started.committed();
        started.capturedTables().forEach(id -> recordedTables.add(id.toString()));
        capturedTablesRecorded = !started.recordCapturedTables();
        snapshot = started.snapshot();
        thread = new Thread(this::supervise, "sluice-pipeline");
        thread.start();
        // Not on quarkus-scheduler: it checks its triggers once a second, too rarely for the default 100 ms.
        offsetFlusher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
            Thread flusher = new Thread(task, "sluice-offset-flush");
            flusher.setDaemon(true);
            return flusher;
        });
        long every = settings.offsetFlushInterval().toMillis();
        offsetFlusher.scheduleWithFixedDelay(this::flushOffsetsOnSchedule, every, every, TimeUnit.MILLISECONDS);
    }

    /** A failure must not end the schedule: the executor would run it no more. */
    private void flushOffsetsOnSchedule() {
        try {
            flushOffsets();
        } catch (RuntimeException e) {
            LOG.debugf("offset flush failed: %s", e.getMessage());
        }
    }

    private void supervise() {
        long backoff = 1_000;
        while (!stopping) {
            long began = System.currentTimeMillis();
            try {
                if (snapshot != null) {
                    runSnapshot();
                    if (stopping) {
                        break;
                    }
                    continue;
                }
                recordCapturedTables();
                stream();
            } catch (SnapshotRun.Stopped e) {
                // stop() asked for it; the offset holds the snapshot's place
            } catch (SchemaMismatchException | SchemaChangeException | UnparseableDdlException
                    | SchemaHistoryException e) {
                metrics.error("schema");
                fail(e.getMessage());
            } catch (IllegalStateException e) {
                metrics.error("fatal");
                fail(e.getMessage());
            } catch (Exception e) {
                metrics.error(e instanceof KafkaUnavailableException ? "kafka" : "mysql");
                lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            if (stopping || state == PipelineState.FAILED) {
                break;
            }
            backoff = System.currentTimeMillis() - began > 60_000 ? 1_000 : backoff;
            state = PipelineState.RECONNECTING;
            metrics.reconnect();
            LOG.warnf("%s interrupted: %s; retrying in %ds from %s", snapshot != null ? "Snapshot" : "Stream",
                    lastError, backoff / 1000, resumeFrom);
            if (!pause(backoff)) {
                break;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
        if (state != PipelineState.FAILED) {
            state = PipelineState.STOPPED;
        }
    }

    /**
     * Runs the planned snapshot. On success streaming continues from the snapshot's position (or,
     * for initial_only, Sluice stops); on failure the next attempt resumes with the tables not
     * yet delivered.
     */
    private void runSnapshot() throws SQLException {
        SnapshotRun run = new SnapshotRun(settings, started, snapshot, snapshotStats, this::flushOffsets, observers);
        synchronized (sessionLock) {
            delivery = run;
        }
        try {
            started.admin().forgetKnownTopics();
            persistStartPosition(run);
            state = PipelineState.SNAPSHOT;
            run.run();
            resumeFrom = snapshot.streamFrom();
        } finally {
            SourceOffset reached = run.acknowledged();
            if (reached.isSnapshotInProgress()) {
                snapshot = new SnapshotPlan(snapshot.tables(), reached.snapshotDone(), null, snapshot.streamFrom(),
                        snapshot.stopAfter(), reached.snapshotAt());
                resumeFrom = reached;
            }
            commit(run);
            if (!reached.isSnapshotInProgress()) {
                recordCapturedTables(run.sink());
            }
            closeDelivery(run);
        }
        boolean stopAfter = snapshot.stopAfter();
        snapshot = null;
        if (stopAfter) {
            LOG.info("SLUICE_SNAPSHOT_MODE=initial_only: the snapshot is delivered; stopping");
            stopping = true;
            Quarkus.asyncExit(0);
        }
    }

    private void stream() throws Exception {
        started.schema().rewindTo(resumeFrom.file(), resumeFrom.pos());
        StreamSession current = new StreamSession(settings, started, resumeFrom, observers);
        synchronized (sessionLock) {
            session = current;
            delivery = current;
        }
        try {
            started.admin().forgetKnownTopics();
            persistStartPosition(current);
            streamingSinceMillis = System.currentTimeMillis();
            state = PipelineState.STREAMING;
            current.run();
        } finally {
            resumeFrom = current.acknowledged();
            commit(current);
            closeDelivery(current);
        }
    }

    /** A closed delivery's producer is gone: scheduled commits wait for the next session's. */
    private void closeDelivery(Delivery finished) {
        synchronized (sessionLock) {
            if (delivery == finished) {
                delivery = null;
            }
            if (session == finished) {
                session = null;
            }
        }
        finished.close();
    }

    private volatile boolean capturedTablesRecorded;
    private volatile boolean heartbeatTopicReady;
    /** The captured tables the offsets topic lists (or will, once the first record is written). */
    private final java.util.Set<String> recordedTables = new java.util.TreeSet<>();

    /** Records which tables are captured, so tables added later get a snapshot of their own. */
    private void recordCapturedTables() {
        if (!capturedTablesRecorded) {
            try (KafkaSink sink = new KafkaSink(started.clients())) {
                recordCapturedTables(sink);
            }
        }
    }

    private synchronized void recordCapturedTables(KafkaSink sink) {
        if (!capturedTablesRecorded) {
            started.offsets().saveCapturedTables(sink, List.copyOf(recordedTables), KAFKA_TIMEOUT);
            capturedTablesRecorded = true;
        }
    }

    /**
     * A table created while streaming is captured from its CREATE on; listing it keeps the next
     * start from snapshotting it as a newly included table. Listing it before the offset passes
     * its CREATE is safe: a restart before that point does not know the table yet.
     */
    private void recordTablesCreatedWhileStreaming(Delivery from) {
        if (!(from instanceof StreamSession) || !capturedTablesRecorded) {
            return;
        }
        List<String> now = started.schema().tables().keySet().stream()
                .filter(id -> started.schema().isCaptured(id.database(), id.table())).map(Object::toString).toList();
        if (!recordedTables.containsAll(now)) {
            recordedTables.addAll(now);
            started.offsets().saveCapturedTables(from.sink(), List.copyOf(recordedTables), KAFKA_TIMEOUT);
        }
    }

    /**
     * A first start records where it begins before reading anything: a crash before the first
     * regular commit must resume there, not at whatever the server's position is by then.
     */
    private void persistStartPosition(Delivery current) {
        synchronized (this) {
            if (committed == null) {
                started.offsets().save(current.sink(), resumeFrom, KAFKA_TIMEOUT);
                committed = resumeFrom;
            }
        }
    }

    private void fail(String message) {
        lastError = message;
        state = PipelineState.FAILED;
        LOG.errorf("Stopped: %s", message);
    }

    private boolean pause(long millis) {
        try {
            return !stopSignal.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Writes the acknowledged position to the offsets topic when it moved. Called on a schedule. */
    private void flushOffsets() {
        Delivery current;
        synchronized (sessionLock) {
            current = delivery;
        }
        if (current != null) {
            commit(current);
        }
    }

    private void commit(Delivery from) {
        synchronized (this) {
            SourceOffset acknowledged = from.acknowledged();
            if (acknowledged == null || acknowledged.equals(committed)) {
                return;
            }
            try {
                started.offsets().save(from.sink(), acknowledged, KAFKA_TIMEOUT);
                committed = acknowledged;
                lastCommitMillis = System.currentTimeMillis();
                started.schema().forgetBefore(acknowledged.file(), acknowledged.pos());
                recordTablesCreatedWhileStreaming(from);
                if (commitFailingSinceMillis != 0) {
                    LOG.infof("Offset commits succeed again, after %ds of failures", (lastCommitMillis
                            - commitFailingSinceMillis) / 1000);
                    commitFailingSinceMillis = 0;
                }
            } catch (RuntimeException e) {
                metrics.error("offset");
                commitError = e.getMessage();
                if (commitFailingSinceMillis == 0) {
                    commitFailingSinceMillis = System.currentTimeMillis();
                    LOG.warnf("Could not commit the offset %s: %s (retrying at every flush; readiness fails if this"
                            + " lasts longer than SLUICE_HEALTH_MAX_SILENCE)", acknowledged, e.getMessage());
                }
            }
        }
    }

    /**
     * Layer 1: a heartbeat record on the heartbeat topic (through the current producer, so a
     * Kafka that stops acknowledging shows in health even on an idle database), then a commit of
     * the acknowledged position. Layer 2 (read-write): a touch of the source heartbeat table.
     */
    public void heartbeat() {
        Delivery current;
        synchronized (sessionLock) {
            current = delivery;
        }
        if (current == null || stopping) {
            return;
        }
        if (settings.heartbeat().enabled()) {
            try {
                if (!heartbeatTopicReady) {
                    // Once only: an admin call to a Kafka that is away blocks for a minute and sends nothing,
                    // while the record itself waits in the producer, where readiness sees it stall.
                    started.admin().ensureTopic(settings.heartbeat().topic(), 1, settings.topicReplicationFactor(),
                            java.util.Map.of());
                    heartbeatTopicReady = true;
                }
                current.sink().send(settings.heartbeat().topic(), heartbeatMessage.key(),
                        heartbeatMessage.value(System.currentTimeMillis()), (metadata, error) -> {
                            if (error != null) {
                                metrics.error("kafka");
                            }
                        });
            } catch (RuntimeException e) {
                metrics.error("kafka");
                LOG.debugf("heartbeat record: %s", e.getMessage());
            }
        }
        commit(current);
        if (heartbeatWriter != null) {
            try {
                heartbeatWriter.beat();
                metrics.heartbeatWrite(true);
            } catch (SQLException e) {
                metrics.heartbeatWrite(false);
                LOG.warnf("Could not update the heartbeat table %s.%s: %s", settings.heartbeat().tableDatabase(),
                        settings.heartbeat().tableName(), e.getMessage());
            }
        }
    }

    /** Polls the server's binlog end and computes how many binlog bytes the acknowledged position trails it. */
    public void pollBinlogDistance() {
        Delivery current;
        synchronized (sessionLock) {
            current = delivery;
        }
        if (current == null || stopping) {
            return;
        }
        try {
            binlogBytesBehind = BinlogDistance.bytesBehind(started.pool(), current.acknowledged());
        } catch (SQLException e) {
            LOG.debugf("binlog distance: %s", e.getMessage());
        }
    }

    /** Stops streaming, waits for every sent record, and commits the final offset. */
    public void stop() {
        if (!stopRequested.compareAndSet(false, true)) {
            return;
        }
        stopping = true;
        stopSignal.countDown();
        if (signalChannel != null) {
            signalChannel.close();
        }
        StreamSession current;
        synchronized (sessionLock) {
            current = session;
            if (delivery instanceof SnapshotRun run) {
                run.stop();
            }
        }
        if (current != null) {
            current.stop();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (offsetFlusher != null) {
            offsetFlusher.shutdownNow();
        }
        if (started != null) {
            started.close();
        } else if (startup != null) {
            startup.abandon();
        }
        SourceOffset last = committedOffset();
        if (last != null) {
            LOG.infof("Stopped at %s", last);
        }
    }

    public PipelineState state() {
        return state;
    }

    public String lastError() {
        return lastError;
    }

    public boolean isThreadAlive() {
        return thread != null && thread.isAlive();
    }

    public boolean isConnected() {
        StreamSession current = session;
        return current != null && current.isConnected();
    }

    /** 1 when the current binlog connection runs over TLS, 0 when not, -1 without one. */
    public int binlogTls() {
        StreamSession current = session;
        return current == null || !current.isConnected() ? -1 : current.isEncrypted() ? 1 : 0;
    }

    public long lastEventMillis() {
        StreamSession current = session;
        return current == null ? 0 : current.lastEventMillis();
    }

    /** Bytes of binlog between the acknowledged position and the server's end; -1 before the first poll. */
    public long binlogBytesBehind() {
        return binlogBytesBehind;
    }

    public DeliveryStats deliveryStats() {
        return deliveryStats;
    }

    public HeartbeatWatch heartbeatWatch() {
        return heartbeatWatch;
    }

    public Settings settings() {
        return settings;
    }

    /** When the current stream session began. */
    public long streamingSinceMillis() {
        return streamingSinceMillis;
    }

    public long lastCommitMillis() {
        return lastCommitMillis;
    }

    /** How long every offset commit has failed; 0 while they succeed. */
    public long commitFailingMillis() {
        long since = commitFailingSinceMillis;
        return since == 0 ? 0 : System.currentTimeMillis() - since;
    }

    /** Why the last offset commit failed. */
    public String commitError() {
        return commitError;
    }

    public int queuedEvents() {
        StreamSession current = session;
        return current == null ? 0 : current.queuedEvents();
    }

    public long queuedBytes() {
        StreamSession current = session;
        return current == null ? 0 : current.queuedBytes();
    }

    public SnapshotStats snapshotStats() {
        return snapshotStats;
    }

    public SourceOffset committedOffset() {
        synchronized (this) {
            return committed;
        }
    }
}
