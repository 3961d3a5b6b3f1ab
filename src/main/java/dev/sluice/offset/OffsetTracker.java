package dev.sluice.offset;

import java.util.ArrayDeque;

/**
 * Knows the furthest position whose every earlier record Kafka has acknowledged. The pipeline
 * registers records (and record-less positions such as transaction ends) in stream order; acks
 * may arrive in any order across partitions, and the acknowledged position only moves past a
 * record once it and everything before it are acknowledged.
 */
public final class OffsetTracker {

    /** One record awaiting its ack, or a position that becomes acknowledged with its predecessors. */
    public static final class Pending {
        private final SourceOffset offsetAfter;
        private boolean done;

        private Pending(SourceOffset offsetAfter, boolean done) {
            this.offsetAfter = offsetAfter;
            this.done = done;
        }
    }

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private SourceOffset acknowledged;
    private long acknowledgedRecords;

    public OffsetTracker(SourceOffset start) {
        this.acknowledged = start;
    }

    /** Registers a record; {@code offsetAfter} is where to resume once it is delivered. */
    public synchronized Pending register(SourceOffset offsetAfter) {
        Pending entry = new Pending(offsetAfter, false);
        pending.addLast(entry);
        return entry;
    }

    /** Registers a position reached without a record (a transaction end, a skipped table's rows). */
    public synchronized void reached(SourceOffset offset) {
        if (pending.isEmpty()) {
            acknowledged = offset;
        } else {
            pending.addLast(new Pending(offset, true));
        }
    }

    public synchronized void acknowledge(Pending entry) {
        entry.done = true;
        acknowledgedRecords++;
        while (!pending.isEmpty() && pending.peekFirst().done) {
            acknowledged = pending.pollFirst().offsetAfter;
        }
    }

    public synchronized SourceOffset acknowledged() {
        return acknowledged;
    }

    public synchronized int inFlight() {
        return pending.size();
    }

    public synchronized long acknowledgedRecords() {
        return acknowledgedRecords;
    }
}
