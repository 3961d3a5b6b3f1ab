package dev.sluice.source;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A hand-off queue bounded by item count and by bytes. A producer blocks while either bound is
 * reached, except that an empty queue always admits one item, so a single item larger than the
 * byte bound still passes. Closing it wakes and rejects producers.
 */
final class BoundedQueue<T> {

    private record Item<T>(T value, long bytes) {
    }

    private final ArrayDeque<Item<T>> items = new ArrayDeque<>();
    private final int maxItems;
    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private long bytes;
    private boolean closed;

    BoundedQueue(int maxItems, long maxBytes) {
        this.maxItems = maxItems;
        this.maxBytes = maxBytes;
    }

    /** @return false when the queue was closed (the item is dropped) */
    boolean put(T value, long size) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!closed && !items.isEmpty() && (items.size() >= maxItems || bytes + size > maxBytes)) {
                notFull.await();
            }
            if (closed) {
                return false;
            }
            items.addLast(new Item<>(value, size));
            bytes += size;
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The next item, or null when none arrived within the timeout. */
    T poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            Item<T> item = items.pollFirst();
            bytes -= item.bytes();
            notFull.signal();
            return item.value();
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            items.clear();
            bytes = 0;
            notFull.signalAll();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }
}
