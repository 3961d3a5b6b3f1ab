package dev.sluice.pipeline;

/** Progress of the current (or last) snapshot, for health and metrics. */
public final class SnapshotStats {

    private volatile boolean running;
    private volatile int tables;
    private volatile long rowsDone;
    private volatile long lockMillis;

    void started(int tableCount, long lockedMillis) {
        running = true;
        tables = tableCount;
        lockMillis = lockedMillis;
    }

    void row() {
        rowsDone++;
    }

    void finished() {
        running = false;
    }

    public boolean running() {
        return running;
    }

    public int tables() {
        return tables;
    }

    public long rowsDone() {
        return rowsDone;
    }

    public long lockMillis() {
        return lockMillis;
    }
}
