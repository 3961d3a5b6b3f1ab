package dev.sluice.snapshot;

import dev.sluice.schema.ColumnDef;
import dev.sluice.schema.TableSchema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.sluice.snapshot.ConsistentSnapshot.quoteName;
import static dev.sluice.snapshot.ConsistentSnapshot.selectExpression;

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
        List<ColumnDef> key = keyColumns(table);
        StringBuilder sql = new StringBuilder("SELECT ");
        appendKeyExpressions(sql, key);
        sql.append(" FROM ").append(tableName(table));
        if (condition != null) {
            sql.append(" WHERE (").append(condition).append(')');
        }
        sql.append(" ORDER BY ");
        for (int k = 0; k < key.size(); k++) {
            sql.append(k == 0 ? "" : ", ").append(quoteName(key.get(k).name())).append(" DESC");
        }
        sql.append(" LIMIT 1");
        try (PreparedStatement statement = prepare(sql.toString()); ResultSet rs = statement.executeQuery()) {
            return rs.next() ? readKey(rs, key, 1) : null;
        }
    }

    /** Up to {@code size} rows with keys above {@code after} (from the start when null) and not above {@code max}. */
    public Chunk read(TableSchema table, List<Object> after, List<Object> max, String condition, int size)
            throws SQLException {
        SelectedColumns columns = new SelectedColumns(table);
        List<ColumnDef> key = keyColumns(table);
        StringBuilder sql = new StringBuilder("SELECT ").append(columns.selectList()).append(", ");
        appendKeyExpressions(sql, key);
        sql.append(" FROM ").append(tableName(table)).append(" WHERE ");
        String tuple = tuple(key);
        String placeholders = "(" + "?, ".repeat(key.size() - 1) + "?)";
        if (after != null) {
            sql.append(tuple).append(" > ").append(placeholders).append(" AND ");
        }
        sql.append(tuple).append(" <= ").append(placeholders);
        if (condition != null) {
            sql.append(" AND (").append(condition).append(')');
        }
        sql.append(" ORDER BY ");
        for (int k = 0; k < key.size(); k++) {
            sql.append(k == 0 ? "" : ", ").append(quoteName(key.get(k).name()));
        }
        sql.append(" LIMIT ").append(size);
        try (PreparedStatement statement = prepare(sql.toString())) {
            int parameter = 1;
            if (after != null) {
                parameter = bind(statement, parameter, after);
            }
            bind(statement, parameter, max);
            List<Object[]> rows = new ArrayList<>();
            List<Object> last = null;
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(columns.read(rs));
                    last = readKey(rs, key, columns.count() + 1);
                }
            }
            return new Chunk(rows, last);
        }
    }

    /**
     * @throws IllegalArgumentException when the table has no key (chunks need one)
     */
    private static List<ColumnDef> keyColumns(TableSchema table) {
        if (table.keyColumns().isEmpty()) {
            throw new IllegalArgumentException(table.id() + " has no primary key and no unique index over NOT NULL"
                    + " columns; an incremental snapshot reads it in key order");
        }
        List<ColumnDef> key = new ArrayList<>();
        for (int index : table.keyIndexes()) {
            key.add(table.columns().get(index));
        }
        return key;
    }

    private static boolean isBinary(ColumnDef column) {
        return switch (column.dataType().toLowerCase(Locale.ROOT)) {
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob", "bit" -> true;
            default -> false;
        };
    }

    private static void appendKeyExpressions(StringBuilder sql, List<ColumnDef> key) {
        for (int k = 0; k < key.size(); k++) {
            ColumnDef column = key.get(k);
            sql.append(k == 0 ? "" : ", ").append(isBinary(column) ? quoteName(column.name()) : selectExpression(column));
        }
    }

    private static List<Object> readKey(ResultSet rs, List<ColumnDef> key, int firstIndex) throws SQLException {
        List<Object> values = new ArrayList<>(key.size());
        for (int k = 0; k < key.size(); k++) {
            values.add(isBinary(key.get(k)) ? rs.getBytes(firstIndex + k) : rs.getString(firstIndex + k));
        }
        return values;
    }

    private static int bind(PreparedStatement statement, int first, List<Object> values) throws SQLException {
        int parameter = first;
        for (Object value : values) {
            if (value instanceof byte[] bytes) {
                statement.setBytes(parameter++, bytes);
            } else {
                statement.setString(parameter++, (String) value);
            }
        }
        return parameter;
    }

    private static String tuple(List<ColumnDef> key) {
        StringBuilder tuple = new StringBuilder("(");
        for (int k = 0; k < key.size(); k++) {
            tuple.append(k == 0 ? "" : ", ").append(quoteName(key.get(k).name()));
        }
        return tuple.append(')').toString();
    }

    private static String tableName(TableSchema table) {
        return quoteName(table.id().database()) + "." + quoteName(table.id().table());
    }
}
