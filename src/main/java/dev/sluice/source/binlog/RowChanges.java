package dev.sluice.source.binlog;

import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * One row event of a committed (or committing) transaction: the table, the operation and its
 * rows, each row's values in column order (only the columns the event includes). Rows before
 * {@link #firstNewRow()} were delivered before a restart and must not be sent again.
 */
public final class RowChanges {

    public enum Operation { INSERT, UPDATE, DELETE }

    private final TableMap table;
    private final Operation operation;
    private final List<Serializable[]> images;
    private final List<Map.Entry<Serializable[], Serializable[]>> updates;
    private final BitSet columnsBefore;
    private final BitSet columnsAfter;
    private final String file;
    private final long position;
    private final long eventIndex;
    private final long bytes;
    private int firstNewRow;

    private RowChanges(TableMap table, Operation operation, List<Serializable[]> images,
            List<Map.Entry<Serializable[], Serializable[]>> updates, BitSet columnsBefore, BitSet columnsAfter,
            String file, long position, long eventIndex, long bytes) {
        this.table = table;
        this.operation = operation;
        // The library collects rows in a LinkedList: indexed reads would walk it once per row.
        this.images = images == null || images instanceof RandomAccess ? images : new ArrayList<>(images);
        this.updates = updates == null || updates instanceof RandomAccess ? updates : new ArrayList<>(updates);
        this.columnsBefore = columnsBefore;
        this.columnsAfter = columnsAfter;
        this.file = file;
        this.position = position;
        this.eventIndex = eventIndex;
        this.bytes = bytes;
    }

    /** Whether the decoded data is a row event (inserts, updates of any kind, deletes). */
    static boolean isRows(Object data) {
        return data instanceof WriteRowsEventData || data instanceof UpdateRowsEventData
                || data instanceof DeleteRowsEventData;
    }

    static long tableId(Object data) {
        if (data instanceof WriteRowsEventData write) {
            return write.getTableId();
        }
        if (data instanceof UpdateRowsEventData update) {
            return update.getTableId();
        }
        return ((DeleteRowsEventData) data).getTableId();
    }

    /**
     * @param position the binlog position standing for the event (a compressed transaction's for
     *     the events inside it)
     * @param index the event's index among the row events of its transaction
     */
    static RowChanges of(EventHeaderV4 header, Object data, long position, TableMap table, String file, long index) {
        long bytes = header.getDataLength();
        if (data instanceof WriteRowsEventData write) {
            return new RowChanges(table, Operation.INSERT, write.getRows(), null, null, write.getIncludedColumns(),
                    file, position, index, bytes);
        }
        if (data instanceof UpdateRowsEventData update) {
            return new RowChanges(table, Operation.UPDATE, null, update.getRows(),
                    update.getIncludedColumnsBeforeUpdate(), update.getIncludedColumns(), file, position, index, bytes);
        }
        DeleteRowsEventData delete = (DeleteRowsEventData) data;
        return new RowChanges(table, Operation.DELETE, delete.getRows(), null, delete.getIncludedColumns(), null, file,
                position, index, bytes);
    }

    public TableMap table() {
        return table;
    }

    public Operation operation() {
        return operation;
    }

    public int size() {
        return operation == Operation.UPDATE ? updates.size() : images.size();
    }

    /** The row before the change (null for an insert). */
    public Object[] before(int row) {
        return switch (operation) {
            case INSERT -> null;
            case UPDATE -> updates.get(row).getKey();
            case DELETE -> images.get(row);
        };
    }

    /** The row after the change (null for a delete). */
    public Object[] after(int row) {
        return switch (operation) {
            case INSERT -> images.get(row);
            case UPDATE -> updates.get(row).getValue();
            case DELETE -> null;
        };
    }

    /** Whether both images hold every column of a table of this width (binlog_row_image=FULL). */
    public boolean hasFullImages(int columns) {
        return (columnsBefore == null || columnsBefore.cardinality() == columns)
                && (columnsAfter == null || columnsAfter.cardinality() == columns);
    }

    /** The binlog file and position of the event, for the source block. */
    public String file() {
        return file;
    }

    public long position() {
        return position;
    }

    /** The event's index among the row events of its transaction (the offset's {@code event}). */
    public long eventIndex() {
        return eventIndex;
    }

    public int firstNewRow() {
        return firstNewRow;
    }

    void firstNewRow(int row) {
        this.firstNewRow = row;
    }

    /** The event's size in the binlog, for bounding what is held in memory. */
    long bytes() {
        return bytes;
    }
}
