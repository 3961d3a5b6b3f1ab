package dev.sluice.snapshot;

import dev.sluice.schema.ColumnDef;
import dev.sluice.schema.TableSchema;
import dev.sluice.schema.types.ColumnTypes;
import dev.sluice.schema.types.SnapshotRead;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * A table's columns as snapshots select them ({@link ConsistentSnapshot#selectExpression}) and read
 * them back into the stream's value representation ({@link SnapshotRead}).
 */
final class SelectedColumns {

    private final SnapshotRead[] readers;
    private final String selectList;

    SelectedColumns(TableSchema table) {
        List<ColumnDef> columns = table.columns();
        readers = new SnapshotRead[columns.size()];
        StringBuilder select = new StringBuilder();
        for (int k = 0; k < columns.size(); k++) {
            readers[k] = ColumnTypes.of(columns.get(k)).snapshotRead(columns.get(k));
            select.append(k == 0 ? "" : ", ").append(ConsistentSnapshot.selectExpression(columns.get(k)));
        }
        selectList = select.toString();
    }

    /** The columns for a SELECT, in the table's order. */
    String selectList() {
        return selectList;
    }

    int count() {
        return readers.length;
    }

    /** The current row's columns, which the SELECT lists first. */
    Object[] read(ResultSet rs) throws SQLException {
        Object[] row = new Object[readers.length];
        for (int k = 0; k < readers.length; k++) {
            row[k] = readers[k].read(rs, k + 1);
        }
        return row;
    }
}
