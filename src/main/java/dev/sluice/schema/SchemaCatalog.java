package dev.sluice.schema;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * The definitions of the captured tables. Each table map is checked against the definition it
 * is decoded with (column count, each column's binlog type, and names where the server logs
 * full row metadata); after DDL, or when a table does not fit, its definition is re-read from
 * {@code information_schema}, and a table that still does not fit stops the stream rather than
 * produce wrongly labelled values.
 */
public final class SchemaCatalog {

    /** Reads one table's current definition; null when it does not exist. */
    public interface TableLoader {
        TableSchema load(TableId id) throws SQLException;
    }

    private final BiPredicate<String, String> captured;
    private final TableLoader loader;
    private final Map<TableId, TableSchema> tables = new ConcurrentHashMap<>();
    private final Set<TableId> stale = ConcurrentHashMap.newKeySet();

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

    /** DDL ran: every known definition is re-read before it decodes another row. */
    public void invalidateAll() {
        stale.addAll(tables.keySet());
    }

    /**
     * The definition to decode a row event of a captured table with.
     *
     * @param binlogTypes the column type codes of the event's table map
     * @param binlogColumnNames names from full row metadata, or null when the server logs none
     */
    public TableSchema resolve(TableId id, byte[] binlogTypes, List<String> binlogColumnNames) throws SQLException {
        TableSchema known = tables.get(id);
        if (known != null && !stale.contains(id) && fits(known, binlogTypes, binlogColumnNames)) {
            return known;
        }
        TableSchema current = loader.load(id);
        stale.remove(id);
        if (current != null && fits(current, binlogTypes, binlogColumnNames)) {
            tables.put(id, current);
            return current;
        }
        throw new SchemaMismatchException("the binlog has " + binlogTypes.length + " columns for " + id
                + (binlogColumnNames == null ? "" : " " + binlogColumnNames)
                + " but the table is now defined as " + describe(current)
                + "; the table changed after this binlog position and Sluice cannot decode it safely");
    }

    private static boolean fits(TableSchema schema, byte[] types, List<String> names) {
        if (schema.columns().size() != types.length) {
            return false;
        }
        for (int i = 0; i < types.length; i++) {
            ColumnDef column = schema.columns().get(i);
            if (!ColumnTypes.binlogTypeFits(column.dataType(), types[i] & 0xFF)) {
                return false;
            }
            if (names != null && !names.isEmpty() && !column.name().equalsIgnoreCase(names.get(i))) {
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
