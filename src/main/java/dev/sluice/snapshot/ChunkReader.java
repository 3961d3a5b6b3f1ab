package dev.sluice.snapshot;

import dev.sluice.schema.TableSchema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.sluice.snapshot.ConsistentSnapshot.quoteName;

/**
 * Reads a table in primary-key order, a chunk at a time (keyset pagination: {@code WHERE key >
 * last ORDER BY key LIMIT n}), for incremental snapshots. Rows come back in the stream's value
 * representation; keys as strings (temporal keys as the server's text) or bytes for binary keys,
 * so they can be stored in the offset and bound again after a restart.
 */
public final class ChunkReader {

    /** @param lastKey the key of the chunk's last row; null when the chunk is empty */
    public record Chunk(List<Object[]> rows, List<Object> lastKey) {
    }

    private final Connection connection;
    private final int timeoutSeconds;

    /**
     * @param connection in autocommit mode with a UTC session ({@code JdbcConnector.openForSnapshot} style)
     * @param timeout how long one query may run before the server is asked to cancel it
     */
    public ChunkReader(Connection connection, Duration timeout) {
        this.connection = connection;
        this.timeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
    }

    /**
     * Whether the condition alone is valid SQL over this table: {@code LIMIT 0} lets the server
     * check names and syntax without evaluating it on any row.
     *
     * @throws SQLException the server's answer when it is not
     */
    public void checkCondition(TableSchema table, String condition) throws SQLException {
        String sql = "SELECT 1 FROM " + tableName(table) + " WHERE (" + condition + ") LIMIT 0";
        try (PreparedStatement statement = prepare(sql); ResultSet rs = statement.executeQuery()) {
            rs.next();
        }
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setQueryTimeout(timeoutSeconds);
        return statement;
    }

    /** The largest key among the rows to read, or null when there are none. */
    public List<Object> maxKey(TableSchema table, String condition) throws SQLException {
        KeyOrder key = KeyOrder.of(table);
        StringBuilder sql = new StringBuilder("SELECT ").append(key.selectList()).append(" FROM ")
                .append(tableName(table));
        if (condition != null) {
            sql.append(" WHERE (").append(condition).append(')');
        }
        sql.append(" ORDER BY ").append(key.orderBy(true)).append(" LIMIT 1");
        try (PreparedStatement statement = prepare(sql.toString()); ResultSet rs = statement.executeQuery()) {
            return rs.next() ? key.read(rs, 1) : null;
        }
    }

    /** Up to {@code size} rows with keys above {@code after} (from the start when null) and not above {@code max}. */
    public Chunk read(TableSchema table, List<Object> after, List<Object> max, String condition, int size)
            throws SQLException {
        SelectedColumns columns = new SelectedColumns(table);
        KeyOrder key = KeyOrder.of(table);
        StringBuilder sql = new StringBuilder("SELECT ").append(columns.selectList()).append(", ")
                .append(key.selectList()).append(" FROM ").append(tableName(table)).append(" WHERE ");
        if (after != null) {
            sql.append(key.tuple()).append(" > ").append(key.placeholders()).append(" AND ");
        }
        sql.append(key.tuple()).append(" <= ").append(key.placeholders());
        if (condition != null) {
            sql.append(" AND (").append(condition).append(')');
        }
        sql.append(" ORDER BY ").append(key.orderBy(false)).append(" LIMIT ").append(size);
        try (PreparedStatement statement = prepare(sql.toString())) {
            int parameter = 1;
            if (after != null) {
                parameter = KeyOrder.bind(statement, parameter, after);
            }
            KeyOrder.bind(statement, parameter, max);
            List<Object[]> rows = new ArrayList<>();
            List<Object> last = null;
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(columns.read(rs));
                    last = key.read(rs, columns.count() + 1);
                }
            }
            return new Chunk(rows, last);
        }
    }

    private static String tableName(TableSchema table) {
        return quoteName(table.id().database()) + "." + quoteName(table.id().table());
    }
}
