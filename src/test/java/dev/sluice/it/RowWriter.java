package dev.sluice.it;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes {@code total} rows {@code (id, n, payload)} into a table in transactions of
 * {@code batch} rows on its own thread; each transaction also bumps one of five counter rows,
 * so the stream has updates whose order per key can be checked. The writer is paced to a rate
 * (rows per second) so that a test can act while the stream is still being written.
 */
public final class RowWriter implements AutoCloseable {

    private final Thread thread;
    private final AtomicInteger written = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean cancelled;

    private final int rowsPerSecond;

    public RowWriter(DbServer server, String database, int total, int batch, int rowsPerSecond) {
        this.rowsPerSecond = rowsPerSecond;
        this.thread = new Thread(() -> run(server, database, total, batch), "row-writer");
    }

    public static void createTables(DbServer server, String database) {
        server.execute(
                "CREATE TABLE " + database + ".items (id INT PRIMARY KEY, n INT NOT NULL, payload VARCHAR(100))",
                "CREATE TABLE " + database + ".counters (id INT PRIMARY KEY, n INT NOT NULL)",
                "INSERT INTO " + database + ".counters VALUES (0, 0), (1, 0), (2, 0), (3, 0), (4, 0)");
    }

    public RowWriter start() {
        thread.start();
        return this;
    }

    private void run(DbServer server, String database, int total, int batch) {
        try (Connection c = server.admin(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            long began = System.nanoTime();
            int transaction = 0;
            for (int next = 1; next <= total && !cancelled; next += batch, transaction++) {
                StringBuilder insert = new StringBuilder("INSERT INTO " + database + ".items VALUES ");
                int last = Math.min(total, next + batch - 1);
                for (int id = next; id <= last; id++) {
                    insert.append(id == next ? "" : ",").append('(').append(id).append(", ").append(id)
                            .append(", 'row ").append(id).append(" of a steady stream of inserts')");
                }
                s.execute(insert.toString());
                s.execute("UPDATE " + database + ".counters SET n = n + 1 WHERE id = " + transaction % 5);
                c.commit();
                written.set(last);
                pace(began, last);
            }
        } catch (SQLException | RuntimeException e) {
            failure.set(e);
        }
    }

    /** Keeps the write rate at or below the target, so the stream lasts long enough to interrupt. */
    private void pace(long began, int rows) {
        long due = began + rows * 1_000_000_000L / rowsPerSecond;
        long ahead = due - System.nanoTime();
        if (ahead > 0) {
            try {
                Thread.sleep(ahead / 1_000_000, (int) (ahead % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled = true;
            }
        }
    }

    public int written() {
        return written.get();
    }

    /** Waits for the writer to finish and fails the test if it could not write. */
    public void await() {
        try {
            thread.join(600_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new AssertionError("the writer did not finish within 10 minutes");
        }
        if (failure.get() != null) {
            throw new AssertionError("the writer failed: " + failure.get().getMessage(), failure.get());
        }
    }

    @Override
    public void close() {
        cancelled = true;
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
