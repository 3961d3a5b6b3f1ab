package dev.sluice.source.binlog;

import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.MySqlGtid;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.XAPrepareEventData;
import com.github.shyiko.mysql.binlog.event.XidEventData;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A binlog file built event by event for interpreter tests: each event gets the next position,
 * 100 bytes apart; {@link #rereader()} reads it again from a position, as the server would.
 */
final class FakeBinlog {

    static final String FILE = "mysql-bin.000001";
    static final String UUID = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

    final List<Event> events = new ArrayList<>();
    private long position = 4;
    int rereads;

    Event add(EventType type, EventData data) {
        return add(type.ordinal() == 0 ? 0 : number(type), data, 0);
    }

    Event add(int rawType, EventData data, int flags) {
        BinlogEventHeader header = new BinlogEventHeader();
        header.rawType(rawType);
        header.setTimestamp(1_700_000_000_000L);
        header.setServerId(7);
        header.setEventLength(100);
        header.setNextPosition(position + 100);
        header.setFlags(flags);
        position += 100;
        Event event = new Event(header, data);
        events.add(event);
        return event;
    }

    private static int number(EventType type) {
        for (int n = 0; n < 256; n++) {
            if (EventType.byEventNumber(n) == type) {
                return n;
            }
        }
        throw new IllegalArgumentException(type.toString());
    }

    Event gtid(int sequence) {
        return add(EventType.GTID, new GtidEventData(MySqlGtid.fromString(UUID + ":" + sequence), (byte) 0, 0, 0, 0,
                0, 0, 0, 0));
    }

    Event mariadbGtid(int sequence, int flags) {
        MariadbGtidEventData data = new MariadbGtidEventData();
        data.setSequence(sequence);
        data.setDomainId(0);
        data.setFlags(flags);
        return add(EventType.MARIADB_GTID, data);
    }

    Event query(String sql) {
        return add(EventType.QUERY, new QueryText(sql.getBytes(StandardCharsets.UTF_8), 255, "db"));
    }

    Event tableMap(long id, String table) {
        TableMapEventData map = new TableMapEventData();
        map.setTableId(id);
        map.setDatabase("db");
        map.setTable(table);
        map.setColumnTypes(new byte[] {3});
        map.setColumnMetadata(new int[] {0});
        return add(EventType.TABLE_MAP, map);
    }

    Event insert(long tableId, int... ids) {
        WriteRowsEventData data = new WriteRowsEventData();
        data.setTableId(tableId);
        data.setIncludedColumns(all());
        List<Serializable[]> rows = new ArrayList<>();
        for (int id : ids) {
            rows.add(new Serializable[] {id});
        }
        data.setRows(rows);
        return add(EventType.EXT_WRITE_ROWS, data);
    }

    Event update(long tableId, int from, int to) {
        UpdateRowsEventData data = new UpdateRowsEventData();
        data.setTableId(tableId);
        data.setIncludedColumnsBeforeUpdate(all());
        data.setIncludedColumns(all());
        data.setRows(List.of(new AbstractMap.SimpleEntry<>(new Serializable[] {from}, new Serializable[] {to})));
        return add(EventType.EXT_UPDATE_ROWS, data);
    }

    Event delete(long tableId, int id) {
        DeleteRowsEventData data = new DeleteRowsEventData();
        data.setTableId(tableId);
        data.setIncludedColumns(all());
        data.setRows(List.<Serializable[]>of(new Serializable[] {id}));
        return add(EventType.EXT_DELETE_ROWS, data);
    }

    Event xid() {
        XidEventData data = new XidEventData();
        data.setXid(1);
        return add(EventType.XID, data);
    }

    Event xaPrepare(String gtrid, boolean onePhase) {
        XAPrepareEventData data = new XAPrepareEventData();
        data.setOnePhase(onePhase);
        data.setFormatID(1);
        data.setGtridLength(gtrid.length());
        data.setBqualLength(0);
        data.setData(gtrid.getBytes(StandardCharsets.US_ASCII));
        return add(EventType.XA_PREPARE, data);
    }

    /** A transaction: GTID, BEGIN, the table map and one insert of these ids, XID. */
    void insertTransaction(int sequence, long tableId, int... ids) {
        gtid(sequence);
        query("BEGIN");
        tableMap(tableId, "t");
        insert(tableId, ids);
        xid();
    }

    private static BitSet all() {
        BitSet columns = new BitSet();
        columns.set(0);
        return columns;
    }

    BinlogInterpreter.Rereader rereader() {
        return new BinlogInterpreter.Rereader() {
            @Override
            public void read(String file, long start, Predicate<Event> visitor) {
                rereads++;
                RotateEventData rotate = new RotateEventData();
                rotate.setBinlogFilename(file);
                rotate.setBinlogPosition(start);
                BinlogEventHeader header = new BinlogEventHeader();
                header.rawType(4);
                if (!visitor.test(new Event(header, rotate))) {
                    return;
                }
                for (Event event : events) {
                    long at = ((BinlogEventHeader) event.getHeader()).getPosition();
                    if (at >= start && !visitor.test(event)) {
                        return;
                    }
                }
            }

            @Override
            public List<String> files() {
                return List.of(FILE);
            }
        };
    }

    /** Records what the interpreter delivers, one line per call. */
    static class Recorder implements BinlogListener {
        final List<String> calls = new ArrayList<>();
        BinlogCursor cursor;

        @Override
        public void begin() {
            calls.add("begin " + cursor.gtid());
        }

        @Override
        public void rows(RowChanges rows) {
            StringBuilder line = new StringBuilder(rows.operation() + " " + rows.table().table());
            for (int i = 0; i < rows.size(); i++) {
                Object[] row = rows.after(i) != null ? rows.after(i) : rows.before(i);
                line.append(' ').append(row[0]);
            }
            if (rows.firstNewRow() > 0) {
                line.append(" (first new row ").append(rows.firstNewRow()).append(')');
            }
            calls.add(line + " @" + rows.eventIndex());
        }

        @Override
        public void statement(String sql, String database) {
            calls.add("statement " + sql);
        }

        @Override
        public void commit() {
            calls.add("commit -> " + cursor.transactionStart() + (cursor.prepared().isEmpty() ? ""
                    : " prepared " + cursor.prepared().stream().map(PreparedXa::xid).toList()));
        }
    }

    static Map.Entry<String, Long> at(Event event) {
        return Map.entry(FILE, ((BinlogEventHeader) event.getHeader()).getPosition());
    }
}
