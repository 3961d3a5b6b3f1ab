package dev.sluice.heartbeat;

/**
 * Layer 2, read-only: what the binlog shows of the heartbeat table the primary's event updates.
 * The lag is the time from the row's {@code last_update} to its arrival in Sluice: the whole
 * replication path, measured on data, not on a socket.
 */
public final class HeartbeatWatch {

    private volatile long lastUpdateMillis;
    private volatile long seenAtMillis;

    /** A heartbeat row arrived; {@code lastUpdateMicros} is its TIMESTAMP column in epoch microseconds. */
    public void seen(long lastUpdateMicros, long nowMillis) {
        lastUpdateMillis = lastUpdateMicros / 1000;
        seenAtMillis = nowMillis;
    }

    public boolean seenAny() {
        return seenAtMillis > 0;
    }

    /** End-to-end lag of the newest heartbeat row: its arrival minus its {@code last_update}. */
    public long lagMillis() {
        return seenAtMillis - lastUpdateMillis;
    }

    /** How long ago the newest heartbeat row's {@code last_update} was, now. */
    public long ageMillis(long nowMillis) {
        return seenAny() ? nowMillis - lastUpdateMillis : Long.MAX_VALUE;
    }
}
