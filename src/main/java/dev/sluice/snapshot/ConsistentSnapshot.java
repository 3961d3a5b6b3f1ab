package dev.sluice.snapshot;

import dev.sluice.schema.ColumnDef;
import dev.sluice.schema.TableId;
import dev.sluice.schema.TableSchema;
import dev.sluice.schema.types.ColumnTypes;
import dev.sluice.source.BinlogPosition;
import dev.sluice.source.JdbcConnector;
import dev.sluice.source.ServerFlavor;
import dev.sluice.source.ServerInfo;
import dev.sluice.source.ServerProbe;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A read-only transaction whose view of every table is the database exactly at one binlog
 * position, so rows read here and changes streamed from that position meet without a gap or an
 * overlap. Rows are streamed from the server one at a time, never held.
 *
 * <p>How the position is tied to the view, best first: MariaDB reports the binlog position of a
 * consistent snapshot itself (no lock); with RELOAD, a global read lock is held only while the
 * transaction opens and the position is read; otherwise the position is read before and after
 * opening the transaction, which is exact when no commit happened in between (retried a few times).
 */
public final class ConsistentSnapshot implements AutoCloseable {

    /** How the position was tied to the transaction's view. */
    public enum Method {
        MARIADB_SNAPSHOT_STATUS("MariaDB's binlog_snapshot_file/position (no lock)"),
        GLOBAL_READ_LOCK("a global read lock (FLUSH TABLES WITH READ LOCK)"),
        QUIET_MOMENT("no lock: no commit happened while the transaction opened");

        private final String description;

        Method(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** Work that must see the database at the snapshot's position (reading table definitions). */
    @FunctionalInterface
    public interface AtPosition {
        void run(Connection connection) throws SQLException;
    }

    /** Receives the rows of one table, one at a time, in binlog form. */
    @FunctionalInterface
    public interface RowConsumer {
        /** @param key the row's key when the table is read in key order, else null */
        void accept(Object[] row, List<Object> key);
    }

    private static final Logger LOG = Logger.getLogger(ConsistentSnapshot.class);
    private static final int QUIET_ATTEMPTS = 20;

    private final Connection connection;
    private final BinlogPosition position;
    private final Method method;
    private final long lockMillis;

    private ConsistentSnapshot(Connection connection, BinlogPosition position, Method method, long lockMillis) {
        this.connection = connection;
        this.position = position;
        this.method = method;
        this.lockMillis = lockMillis;
    }

    /**
     * Opens the transaction and finds its binlog position.
     *
     * @throws IllegalStateException when no method works, saying what would make one work
     */
    public static ConsistentSnapshot open(JdbcConnector jdbc, ServerInfo server) throws SQLException {
        return open(jdbc, server, connection -> { });
    }

    /**
     * Opens the transaction, finds its binlog position, and runs {@code atPosition} while nothing
     * can have moved past that position: under the global read lock, or between the two position
     * reads of a quiet moment. (With MariaDB's snapshot status no DDL is blocked: a definition that
     * changes meanwhile is caught by the table-map checks.)
     */
    public static ConsistentSnapshot open(JdbcConnector jdbc, ServerInfo server, AtPosition atPosition)
            throws SQLException {
        Connection connection = jdbc.openForSnapshot();
        try {
            ServerProbe probe = new ServerProbe(connection);
            if (server.flavor() == ServerFlavor.MARIADB) {
                BinlogPosition position = mariadbSnapshotPosition(connection);
                atPosition.run(connection);
                return new ConsistentSnapshot(connection, position, Method.MARIADB_SNAPSHOT_STATUS, 0);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET SESSION lock_wait_timeout = 10");
                long start = System.nanoTime();
                statement.execute("FLUSH TABLES WITH READ LOCK");
                try {
                    beginSnapshot(connection);
                    BinlogPosition position = probe.currentPosition(server);
                    atPosition.run(connection);
                    statement.execute("UNLOCK TABLES");
                    return new ConsistentSnapshot(connection, position, Method.GLOBAL_READ_LOCK,
                            (System.nanoTime() - start) / 1_000_000);
                } catch (SQLException e) {
                    statement.execute("UNLOCK TABLES");
                    throw e;
                }
            } catch (SQLException noLock) {
                LOG.infof("No global read lock for the snapshot (%s); trying a quiet moment instead",
                        noLock.getMessage());
                rollbackQuietly(connection);
            }
            for (int attempt = 0; attempt < QUIET_ATTEMPTS; attempt++) {
                BinlogPosition before = probe.currentPosition(server);
                beginSnapshot(connection);
                atPosition.run(connection);
                if (before.equals(probe.currentPosition(server))) {
                    return new ConsistentSnapshot(connection, before, Method.QUIET_MOMENT, 0);
                }
                connection.rollback();
            }
            throw new IllegalStateException("could not open a snapshot consistent with a binlog position: the user"
                    + " lacks RELOAD (for a brief FLUSH TABLES WITH READ LOCK) and the server never stopped committing"
                    + " long enough; grant RELOAD, or snapshot when the server is quieter");
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static void beginSnapshot(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
        }
    }

    private static BinlogPosition mariadbSnapshotPosition(Connection connection) throws SQLException {
        beginSnapshot(connection);
        String file = null;
        long pos = -1;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
            while (rs.next()) {
                if (rs.getString(1).equalsIgnoreCase("binlog_snapshot_file")) {
                    file = rs.getString(2);
                } else if (rs.getString(1).equalsIgnoreCase("binlog_snapshot_position")) {
                    pos = Long.parseLong(rs.getString(2));
                }
            }
        }
        if (file == null || file.isEmpty() || pos < 0) {
            throw new IllegalStateException("MariaDB did not report binlog_snapshot_file/position; is log_bin on?");
        }
        return new BinlogPosition(file, pos, null);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debugf("rollback: %s", e.getMessage());
        }
    }

