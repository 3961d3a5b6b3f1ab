package dev.sluice.sink;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Whether Kafka keeps acknowledging: records in flight, and when the last one was acknowledged
 * (or, if none was since the queue was empty, when the first one was sent).
 */
public final class DeliveryStats {

    private final AtomicLong inFlight = new AtomicLong();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder recordsAcknowledged = new LongAdder();
    private volatile long lastProgressNanos = System.nanoTime();

    void sent(int bytes) {
        if (inFlight.getAndIncrement() == 0) {
            lastProgressNanos = System.nanoTime();
        }
        bytesSent.add(bytes);
    }

    void acknowledged() {
        lastProgressNanos = System.nanoTime();
        recordsAcknowledged.increment();
        inFlight.decrementAndGet();
    }

    void failed() {
        inFlight.decrementAndGet();
    }

    /** How long records have waited without any acknowledgement; 0 when none waits. */
    public long stalledMillis() {
        return inFlight.get() == 0 ? 0 : (System.nanoTime() - lastProgressNanos) / 1_000_000;
    }

    public long inFlight() {
        return inFlight.get();
    }

    public long bytesSent() {
        return bytesSent.sum();
    }

    public long recordsAcknowledged() {
        return recordsAcknowledged.sum();
    }
}
