package dev.sluice.pipeline;

import dev.sluice.config.Settings;
import dev.sluice.offset.CapturedTables;
import dev.sluice.offset.OffsetCommitter;
import dev.sluice.offset.SourceOffset;
import dev.sluice.schema.SchemaChangeException;
import dev.sluice.schema.SchemaHistoryException;
import dev.sluice.schema.SchemaMismatchException;
import dev.sluice.schema.TableId;
import dev.sluice.schema.UnparseableDdlException;
import dev.sluice.sink.KafkaSink;
import dev.sluice.sink.KafkaUnavailableException;
import io.quarkus.runtime.Quarkus;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the planned snapshot, then stream sessions, on a thread of its own: whenever one is
 * interrupted it retries with backoff from the last acknowledged position; a permanent failure
 * stops it. Each session's acknowledged position is committed when it ends.
 */
final class Supervisor {

    private static final Logger LOG = Logger.getLogger(Supervisor.class);
    /** Short enough that a source or broker back after an outage is streamed from again within seconds. */
    private static final long MAX_BACKOFF_MILLIS = 2_000;

    private final Settings settings;
    private final StartupState started;
    private final Observers observers;
    private final SnapshotStats snapshotStats;
    private final OffsetCommitter committer;
    private final CapturedTables capturedTables;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final Thread thread = new Thread(this::supervise, "sluice-pipeline");
    private volatile PipelineState state = PipelineState.STARTING;
    private volatile String lastError;
    /** The failure last logged as a warning: the same one again, retry after retry, is logged at debug level. */
    private String reportedError;
    private volatile boolean stopping;
    private volatile long streamingSinceMillis;
    /** The delivery running now (null between them), and the same when it is a stream session. */
    private volatile Delivery delivery;
    private volatile StreamSession session;
    private SnapshotPlan snapshot;
    /** With exactly-once delivery, the pipeline's one transactional producer (see KafkaSink). */
    private KafkaSink transactional;
    private SourceOffset resumeFrom;

    Supervisor(Settings settings, StartupState started, Observers observers, SnapshotStats snapshotStats) {
        this.settings = settings;
        this.started = started;
        this.observers = observers;
        this.snapshotStats = snapshotStats;
        this.snapshot = started.snapshot();
        this.resumeFrom = started.resumeFrom();
        this.capturedTables = new CapturedTables(started.offsets(),
                started.capturedTables().stream().map(TableId::toString).toList(), started.recordCapturedTables());
        this.committer = new OffsetCommitter(started.offsets(), started.committed(), this::committed,
                () -> observers.metrics().error("offset"));
    }

    /** Starts the thread, and the offset commits beside it. */
    void start() {
        thread.start();
        committer.flushEvery(settings.offsetFlushInterval(), this::delivery);
    }

    OffsetCommitter committer() {
        return committer;
    }

    /** After a commit: history before the offset is no longer needed, and tables created while streaming are listed. */
    private void committed(OffsetCommitter.Source from, SourceOffset offset) {
        started.schema().forgetBefore(offset.file(), offset.pos());
        if (from instanceof StreamSession) {
            List<String> capturedNow = started.schema().tables().keySet().stream()
                    .filter(id -> started.schema().isCaptured(id.database(), id.table())).map(TableId::toString)
                    .toList();
            if (capturedTables.wouldAdd(capturedNow)) {
                outsideTransactions(from.sink(), sink -> capturedTables.addCreated(capturedNow, sink));
            }
        }
    }

