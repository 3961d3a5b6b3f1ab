package dev.sluice.snapshot;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
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
    private static final Batch END = new Batch(new Object[0][], null);

    /** Rows, and their keys when the rows are read in key order (null otherwise). */
    private record Batch(Object[][] rows, List<Object>[] keys) {
    }

    private final ResultSet rows;
    private final SelectedColumns columns;
    /** Null when the rows are not read in key order. */
    private final KeyOrder key;
    private final BlockingQueue<Batch> batches = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private volatile boolean consumerGone;
    private volatile Throwable failure;

    private RowReadAhead(ResultSet rows, SelectedColumns columns, KeyOrder key) {
        this.rows = rows;
        this.columns = columns;
        this.key = key;
    }

    /**
     * Hands every row of the result set to the consumer, with its key when {@code key} is given
     * (the select list then has the key columns after the row's). Returns once the reading thread
     * has finished with the result set, so the caller may close it (and use its connection) again.
     */
    static void drain(ResultSet rows, SelectedColumns columns, KeyOrder key, ConsistentSnapshot.RowConsumer consumer)
            throws SQLException {
        new RowReadAhead(rows, columns, key).run(consumer);
    }

    private void run(ConsistentSnapshot.RowConsumer consumer) throws SQLException {
        Thread reader = new Thread(this::read, "sluice-snapshot-reader");
        reader.setDaemon(true);
        reader.start();
        boolean interrupted = false;
        try {
            for (Batch batch = batches.take(); batch != END; batch = batches.take()) {
                for (int r = 0; r < batch.rows().length; r++) {
                    consumer.accept(batch.rows()[r], batch.keys() == null ? null : batch.keys()[r]);
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
            List<Object>[] keys = newKeys(BATCH_ROWS);
            int filled = 0;
            while (!consumerGone && rows.next()) {
                if (keys != null) {
                    keys[filled] = key.read(rows, columns.count() + 1);
                }
                batch[filled++] = columns.read(rows);
                if (filled == BATCH_ROWS) {
                    hand(new Batch(batch, keys));
                    batch = new Object[BATCH_ROWS][];
                    keys = newKeys(BATCH_ROWS);
                    filled = 0;
                }
            }
            if (filled > 0) {
                hand(new Batch(Arrays.copyOf(batch, filled), keys == null ? null : Arrays.copyOf(keys, filled)));
            }
        } catch (Throwable e) { // handed to the consumer's thread: a row short must never look like the end
            failure = e;
        } finally {
            hand(END);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object>[] newKeys(int size) {
        return key == null ? null : (List<Object>[]) new List<?>[size];
    }

    /** Waits for room, unless the consumer has stopped taking batches. */
    private void hand(Batch batch) {
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
