package dev.sluice.pipeline;

/** Progress of the current (or last) snapshot, for health and metrics. */
public final class SnapshotStats {

    private volatile boolean running;
    private volatile int tables;
    private volatile long rowsDone;
    private volatile long lockMillis;
    private volatile long lastProgressMillis;

    void started(int tableCount, long lockedMillis) {
        running = true;
        tables = tableCount;
        lockMillis = lockedMillis;
        lastProgressMillis = System.currentTimeMillis();
    }

    void row() {
        rowsDone++;
        lastProgressMillis = System.currentTimeMillis();
    }

    /** How long the running snapshot has read no row; 0 when none runs. */
    public long stalledMillis() {
        return running ? System.currentTimeMillis() - lastProgressMillis : 0;
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
