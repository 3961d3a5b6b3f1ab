package dev.sluice.snapshot;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a streaming result set on a thread of its own, a few batches ahead of the consumer.
 * Decoding rows off the MySQL protocol is about a fifth of a snapshot's CPU, and the thread that
 * writes the events is the snapshot's bottleneck. Rows reach the consumer in order, on the
 * calling thread; at most {@code BATCHES_AHEAD} batches wait in memory.
 */
final class RowReadAhead {

    private static final int BATCH_ROWS = 256;
    private static final int BATCHES_AHEAD = 4;
    private static final Object[][] END = new Object[0][];

    private final ResultSet rows;
    private final SelectedColumns columns;
    private final BlockingQueue<Object[][]> batches = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private volatile boolean consumerGone;
    private volatile Throwable failure;

    private RowReadAhead(ResultSet rows, SelectedColumns columns) {
        this.rows = rows;
        this.columns = columns;
    }

    /**
     * Hands every row of the result set to the consumer. Returns once the reading thread has
     * finished with the result set, so the caller may close it (and use its connection) again.
     */
    static void drain(ResultSet rows, SelectedColumns columns, ConsistentSnapshot.RowConsumer consumer)
            throws SQLException {
        new RowReadAhead(rows, columns).run(consumer);
    }

    private void run(ConsistentSnapshot.RowConsumer consumer) throws SQLException {
        Thread reader = new Thread(this::read, "sluice-snapshot-reader");
        reader.setDaemon(true);
        reader.start();
        boolean interrupted = false;
        try {
            for (Object[][] batch = batches.take(); batch != END; batch = batches.take()) {
                for (Object[] row : batch) {
                    consumer.accept(row);
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
            throw new SQLException("interrupted while reading snapshot rows", e);
        } finally {
            consumerGone = true;
            batches.clear(); // a reader waiting for room sees the flag within its next offer
            interrupted |= joinUninterruptibly(reader);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure instanceof SQLException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    private void read() {
        try {
            Object[][] batch = new Object[BATCH_ROWS][];
            int filled = 0;
            while (!consumerGone && rows.next()) {
                batch[filled++] = columns.read(rows);
                if (filled == BATCH_ROWS) {
                    hand(batch);
                    batch = new Object[BATCH_ROWS][];
                    filled = 0;
                }
            }
            if (filled > 0) {
                hand(Arrays.copyOf(batch, filled));
            }
        } catch (Throwable e) { // handed to the consumer's thread: a row short must never look like the end
            failure = e;
        } finally {
            hand(END);
        }
    }

    /** Waits for room, unless the consumer has stopped taking batches. */
    private void hand(Object[][] batch) {
        try {
            while (!consumerGone) {
                if (batches.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            consumerGone = true;
        }
    }

    private static boolean joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }
}
