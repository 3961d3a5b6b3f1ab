package dev.sluice.it;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fault suite's workload, seeded: transactions of inserts, updates and deletes on
 * {@code rows (id, v, payload)} at a steady rate, and now and then one large UPDATE. Every
 * change of a row raises its version {@code v} by one, so the topic shows whether a version was
 * lost. It keeps writing through server restarts: a transaction whose commit was cut off may or
 * may not have happened, and the database, not the writer, is the truth the topic is compared with.
 */
final class FaultWriter implements AutoCloseable {

    private final DbServer server;
    private final String table;
    private final Random random;
    private final int rowsPerSecond;
    private final Thread thread;
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong largeUpdates = new AtomicLong();
    private final AtomicLong largeUpdateChanges = new AtomicLong();
    /** Ids that may exist (a cut-off commit leaves the writer unsure); ids are never used twice. */
    private final List<Long> live = new ArrayList<>();
    private long nextId = 1;
    /** When writing at the rate would have begun to reach the changes written so far (0: from the next one). */
    private long scheduleStart;
    private volatile int largeUpdateRows;
    private volatile long lastCommittedId;
    private volatile boolean stopping;

    FaultWriter(DbServer server, String table, long seed, int rowsPerSecond) {
        this.server = server;
        this.table = table;
        this.random = new Random(seed);
        this.rowsPerSecond = rowsPerSecond;
        this.thread = new Thread(this::run, "fault-writer");
    }

    static void createTable(DbServer server, String table, int initialRows) {
        server.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, v INT NOT NULL, payload VARCHAR(200))");
        if (initialRows > 0) {
            server.execute((server.isMariaDb() ? "SET SESSION max_recursive_iterations = "
                    : "SET SESSION cte_max_recursion_depth = ") + initialRows,
                    "INSERT INTO " + table + " WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
                            + initialRows + ") SELECT i, 1, CONCAT('initial row ', i) FROM n");
        }
    }

    /** The table as the database has it now: the truth a rebuilt topic is compared with. */
    static java.util.Map<Long, TopicReplica.Row> rows(DbServer server, String table) {
        java.util.Map<Long, TopicReplica.Row> rows = new java.util.HashMap<>();
        try (Connection c = server.admin(); Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT id, v, payload FROM " + table)) {
            while (rs.next()) {
                rows.put(rs.getLong(1), new TopicReplica.Row(rs.getInt(2), rs.getString(3)));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Continues after the rows {@link #createTable} wrote. */
    FaultWriter start(int initialRows) {
        for (long id = 1; id <= initialRows; id++) {
            live.add(id);
        }
        nextId = initialRows + 1;
        thread.start();
        return this;
    }

    /**
     * Continues on rows another writer left: the same table on a promoted replica, say. Ids start
     * at {@code nextId}, past every id the other writer tried, so none is used twice.
     */
    FaultWriter resume(java.util.Collection<Long> ids, long nextId) {
        live.addAll(ids);
        this.nextId = nextId;
        thread.start();
        return this;
    }

    /** Once closed: the next id this writer would insert, above every id it tried. */
    long nextId() {
        return nextId;
    }

    /**
     * The next transaction after this call raises the version of up to {@code rows} rows in one
     * UPDATE, on top of the steady rate.
     */
    void largeUpdate(int rows) {
        largeUpdateRows = rows;
    }

    /** The highest id inserted by a transaction known to have committed. */
    long lastCommittedId() {
        return lastCommittedId;
    }

    /** Changes written, the large updates' included. */
    long changes() {
        return changes.get() + largeUpdateChanges.get();
    }

    long largeUpdates() {
        return largeUpdates.get();
    }

    long failedTransactions() {
        return failures.get();
    }

    private void run() {
        Connection connection = null;
        while (!stopping) {
            try {
                if (connection == null) {
                    connection = server.admin();
                    connection.setAutoCommit(false);
                }
                int written = transaction(connection);
                pace(changes.addAndGet(written));
            } catch (SQLException | IllegalStateException e) {
                failures.incrementAndGet();
                closeQuietly(connection);
                connection = null;
                if (!stopping) {
                    pause(200); // the server is away: try again shortly
                }
            }
        }
        closeQuietly(connection);
    }

    private int transaction(Connection connection) throws SQLException {
        int large = largeUpdateRows;
        try (Statement statement = connection.createStatement()) {
            if (large > 0 && !live.isEmpty()) {
                largeUpdateRows = 0;
                long from = live.get(random.nextInt(live.size()));
                int updated = statement.executeUpdate("UPDATE " + table + " SET v = v + 1, payload = CONCAT('large ', v + 1)"
                        + " WHERE id BETWEEN " + from + " AND " + (from + large - 1));
                connection.commit();
                largeUpdates.incrementAndGet();
                largeUpdateChanges.addAndGet(updated);
                return 0; // on top of the rate
            }
            int operations = 1 + random.nextInt(20);
            for (int i = 0; i < operations; i++) {
                int dice = random.nextInt(100);
                if (dice < 50 || live.size() < 100) {
                    long id = nextId++;
                    live.add(id); // remembered even if the commit is cut off
                    statement.executeUpdate("INSERT INTO " + table + " (id, v, payload) VALUES (" + id + ", 1, '"
                            + payload() + "')");
                } else {
                    int index = random.nextInt(live.size());
                    long id = live.get(index);
                    if (dice < 85) {
                        statement.executeUpdate("UPDATE " + table + " SET v = v + 1, payload = CONCAT(v + 1, ' "
                                + payload() + "') WHERE id = " + id);
                    } else {
                        statement.executeUpdate("DELETE FROM " + table + " WHERE id = " + id);
                        live.set(index, live.get(live.size() - 1)); // forgotten even if the commit is cut off
                        live.remove(live.size() - 1);
                    }
                }
            }
            connection.commit();
            lastCommittedId = nextId - 1;
            return operations;
        }
    }

    private String payload() {
        char[] text = new char[10 + random.nextInt(140)];
        for (int i = 0; i < text.length; i++) {
            text[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(text);
    }

    /**
     * Keeps to the rate. A writer held up (a frozen server, the large update) goes on at the rate
     * rather than catching up in a burst: a fault in a burst repeats more changes in the same time.
     */
    private void pace(long written) {
        long now = System.nanoTime();
        long due = scheduleStart + written * 1_000_000_000L / rowsPerSecond;
        if (scheduleStart == 0 || now - due > 100_000_000L) {
            scheduleStart = now - written * 1_000_000_000L / rowsPerSecond;
            return;
        }
        if (due > now) {
            pause((due - now) / 1_000_000);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // the server is away
            }
        }
    }

    /** Stops after the transaction in progress. */
    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
