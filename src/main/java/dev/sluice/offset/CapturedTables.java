package dev.sluice.offset;

import dev.sluice.sink.KafkaSink;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The captured tables the offsets topic lists: a table added to the capture later gets a snapshot
 * of its own at the next start, and one created while streaming does not.
 */
public final class CapturedTables {

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    private final OffsetStore store;
    private final Set<String> listed = new TreeSet<>();
    private boolean written;

    /**
     * @param capturedNow the tables captured at start-up (listed once their rows are delivered)
     * @param needsWriting whether the stored list differs from them
     */
    public CapturedTables(OffsetStore store, Collection<String> capturedNow, boolean needsWriting) {
        this.store = store;
        listed.addAll(capturedNow);
        written = !needsWriting;
    }

    public synchronized boolean written() {
        return written;
    }

    /** Writes the start-up list once, when the stored one differs. */
    public synchronized void writeIfNeeded(KafkaSink sink) {
        if (!written) {
            store.saveCapturedTables(sink, List.copyOf(listed), KAFKA_TIMEOUT);
            written = true;
        }
    }

    /** Whether {@link #addCreated} would write: the start-up list is written and a table is new. */
    public synchronized boolean wouldAdd(Collection<String> capturedNow) {
        return written && !listed.containsAll(capturedNow);
    }

    /**
     * Adds tables created while streaming, captured from their CREATE on. Listing one before the
     * offset passes its CREATE is safe: a restart before that point does not know the table yet.
     * Waits until the start-up list is written.
     */
    public synchronized void addCreated(Collection<String> capturedNow, KafkaSink sink) {
        if (written && !listed.containsAll(capturedNow)) {
            listed.addAll(capturedNow);
            store.saveCapturedTables(sink, List.copyOf(listed), KAFKA_TIMEOUT);
        }
    }
}
