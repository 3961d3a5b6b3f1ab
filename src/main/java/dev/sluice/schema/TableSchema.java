package dev.sluice.schema;

import java.util.List;

/**
 * A table's columns in binlog order, its primary key (empty when it has none) and its default
 * character set (what a column added without one gets).
 */
public record TableSchema(TableId id, List<ColumnDef> columns, List<String> primaryKey, String defaultCharset) {

    public TableSchema {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /** Positions (0-based, binlog order) of the primary-key columns, in key order. */
    public int[] primaryKeyIndexes() {
        int[] indexes = new int[primaryKey.size()];
        for (int k = 0; k < indexes.length; k++) {
            indexes[k] = indexOf(primaryKey.get(k));
        }
        return indexes;
    }

    /** The 0-based index of a column (MySQL column names ignore case), -1 when absent. */
    public int find(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }

    public int indexOf(String column) {
        int index = find(column);
        if (index < 0) {
            throw new IllegalArgumentException(id + " has no column " + column);
        }
        return index;
    }

    public TableSchema withId(TableId newId) {
        return new TableSchema(newId, columns, primaryKey, defaultCharset);
    }

    /** A readable multi-column form for error messages. */
    public String describe() {
        return id + " (" + String.join(", ", columns.stream().map(ColumnDef::describe).toList())
                + (primaryKey.isEmpty() ? "" : ", primary key " + primaryKey) + ")";
    }
}
