package dev.sluice.schema;

import java.util.List;

/**
 * A table's columns in binlog order, its primary key (empty when it has none), its other indexes
 * in the order the server keeps them, and its default character set (what a column added without
 * one gets).
 */
public record TableSchema(TableId id, List<ColumnDef> columns, List<String> primaryKey, List<IndexDef> indexes,
        String defaultCharset) {

    public TableSchema {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        indexes = ranked(indexes, columns);
    }

    /** A table whose indexes other than the primary key are unknown or none. */
    public TableSchema(TableId id, List<ColumnDef> columns, List<String> primaryKey, String defaultCharset) {
        this(id, columns, primaryKey, List.of(), defaultCharset);
    }

    /**
     * The columns that key the table's records: the primary key; without one, the first unique
     * index over NOT NULL columns alone, in the order the server keeps indexes (the index InnoDB
     * clusters such a table by). A nullable unique index keys nothing: rows with NULL there may
     * repeat it. Empty when there is none.
     */
    public List<String> keyColumns() {
        if (!primaryKey.isEmpty()) {
            return primaryKey;
        }
        for (IndexDef index : indexes) {
            if (isKeyCandidate(index)) {
                return index.columns();
            }
        }
        return List.of();
    }

    private boolean isKeyCandidate(IndexDef index) {
        if (!index.unique() || index.functional() || index.columns().isEmpty()) {
            return false;
        }
        for (String name : index.columns()) {
            int at = find(name);
            if (at < 0 || columns.get(at).nullable()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The indexes ranked as MySQL ranks them when it (re)builds a table: unique ones first, those
     * over NOT NULL columns before nullable ones, whole columns before prefixes; within a rank in
     * the order given (declaration order, or the server's). MariaDB keeps an index's old rank
     * after a change of nullability until its indexes change; Sluice ranks by the definition
     * alone, so that definitions read from the server and derived from DDL choose the same key.
     */
    private static List<IndexDef> ranked(List<IndexDef> indexes, List<ColumnDef> columns) {
        List<IndexDef> ranked = new java.util.ArrayList<>(indexes);
        ranked.sort(java.util.Comparator.comparingInt(index -> rank(index, columns))); // stable
        return List.copyOf(ranked);
    }

    private static int rank(IndexDef index, List<ColumnDef> columns) {
        if (!index.unique()) {
            return 4;
        }
        boolean nullable = index.functional() || index.columns().stream().anyMatch(name -> columns.stream()
                .noneMatch(column -> column.name().equalsIgnoreCase(name) && !column.nullable()));
        return (nullable ? 2 : 0) + (index.prefixed() ? 1 : 0);
    }

    /** Positions (0-based, binlog order) of the key columns ({@link #keyColumns()}), in key order. */
    public int[] keyIndexes() {
        List<String> key = keyColumns();
        int[] indexes = new int[key.size()];
        for (int k = 0; k < indexes.length; k++) {
            indexes[k] = indexOf(key.get(k));
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
        return new TableSchema(newId, columns, primaryKey, indexes, defaultCharset);
    }

    /** A readable multi-column form for error messages. */
    public String describe() {
        return id + " (" + String.join(", ", columns.stream().map(ColumnDef::describe).toList())
                + (primaryKey.isEmpty() ? keyColumns().isEmpty() ? "" : ", unique key " + keyColumns()
                        : ", primary key " + primaryKey) + ")";
    }
}