    public BinlogPosition position() {
        return position;
    }

    public Method method() {
        return method;
    }

    /** How long writers were blocked by the global read lock (0 without one). */
    public long lockMillis() {
        return lockMillis;
    }

    /** The server's estimate of a table's row count, for progress reports. */
    public long estimatedRows(TableSchema table) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = " + quoteString(table.id().database())
                        + " AND TABLE_NAME = " + quoteString(table.id().table()))) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /** The server's default character set and collation, as {@code SET character_set_server=cs, collation_server=co}. */
    public String serverCharsetStatement() throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT @@character_set_server, @@collation_server")) {
            rs.next();
            return "SET character_set_server=" + rs.getString(1) + ", collation_server=" + rs.getString(2);
        }
    }

    /** {@code CREATE DATABASE `db` CHARSET cs COLLATE co}, from the database's defaults. */
    public String createDatabaseStatement(String database) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA"
                        + " WHERE SCHEMA_NAME = " + quoteString(database))) {
            String create = "CREATE DATABASE " + TableId.quote(database);
            return rs.next() ? create + " CHARSET " + rs.getString(1) + " COLLATE " + rs.getString(2) : create;
        }
    }

    /** The server's CREATE TABLE statement for a table (SHOW CREATE TABLE), for the snapshot's schema-change events. */
    public String createStatement(TableId id) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                "SHOW CREATE TABLE " + id.quoted())) {
            return rs.next() ? rs.getString(2) : null;
        }
    }

    /**
     * Streams every row of the table, as the snapshot sees it, to the consumer.
     *
     * @throws IllegalStateException when the table's columns are not the ones Sluice tracks
     */
    public void read(TableSchema table, List<Object> after, RowConsumer consumer) throws SQLException {
        SelectedColumns columns = new SelectedColumns(table);
        // Tables with a primary key are read in its order (InnoDB's own row order, so no sort), which
        // lets an interrupted snapshot go on after the last key it delivered.
        KeyOrder key = table.primaryKey().isEmpty() ? null : KeyOrder.of(table);
        StringBuilder select = new StringBuilder("SELECT ").append(columns.selectList());
        if (key != null) {
            select.append(", ").append(key.selectList());
        }
        select.append(" FROM ").append(quoteName(table.id().database())).append('.').append(quoteName(table.id().table()));
        if (key != null && after != null) {
            select.append(" WHERE ").append(key.tuple()).append(" > ").append(key.placeholders());
        }
        if (key != null) {
            select.append(" ORDER BY ").append(key.orderBy(false));
        }
        try (PreparedStatement statement = connection.prepareStatement(select.toString(), ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(Integer.MIN_VALUE); // Connector/J: stream rows instead of buffering the result
            if (key != null && after != null) {
                KeyOrder.bind(statement, 1, after);
            }
            try (ResultSet rs = statement.executeQuery()) {
                checkColumns(table, rs.getMetaData(), key == null ? 0 : key.size());
                try {
                    RowReadAhead.drain(rs, columns, key, consumer);
                } catch (RuntimeException stoppedByConsumer) {
                    // closing a streaming result reads it to its end: have the server end it first
                    try {
                        statement.cancel();
                    } catch (SQLException e) {
                        stoppedByConsumer.addSuppressed(e);
                    }
                    throw stoppedByConsumer;
                }
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == 1054 || e.getErrorCode() == 1146) {
                throw new IllegalStateException("the snapshot cannot read " + table.id() + " with the tracked columns ("
                        + e.getMessage() + "); the table changed while the snapshot was interrupted", e);
            }
            throw e;
        }
    }

    private static void checkColumns(TableSchema table, ResultSetMetaData meta, int keyColumns) throws SQLException {
        if (meta.getColumnCount() != table.columns().size() + keyColumns) {
            throw new IllegalStateException("the snapshot of " + table.id() + " returned "
                    + (meta.getColumnCount() - keyColumns) + " columns, " + table.columns().size() + " tracked");
        }
    }

    static String selectExpression(ColumnDef column) {
        return ColumnTypes.of(column).snapshotSelect(quoteName(column.name()));
    }

    static String quoteName(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static String quoteString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    @Override
    public void close() {
        rollbackQuietly(connection);
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debugf("closing the snapshot connection: %s", e.getMessage());
        }
    }
}
