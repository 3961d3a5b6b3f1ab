package dev.sluice.source.binlog;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import dev.sluice.source.SourceUnavailableException;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads one transaction again from the binlog (a range of one file, from its first event to the
 * end of the event that ended it) and hands its row events to a consumer, numbered as the first
 * reading numbered them, except the ranges given as dropped.
 */
final class TransactionReplay {

    private final BinlogInterpreter.Rereader rereader;
    private final Function<TableMapEventData, TableMap> tableMaps;

    /**
     * @param tableMaps turns a table map event into the interpreter's table map (the same instance
     *     for a definition it already knows)
     */
    TransactionReplay(BinlogInterpreter.Rereader rereader, Function<TableMapEventData, TableMap> tableMaps) {
        this.rereader = rereader;
        this.tableMaps = tableMaps;
    }

    /**
     * @throws UnsupportedBinlogException when the range's binlog file is gone (purged)
     * @throws SourceUnavailableException when the connection ended before the range did (retried)
     */
    void read(PreparedXa range, Consumer<RowChanges> rows) throws InterruptedException {
        if (!rereader.files().contains(range.file())) {
            throw new UnsupportedBinlogException("the transaction at " + range.file() + ":" + range.start() + " must be"
                    + " read again to publish its rows (an XA commit, or a transaction too large to hold after a"
                    + " savepoint), but the source no longer has " + range.file() + ". Re-snapshot the tables it"
                    + " changed");
        }
        Reading reading = new Reading(range, rows);
        rereader.read(range.file(), range.start(), reading::visit);
        if (!reading.reachedEnd) {
            throw new SourceUnavailableException("the connection reading the transaction at " + range.file() + ":"
                    + range.start() + "-" + range.end() + " again ended before the transaction did");
        }
    }

    private final class Reading {
        private final PreparedXa range;
        private final Consumer<RowChanges> rows;
        private final Map<Long, TableMap> maps = new HashMap<>();
        private String file;
        private long index;
        private boolean reachedEnd;

        Reading(PreparedXa range, Consumer<RowChanges> rows) {
            this.range = range;
            this.rows = rows;
            this.file = range.file();
        }

        boolean visit(Event event) {
            EventHeaderV4 header = (EventHeaderV4) event.getHeader();
            Object data = BinlogInterpreter.unwrap(event.getData());
            if (data instanceof RotateEventData rotate) {
                file = rotate.getBinlogFilename();
                return true;
            }
            if (!file.equals(range.file()) || header.getPosition() >= range.end()) {
                return false;
            }
            event(header, data, header.getPosition());
            reachedEnd = header.getNextPosition() >= range.end();
            return !reachedEnd;
        }

        private void event(EventHeaderV4 header, Object data, long position) {
            if (data instanceof TableMapEventData map) {
                maps.put(map.getTableId(), tableMaps.apply(map));
            } else if (RowChanges.isRows(data)) {
                long event = index++;
                TableMap table = maps.get(RowChanges.tableId(data));
                if (table == null) {
                    throw new UnsupportedBinlogException("Reading the transaction at " + range.file() + ":"
                            + range.start() + " again, a row event at " + position + " has no TABLE_MAP before it");
                }
                if (!HeldRows.isDropped(range.dropped(), event)) {
                    rows.accept(RowChanges.of(header, data, position, table, range.file(), event));
                }
            } else if (data instanceof CompressedTransaction payload) {
                try (CompressedTransaction.Events events = payload.events()) {
                    for (Event inner : events) {
                        event((EventHeaderV4) inner.getHeader(), BinlogInterpreter.unwrap(inner.getData()), position);
                    }
                }
            }
        }
    }
}
