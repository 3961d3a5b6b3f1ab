package dev.sluice.source.binlog;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * What a TABLE_MAP event says about the table whose rows follow: its server-assigned id (valid
 * only until the server reopens the table, and reused after a restart), its name, the binlog type
 * of each column, and, where the server logs full row metadata, the column names, signedness and
 * character sets. One instance stands for one definition: the interpreter hands out the same
 * instance while an id keeps naming the same table the same way, and a new one when it does not,
 * so a decoder cached for an instance never decodes another table's rows.
 */
public final class TableMap {

    private final long id;
    private final String database;
    private final String table;
    private final int[] columnTypes;
    private final int[] columnMetadata;
    private final List<String> columnNames;
    private final BitSet unsigned;
    private final List<Integer> columnCharsets;
    private final Integer defaultCharset;
    private final Map<Integer, Integer> charsetExceptions;

    TableMap(TableMapEventData data) {
        this.id = data.getTableId();
        this.database = data.getDatabase();
        this.table = data.getTable();
        byte[] types = data.getColumnTypes();
        this.columnTypes = new int[types.length];
        for (int i = 0; i < types.length; i++) {
            columnTypes[i] = types[i] & 0xFF;
        }
        this.columnMetadata = data.getColumnMetadata() == null ? new int[0] : data.getColumnMetadata().clone();
        TableMapEventMetadata metadata = data.getEventMetadata();
        this.columnNames = metadata == null || metadata.getColumnNames() == null || metadata.getColumnNames().isEmpty()
                ? null : List.copyOf(metadata.getColumnNames());
        this.unsigned = metadata == null ? null : metadata.getSignedness();
        this.columnCharsets = metadata == null || metadata.getColumnCharsets() == null
                || metadata.getColumnCharsets().isEmpty() ? null : List.copyOf(metadata.getColumnCharsets());
        TableMapEventMetadata.DefaultCharset defaults = metadata == null ? null : metadata.getDefaultCharset();
        this.defaultCharset = defaults == null ? null : defaults.getDefaultCharsetCollation();
        this.charsetExceptions = defaults == null || defaults.getCharsetCollations() == null ? Map.of()
                : Map.copyOf(defaults.getCharsetCollations());
    }

    /** Whether another map (perhaps under another id) describes this table in the same way. */
    public boolean sameDefinition(TableMap other) {
        return other == this || (database.equals(other.database) && table.equals(other.table)
                && Arrays.equals(columnTypes, other.columnTypes) && Arrays.equals(columnMetadata, other.columnMetadata)
                && java.util.Objects.equals(columnNames, other.columnNames)
                && java.util.Objects.equals(unsigned, other.unsigned)
                && java.util.Objects.equals(columnCharsets, other.columnCharsets)
                && java.util.Objects.equals(defaultCharset, other.defaultCharset)
                && charsetExceptions.equals(other.charsetExceptions));
    }

    public long id() {
        return id;
    }

    public String database() {
        return database;
    }

    public String table() {
        return table;
    }

    public int columnCount() {
        return columnTypes.length;
    }

    /** The binlog type code of a column (MySQL's enum_field_types). */
    public int columnType(int index) {
        return columnTypes[index];
    }

    /** The column names, or null when the server does not log them ({@code binlog_row_metadata=MINIMAL}). */
    public List<String> columnNames() {
        return columnNames;
    }

    /** Which numeric columns are unsigned, by column position; null when not logged. */
    public BitSet unsigned() {
        return unsigned;
    }

    /**
     * The collation id of the {@code index}-th character column (strings and text, not ENUM/SET),
     * or null when the server logs no charsets.
     */
    public Integer characterCollation(int index) {
        if (columnCharsets != null) {
            return index < columnCharsets.size() ? columnCharsets.get(index) : null;
        }
        if (defaultCharset == null) {
            return null;
        }
        return charsetExceptions.getOrDefault(index, defaultCharset);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(database + "." + table + " (");
        for (int i = 0; i < columnTypes.length; i++) {
            out.append(i == 0 ? "" : ", ")
                    .append(columnNames != null && i < columnNames.size() ? columnNames.get(i) : "column" + (i + 1))
                    .append(" type ").append(columnTypes[i]);
        }
        return out.append(')').toString();
    }
}
