package dev.sluice.snapshot;

import dev.sluice.schema.ColumnDef;
import dev.sluice.schema.TableSchema;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.sluice.snapshot.ConsistentSnapshot.quoteName;
import static dev.sluice.snapshot.ConsistentSnapshot.selectExpression;

/**
 * A table's key as snapshots read in its order: how its columns are selected, compared
 * ({@code (k1, k2) > (?, ?)}, so the server's collation decides) and bound, and how a key is
 * stored. Key values are the server's text, or bytes for binary columns, so they can be stored
 * ({@link dev.sluice.offset.StoredKey}) and bound again after a restart.
 */
public final class KeyOrder {

    private final List<ColumnDef> columns;

    private KeyOrder(List<ColumnDef> columns) {
        this.columns = columns;
    }

    /**
     * @throws IllegalArgumentException when the table has no key
     */
    public static KeyOrder of(TableSchema table) {
        if (table.keyColumns().isEmpty()) {
            throw new IllegalArgumentException(table.id() + " has no primary key and no unique index over NOT NULL"
                    + " columns; an incremental snapshot reads it in key order");
        }
        List<ColumnDef> key = new ArrayList<>();
        for (int index : table.keyIndexes()) {
            key.add(table.columns().get(index));
        }
        return new KeyOrder(key);
    }

    int size() {
        return columns.size();
    }

    /** The key columns as a select list, binary ones as they are (their text would not compare right). */
    String selectList() {
        StringBuilder sql = new StringBuilder();
        for (int k = 0; k < columns.size(); k++) {
            ColumnDef column = columns.get(k);
            sql.append(k == 0 ? "" : ", ").append(isBinary(column) ? quoteName(column.name()) : selectExpression(column));
        }
        return sql.toString();
    }

    /** {@code (k1, k2)}. */
    String tuple() {
        StringBuilder tuple = new StringBuilder("(");
        for (int k = 0; k < columns.size(); k++) {
            tuple.append(k == 0 ? "" : ", ").append(quoteName(columns.get(k).name()));
        }
        return tuple.append(')').toString();
    }

    /** {@code (?, ?)}. */
    String placeholders() {
        return "(" + "?, ".repeat(columns.size() - 1) + "?)";
    }

    String orderBy(boolean descending) {
        StringBuilder order = new StringBuilder();
        for (int k = 0; k < columns.size(); k++) {
            order.append(k == 0 ? "" : ", ").append(quoteName(columns.get(k).name())).append(descending ? " DESC" : "");
        }
        return order.toString();
    }

    List<Object> read(ResultSet rs, int firstIndex) throws SQLException {
        List<Object> values = new ArrayList<>(columns.size());
        for (int k = 0; k < columns.size(); k++) {
            values.add(isBinary(columns.get(k)) ? rs.getBytes(firstIndex + k) : rs.getString(firstIndex + k));
        }
        return values;
    }

    static int bind(PreparedStatement statement, int first, List<Object> values) throws SQLException {
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

    private static boolean isBinary(ColumnDef column) {
        return switch (column.dataType().toLowerCase(Locale.ROOT)) {
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob", "bit" -> true;
            default -> false;
        };
    }
}
