package dev.sluice.source;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedQueueTest {

    @Test
    void boundedByBytesButAnOversizedItemStillPassesAlone() throws Exception {
        BoundedQueue<String> queue = new BoundedQueue<>(100, 10);
        assertTrue(queue.put("huge", 50), "an empty queue admits anything");
        AtomicBoolean second = new AtomicBoolean();
        CountDownLatch admitted = new CountDownLatch(1);
        Thread producer = new Thread(() -> {
            try {
                second.set(queue.put("small", 1));
                admitted.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        assertFalse(admitted.await(300, TimeUnit.MILLISECONDS), "blocked while the byte bound is exceeded");
        assertEquals("huge", queue.poll(1, TimeUnit.SECONDS));
        assertTrue(admitted.await(10, TimeUnit.SECONDS));
        assertTrue(second.get());
        assertEquals(1, queue.bytes());
        producer.join();
    }

    @Test
    void boundedByCount() throws Exception {
        BoundedQueue<Integer> queue = new BoundedQueue<>(2, 1_000);
        queue.put(1, 1);
        queue.put(2, 1);
        CountDownLatch admitted = new CountDownLatch(1);
        Thread producer = new Thread(() -> {
            try {
                queue.put(3, 1);
                admitted.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        assertFalse(admitted.await(300, TimeUnit.MILLISECONDS));
        assertEquals(1, queue.poll(1, TimeUnit.SECONDS));
        assertTrue(admitted.await(10, TimeUnit.SECONDS));
        producer.join();
    }

    @Test
    void closingReleasesABlockedProducer() throws Exception {
        BoundedQueue<Integer> queue = new BoundedQueue<>(1, 1_000);
        queue.put(1, 1);
        AtomicBoolean result = new AtomicBoolean(true);
        Thread producer = new Thread(() -> {
            try {
                result.set(queue.put(2, 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        queue.close();
        producer.join(10_000);
        assertFalse(producer.isAlive());
        assertFalse(result.get(), "put reports the queue was closed");
        assertNull(queue.poll(10, TimeUnit.MILLISECONDS));
    }
}
