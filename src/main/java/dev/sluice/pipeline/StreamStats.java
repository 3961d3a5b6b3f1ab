package dev.sluice.pipeline;

import dev.sluice.event.Operation;

/** Counters of one pipeline, written by the dispatcher thread and read by health and metrics. */
public final class StreamStats {

    volatile long creates;
    volatile long updates;
    volatile long deletes;
    volatile long transactions;

    void count(Operation op) {
        switch (op) {
            case CREATE -> creates++;
            case UPDATE -> updates++;
            case DELETE -> deletes++;
            default -> {
            }
        }
    }

    public long creates() {
        return creates;
    }

    public long updates() {
        return updates;
    }

    public long deletes() {
        return deletes;
    }

    public long transactions() {
        return transactions;
    }
}
