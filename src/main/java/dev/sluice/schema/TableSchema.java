package dev.sluice.schema;

import java.util.List;

/** A captured table's columns in binlog order and its primary key (empty when it has none). */
public record TableSchema(TableId id, List<ColumnDef> columns, List<String> primaryKey) {

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

    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException(id + " has no column " + column);
    }
}
