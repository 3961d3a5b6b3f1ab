package dev.sluice.pipeline;

import dev.sluice.config.Settings;
import dev.sluice.offset.SourceOffset;
import dev.sluice.schema.SchemaHistoryException;
import dev.sluice.schema.SchemaChangeException;
import dev.sluice.schema.SchemaMismatchException;
import dev.sluice.schema.UnparseableDdlException;
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
    private final Object sessionLock = new Object();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final CountDownLatch stopSignal = new CountDownLatch(1);

    private Settings settings;
    private StartupState started;
    private volatile PipelineState state = PipelineState.NEW;
    private volatile String lastError;
    private volatile boolean stopping;
    private volatile StreamSession session;
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
        thread = new Thread(this::supervise, "sluice-pipeline");
        thread.start();
    }

    private void supervise() {
        long backoff = 1_000;
        while (!stopping) {
            long began = System.currentTimeMillis();
            StreamSession current = new StreamSession(settings, started, resumeFrom, stats);
            synchronized (sessionLock) {
                session = current;
            }
            try {
                persistStartPosition(current);
                state = PipelineState.STREAMING;
                current.run();
            } catch (SchemaMismatchException | SchemaChangeException | UnparseableDdlException
                    | SchemaHistoryException | IllegalStateException e) {
                fail(e.getMessage());
            } catch (Exception e) {
                lastError = e.getMessage();
            } finally {
                resumeFrom = current.acknowledged();
                commit(current);
                current.close();
            }
            if (stopping || state == PipelineState.FAILED) {
                break;
            }
            backoff = System.currentTimeMillis() - began > 60_000 ? 1_000 : backoff;
            state = PipelineState.RECONNECTING;
            LOG.warnf("Stream interrupted: %s; reconnecting in %ds from %s", lastError, backoff / 1000, resumeFrom);
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
     * A first start records where it begins before reading anything: a crash before the first
     * regular commit must resume there, not at whatever the server's position is by then.
     */
    private void persistStartPosition(StreamSession current) {
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
        StreamSession current;
        synchronized (sessionLock) {
            current = session;
        }
        if (current != null) {
            commit(current);
        }
    }

    private void commit(StreamSession from) {
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

    public SourceOffset committedOffset() {
        synchronized (this) {
            return committed;
        }
    }
}
