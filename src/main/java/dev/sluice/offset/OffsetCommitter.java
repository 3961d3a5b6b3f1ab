package dev.sluice.offset;

import dev.sluice.sink.KafkaSink;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Writes the acknowledged position to the offsets topic whenever it moved: on a schedule of its
 * own, at heartbeats, and when a snapshot or stream session ends. Remembers what it committed, and
 * since when commits fail, for readiness.
 */
public final class OffsetCommitter implements AutoCloseable {

    /** What a commit reads: how far Kafka has acknowledged, and the producer to write the offset with. */
    public interface Source {
        SourceOffset acknowledged();

        KafkaSink sink();
    }

    /** Told after each commit that succeeded, on the committing thread. */
    @FunctionalInterface
    public interface Listener {
        void committed(Source from, SourceOffset offset);
    }

    private static final Logger LOG = Logger.getLogger(OffsetCommitter.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    private final OffsetStore store;
    private final Listener listener;
    private final Runnable onFailure;
    private SourceOffset committed;
    private volatile long lastCommitMillis;
    /** Since when every commit has failed (0 while they succeed), and the last failure's reason. */
    private volatile long failingSinceMillis;
    private volatile String failure;
    private ScheduledExecutorService flusher;

    /**
     * @param committed the offset stored at start-up, null on a first start
     * @param onFailure counts a failed commit
     */
    public OffsetCommitter(OffsetStore store, SourceOffset committed, Listener listener, Runnable onFailure) {
        this.store = store;
        this.committed = committed;
        this.listener = listener;
        this.onFailure = onFailure;
    }

    /**
     * Commits what {@code current} returns (nothing while it returns null) every {@code interval}, on
     * a thread of its own: quarkus-scheduler checks its triggers once a second, too rarely for 100 ms.
     */
    public synchronized void flushEvery(Duration interval, Supplier<Source> current) {
        flusher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sluice-offset-flush");
            thread.setDaemon(true);
            return thread;
        });
        long every = interval.toMillis();
        flusher.scheduleWithFixedDelay(() -> {
            try {
                Source from = current.get();
                if (from != null) {
                    commit(from);
                }
            } catch (RuntimeException e) {
                // a failure must not end the schedule: the executor would run it no more
                LOG.debugf("offset flush failed: %s", e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * A first start records where it begins before reading anything: a crash before the first
     * regular commit must resume there, not at whatever the server's position is by then.
     */
    public synchronized void commitStart(Source from, SourceOffset start) {
        if (committed == null) {
            if (from.sink().isTransactional()) {
                from.sink().commitTransaction(() -> {
                    store.save(from.sink(), start, KAFKA_TIMEOUT);
                    return start;
                });
            } else {
                store.save(from.sink(), start, KAFKA_TIMEOUT);
            }
            committed = start;
        }
    }

    /**
     * Commits the acknowledged position if it moved; a failure is counted, logged once, and retried at the next call.
     * With exactly-once delivery the records sent since the last commit and the offset after them
     * commit as one Kafka transaction; a failure aborts it, and the delivery then fails and is
     * read again from the committed offset.
     */
    public synchronized void commit(Source from) {
        KafkaSink sink = from.sink();
        if (!sink.isTransactional() && (from.acknowledged() == null || from.acknowledged().equals(committed))) {
            return;
        }
        try {
            SourceOffset acknowledged = sink.isTransactional() ? sink.commitTransaction(() -> {
                SourceOffset after = from.acknowledged();
                if (after != null && !after.equals(committed)) {
                    store.save(sink, after, KAFKA_TIMEOUT);
                }
                return after;
            }) : saved(sink, from.acknowledged());
            lastCommitMillis = System.currentTimeMillis();
            if (acknowledged != null && !acknowledged.equals(committed)) {
                committed = acknowledged;
                listener.committed(from, acknowledged);
            }
            if (failingSinceMillis != 0) {
                LOG.infof("Offset commits succeed again, after %ds of failures",
                        (lastCommitMillis - failingSinceMillis) / 1000);
                failingSinceMillis = 0;
            }
        } catch (RuntimeException e) {
            onFailure.run();
            failure = e.getMessage();
            if (failingSinceMillis == 0) {
                failingSinceMillis = System.currentTimeMillis();
                LOG.warnf("Could not commit the offset %s: %s (retrying at every flush; readiness fails if this"
                        + " lasts longer than SLUICE_HEALTH_MAX_SILENCE)", from.acknowledged(), e.getMessage());
            }
        }
    }

    private SourceOffset saved(KafkaSink sink, SourceOffset offset) {
        store.save(sink, offset, KAFKA_TIMEOUT);
        return offset;
    }

    public synchronized SourceOffset committed() {
        return committed;
    }

    public long lastCommitMillis() {
        return lastCommitMillis;
    }

    /** How long every commit has failed; 0 while they succeed. */
    public long failingMillis() {
        long since = failingSinceMillis;
        return since == 0 ? 0 : System.currentTimeMillis() - since;
    }

    /** Why the last commit failed. */
    public String failure() {
        return failure;
    }

    /** Stops the schedule; commits still work when called. */
    @Override
    public synchronized void close() {
        if (flusher != null) {
            flusher.shutdownNow();
        }
    }
}
