package dev.sluice.pipeline;

import dev.sluice.config.Settings;
import dev.sluice.offset.SourceOffset;
import dev.sluice.schema.SchemaHistoryException;
import dev.sluice.schema.SchemaChangeException;
import dev.sluice.schema.SchemaMismatchException;
import dev.sluice.schema.UnparseableDdlException;
import dev.sluice.sink.KafkaSink;
import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
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

    private final StreamStats stats = new StreamStats();
    private final SnapshotStats snapshotStats = new SnapshotStats();
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

    /**
     * Connects, reads the offset and the table definitions, and starts streaming.
     *
     * @throws RuntimeException with an operator-readable message when start-up cannot continue
     */
    public void start(Settings settings) throws SQLException {
        this.settings = settings;
        state = PipelineState.STARTING;
        started = new Startup(settings).run();
        resumeFrom = started.resumeFrom();
        committed = started.committed();
        snapshot = started.snapshot();
        thread = new Thread(this::supervise, "sluice-pipeline");
        thread.start();
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
            } catch (SchemaMismatchException | SchemaChangeException | UnparseableDdlException
                    | SchemaHistoryException | IllegalStateException e) {
                fail(e.getMessage());
            } catch (Exception e) {
                lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            if (stopping || state == PipelineState.FAILED) {
                break;
            }
            backoff = System.currentTimeMillis() - began > 60_000 ? 1_000 : backoff;
            state = PipelineState.RECONNECTING;
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
        SnapshotRun run = new SnapshotRun(settings, started, snapshot, snapshotStats, this::flushOffsets);
        synchronized (sessionLock) {
            delivery = run;
        }
        try {
            persistStartPosition(run);
            state = PipelineState.SNAPSHOT;
            run.run();
            resumeFrom = snapshot.streamFrom();
        } finally {
            SourceOffset reached = run.acknowledged();
            if (reached.isSnapshotInProgress()) {
                snapshot = new SnapshotPlan(snapshot.tables(), reached.snapshotDone(), null, snapshot.streamFrom(),
                        snapshot.stopAfter());
                resumeFrom = reached;
            }
            commit(run);
            if (!reached.isSnapshotInProgress()) {
                recordCapturedTables(run.sink());
            }
            run.close();
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
        StreamSession current = new StreamSession(settings, started, resumeFrom, stats);
        synchronized (sessionLock) {
            session = current;
            delivery = current;
        }
        try {
            persistStartPosition(current);
            state = PipelineState.STREAMING;
            current.run();
        } finally {
            resumeFrom = current.acknowledged();
            commit(current);
            current.close();
        }
    }

    private boolean capturedTablesRecorded;

    /** Records which tables are captured, so tables added later get a snapshot of their own. */
    private void recordCapturedTables() {
        if (!capturedTablesRecorded && started.recordCapturedTables()) {
            try (KafkaSink sink = new KafkaSink(started.clients())) {
                recordCapturedTables(sink);
            }
        }
    }

    private void recordCapturedTables(KafkaSink sink) {
        if (!capturedTablesRecorded) {
            started.offsets().saveCapturedTables(sink,
                    started.capturedTables().stream().map(Object::toString).toList(), KAFKA_TIMEOUT);
            capturedTablesRecorded = true;
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
    public void flushOffsets() {
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
            } catch (RuntimeException e) {
                LOG.warnf("Could not commit the offset %s: %s (retrying at the next flush)", acknowledged,
                        e.getMessage());
            }
        }
    }

    /** Stops streaming, waits for every sent record, and commits the final offset. */
    public void stop() {
        if (!stopRequested.compareAndSet(false, true)) {
            return;
        }
        stopping = true;
        stopSignal.countDown();
        StreamSession current;
        synchronized (sessionLock) {
            current = session;
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
        if (started != null) {
            started.close();
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

    public long lastEventMillis() {
        StreamSession current = session;
        return current == null ? 0 : current.lastEventMillis();
    }

    public StreamStats stats() {
        return stats;
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
