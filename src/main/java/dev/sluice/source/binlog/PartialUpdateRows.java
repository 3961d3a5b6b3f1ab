package dev.sluice.source.binlog;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;

import java.io.IOException;
import java.io.Serializable;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * MySQL's PARTIAL_UPDATE_ROWS_EVENT (a session with {@code binlog_row_value_options=PARTIAL_JSON}):
 * an UPDATE_ROWS v2 event whose after images start with value options, and when those say
 * PARTIAL_JSON, a bit per JSON column of the table telling which JSON values are logged as a list
 * of changes (see {@link JsonDiffs}) instead of the whole document. The changes are applied to the
 * before image here, so the event leaves the decoder as an ordinary update with full after images.
 */
final class PartialUpdateRows extends RowDecoding.Updates {

    private static final int PARTIAL_JSON = 1;

    private final Map<Long, TableMapEventData> tableMaps;

    PartialUpdateRows(Map<Long, TableMapEventData> tableMaps) {
        super(tableMaps);
        this.tableMaps = tableMaps;
    }

    @Override
    public UpdateRowsEventData deserialize(ByteArrayInputStream in) throws IOException {
        UpdateRowsEventData event = new UpdateRowsEventData();
        event.setTableId(in.readLong(6));
        in.skip(2); // flags
        in.skip(in.readInteger(2) - 2); // extra row information
        int width = in.readPackedInteger();
        BitSet beforeColumns = in.readBitSet(width, true);
        BitSet afterColumns = in.readBitSet(width, true);
        event.setIncludedColumnsBeforeUpdate(beforeColumns);
        event.setIncludedColumns(afterColumns);
        TableMapEventData map = tableMaps.get(event.getTableId());
        if (map == null) {
            throw new IOException("a partial update of table id " + event.getTableId() + " without its table map");
        }
        int[] jsonColumns = jsonColumns(map);
        List<Map.Entry<Serializable[], Serializable[]>> rows = new ArrayList<>();
        while (in.available() > 0) {
            Serializable[] before = deserializeRow(event.getTableId(), beforeColumns, in);
            long options = in.readPackedLong();
            BitSet partial = (options & PARTIAL_JSON) != 0 ? in.readBitSet(jsonColumns.length, true) : new BitSet();
            // A partial value is framed like a whole JSON value (a 4-byte length), so it reads as one:
            // the column's value is then the list of changes.
            Serializable[] after = deserializeRow(event.getTableId(), afterColumns, in);
            for (int k = partial.nextSetBit(0); k >= 0; k = partial.nextSetBit(k + 1)) {
                applyDiff(map, jsonColumns[k], beforeColumns, before, afterColumns, after);
            }
            rows.add(new AbstractMap.SimpleEntry<>(before, after));
        }
        event.setRows(rows);
        return event;
    }

    private static void applyDiff(TableMapEventData map, int column, BitSet beforeColumns, Serializable[] before,
            BitSet afterColumns, Serializable[] after) throws IOException {
        String name = map.getDatabase() + "." + map.getTable() + " column " + (column + 1);
        if (!afterColumns.get(column)) {
            throw new IOException("a partial JSON update of " + name + " outside the after image");
        }
        if (map.getColumnMetadata()[column] != 4) {
            throw new IOException("a partial JSON update of " + name + " with a " + map.getColumnMetadata()[column]
                    + "-byte length field (MySQL writes 4)");
        }
        if (!beforeColumns.get(column) || before[indexOf(beforeColumns, column)] == null) {
            throw new IOException("a partial JSON update of " + name + " without its value in the before image,"
                    + " so the whole document cannot be rebuilt: set binlog_row_image=FULL, or stop sessions from"
                    + " setting binlog_row_value_options=PARTIAL_JSON");
        }
        int at = indexOf(afterColumns, column);
        after[at] = JsonDiffs.apply((byte[]) before[indexOf(beforeColumns, column)], (byte[]) after[at]);
    }

    /** The positions of the table's JSON columns, in order (each has one partial bit). */
    private static int[] jsonColumns(TableMapEventData map) {
        byte[] types = map.getColumnTypes();
        int count = 0;
        for (byte type : types) {
            count += (type & 0xFF) == ColumnType.JSON.getCode() ? 1 : 0;
        }
        int[] columns = new int[count];
        for (int i = 0, k = 0; i < types.length; i++) {
            if ((types[i] & 0xFF) == ColumnType.JSON.getCode()) {
                columns[k++] = i;
            }
        }
        return columns;
    }

    /** Where a column's value sits in a row image holding only the included columns. */
    private static int indexOf(BitSet included, int column) {
        return included.get(0, column).cardinality();
    }
}
