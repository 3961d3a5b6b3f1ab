package dev.sluice.schema;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * The definitions of the captured tables. Each row event is checked against the definition it
 * is decoded with (column count, and names where the server logs full row metadata); a table
 * that does not fit is re-read once from {@code information_schema}, and a table that still
 * does not fit stops the stream rather than produce wrongly labelled values.
 */
public final class SchemaCatalog {

    /** Reads one table's current definition; null when it does not exist. */
    public interface TableLoader {
        TableSchema load(TableId id) throws SQLException;
    }

    private final BiPredicate<String, String> captured;
    private final TableLoader loader;
    private final Map<TableId, TableSchema> tables = new ConcurrentHashMap<>();

    public SchemaCatalog(Map<TableId, TableSchema> initial, BiPredicate<String, String> captured, TableLoader loader) {
        this.captured = captured;
        this.loader = loader;
        tables.putAll(initial);
    }

    public boolean isCaptured(String database, String table) {
        return captured.test(database, table);
    }

    public Map<TableId, TableSchema> tables() {
        return Map.copyOf(tables);
    }

    /**
     * The definition to decode a row event of a captured table with.
     *
     * @param binlogColumnCount columns in the event's table map
     * @param binlogColumnNames names from full row metadata, or null when the server logs none
     */
    public TableSchema resolve(TableId id, int binlogColumnCount, List<String> binlogColumnNames) throws SQLException {
        TableSchema known = tables.get(id);
        if (known != null && fits(known, binlogColumnCount, binlogColumnNames)) {
            return known;
        }
        TableSchema current = loader.load(id);
        if (current != null && fits(current, binlogColumnCount, binlogColumnNames)) {
            tables.put(id, current);
            return current;
        }
        throw new SchemaMismatchException("the binlog has " + binlogColumnCount + " columns for " + id
                + (binlogColumnNames == null ? "" : " " + binlogColumnNames)
                + " but the table is now defined as " + describe(current)
                + "; the table changed after this binlog position and Sluice cannot decode it safely");
    }

    private static boolean fits(TableSchema schema, int count, List<String> names) {
        if (schema.columns().size() != count) {
            return false;
        }
        if (names == null || names.isEmpty()) {
            return true;
        }
        for (int i = 0; i < count; i++) {
            if (!schema.columns().get(i).name().equalsIgnoreCase(names.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static String describe(TableSchema schema) {
        if (schema == null) {
            return "missing";
        }
        return schema.columns().stream().map(c -> c.name() + " " + c.columnType()).toList().toString();
    }
}