    private void supervise() {
        long backoff = 1_000;
        while (!stopping) {
            long began = System.currentTimeMillis();
            try {
                if (snapshot != null) {
                    runSnapshot();
                    continue;
                }
                if (!capturedTables.written()) {
                    try (KafkaSink sink = new KafkaSink(started.clients())) {
                        capturedTables.writeIfNeeded(sink);
                    }
                }
                stream();
            } catch (SnapshotRun.Stopped e) {
                // stop() asked for it; the offset holds the snapshot's place
            } catch (SchemaMismatchException | SchemaChangeException | UnparseableDdlException
                    | SchemaHistoryException e) {
                fail("schema", e.getMessage());
            } catch (IllegalStateException e) {
                fail("fatal", e.getMessage());
            } catch (Exception e) {
                observers.metrics().error(e instanceof KafkaUnavailableException ? "kafka" : "mysql");
                lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            if (stopping || state == PipelineState.FAILED) {
                break;
            }
            backoff = System.currentTimeMillis() - began > 60_000 ? 1_000 : backoff;
            state = PipelineState.RECONNECTING;
            observers.metrics().reconnect();
            if (!lastError.equals(reportedError)) {
                LOG.warnf("%s interrupted: %s; retrying every %ds from %s (further failures like this one are logged"
                        + " at debug level)", snapshot != null ? "Snapshot" : "Stream", lastError,
                        MAX_BACKOFF_MILLIS / 1000, resumeFrom);
                reportedError = lastError;
            } else {
                LOG.debugf("Retrying in %ds: %s", backoff / 1000, lastError);
            }
            if (!pause(backoff)) {
                break;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
        if (transactional != null) {
            transactional.close();
        }
        if (state != PipelineState.FAILED) {
            state = PipelineState.STOPPED;
        }
    }

    /**
     * With exactly-once delivery: the pipeline's producer, made once, ready for a delivery that
     * reads again from the committed offset; null otherwise.
     *
     * @throws IllegalStateException when a newer instance of this name fenced it
     */
    private KafkaSink transactionalSink() {
        if (!settings.exactlyOnce()) {
            return null;
        }
        if (transactional == null) {
            transactional = new KafkaSink(started.clients(), observers.delivery(), started.clients().transactionalId());
        }
        if (transactional.isFenced()) {
            throw transactional.fencedFailure();
        }
        transactional.resumeAfterAbort();
        return transactional;
    }

    /**
     * Runs the planned snapshot. On success streaming continues from the snapshot's position (or,
     * for initial_only, Sluice stops); on failure the next attempt resumes with the tables not
     * yet delivered and after the last key delivered.
     */
    private void runSnapshot() throws SQLException {
        SnapshotRun run = new SnapshotRun(settings, started, snapshot, snapshotStats, this::commitCurrent, observers,
                transactionalSink());
        if (!begin(run)) {
            return;
        }
        boolean unfinished;
        try {
            started.admin().forgetKnownTopics();
            committer.commitStart(run, resumeFrom);
            state = PipelineState.SNAPSHOT;
            run.run();
            resumeFrom = snapshot.streamFrom();
        } finally {
            committer.commit(run);
            SourceOffset reached = reached(run);
            if (reached.isSnapshotInProgress()) {
                snapshot = new SnapshotPlan(snapshot.tables(), reached.snapshotDone(), null, snapshot.streamFrom(),
                        snapshot.stopAfter(), reached.snapshotAt());
                resumeFrom = reached;
            }
            unfinished = reached.isSnapshotInProgress();
            if (!unfinished) {
                outsideTransactions(run.sink(), capturedTables::writeIfNeeded);
            }
            end(run);
        }
        if (unfinished) {
            return; // the last commit failed (exactly once): the rest is read again
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
        StreamSession current = new StreamSession(settings, started, resumeFrom, observers, transactionalSink());
        if (!begin(current)) {
            return;
        }
        try {
            started.admin().forgetKnownTopics();
            committer.commitStart(current, resumeFrom);
            streamingSinceMillis = System.currentTimeMillis();
            state = PipelineState.STREAMING;
            current.run();
        } finally {
            if (current.everConnected()) {
                reportedError = null; // it recovered: a new failure is news
            }
            committer.commit(current);
            resumeFrom = reached(current);
            end(current);
        }
    }

    /**
     * Captured-table records follow a commit; in a Kafka transaction they would wait for the next
     * one, which a closing delivery never makes. So with exactly-once delivery they go through a
     * plain producer of their own.
     */
    private void outsideTransactions(KafkaSink sink, java.util.function.Consumer<KafkaSink> write) {
        if (!sink.isTransactional()) {
            write.accept(sink);
            return;
        }
        try (KafkaSink plain = new KafkaSink(started.clients())) {
            write.accept(plain);
        }
    }

    /**
     * Where the next delivery starts: after what Kafka acknowledged, or with exactly-once delivery
     * after what committed (an aborted transaction's records are gone and must be read again).
     */
    private SourceOffset reached(Delivery finished) {
        return settings.exactlyOnce() ? committer.committed() : finished.acknowledged();
    }

    /** Makes {@code next} the current delivery, unless a stop came first (then it is closed unused). */
    private synchronized boolean begin(Delivery next) {
        if (stopping) {
            next.close();
            return false;
        }
        delivery = next;
        session = next instanceof StreamSession stream ? stream : null;
        return true;
    }

    /** A closed delivery's producer is gone: scheduled commits wait for the next one's. */
    private synchronized void end(Delivery finished) {
        delivery = null;
        session = null;
        finished.close();
    }

    private void commitCurrent() {
        Delivery current = delivery;
        if (current != null) {
            committer.commit(current);
        }
    }

    private void fail(String kind, String message) {
        observers.metrics().error(kind);
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

    /** Asks the running snapshot or session to stop, and waits until its records are acknowledged and committed. */
    void stop(long waitMillis) {
        stopping = true;
        stopSignal.countDown();
        synchronized (this) {
            if (delivery instanceof SnapshotRun run) {
                run.stop();
            }
            if (session != null) {
                session.stop();
            }
        }
        try {
            thread.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean stopping() {
        return stopping;
    }

    /** The delivery whose position a commit or heartbeat uses now; null between them. */
    Delivery delivery() {
        return delivery;
    }

    /** The stream session running now; null during a snapshot and between sessions. */
    StreamSession session() {
        return session;
    }

    PipelineState state() {
        return state;
    }

    String lastError() {
        return lastError;
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    long streamingSinceMillis() {
        return streamingSinceMillis;
    }
}
