package dev.sluice.source.binlog;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.FormatDescriptionEventData;
import com.github.shyiko.mysql.binlog.event.GtidTaggedEventData;
import com.github.shyiko.mysql.binlog.event.MySqlGtid;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import dev.sluice.source.ServerFlavor;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinlogInterpreterTest {

    private static final Map<Integer, String> COLLATIONS = Map.of(8, "latin1", 255, "utf8mb4", 63, "binary");

    private final FakeBinlog binlog = new FakeBinlog();
    private final FakeBinlog.Recorder recorder = new FakeBinlog.Recorder();

    private BinlogInterpreter interpreter(ServerFlavor flavor, long maxHeld, long skipEvents, long skipRows) {
        BinlogInterpreter interpreter = new BinlogInterpreter(
                new BinlogInterpreter.Options(flavor, true, COLLATIONS, maxHeld), binlog.rereader(),
                new BinlogInterpreter.Resume(FakeBinlog.FILE, 4, null, skipEvents, skipRows, List.of()));
        recorder.cursor = interpreter.cursor();
        return interpreter;
    }

    private BinlogInterpreter interpreter() {
        return interpreter(ServerFlavor.MYSQL, 1 << 20, 0, 0);
    }

    private void run(BinlogInterpreter interpreter) throws InterruptedException {
        for (Event event : new ArrayList<>(binlog.events)) {
            interpreter.accept(event, recorder);
        }
    }

    /**
     * Every event type the binlog client knows has a decision with its reason; an ignored type
     * changes nothing, a fatal one stops with its type, position and fix, and a decoded one is
     * handled (each has a scenario here, so a newly decoded type without one fails this test).
     */
    @Test
    void everyEventTypeHasAnExplicitDecision() throws InterruptedException {
        Map<EventType, Consumer<FakeBinlog>> decodedScenarios = decodedScenarios();
        for (EventType type : EventType.values()) {
            EventHandling handling = EventHandling.of(type);
            assertFalse(handling.why().isBlank(), type + " says why");
            FakeBinlog events = new FakeBinlog();
            FakeBinlog.Recorder calls = new FakeBinlog.Recorder();
            ServerFlavor flavor = type == EventType.MARIADB_GTID ? ServerFlavor.MARIADB : ServerFlavor.MYSQL;
            BinlogInterpreter interpreter = new BinlogInterpreter(
                    new BinlogInterpreter.Options(flavor, true, COLLATIONS, 1 << 20), events.rereader(),
                    new BinlogInterpreter.Resume(FakeBinlog.FILE, 4, null, 0, 0, List.of()));
            calls.cursor = interpreter.cursor();
            switch (handling.decision()) {
                case IGNORED -> {
                    Event event = events.add(type, null);
                    assertFalse(interpreter.accept(event, calls), type + " is not a heartbeat");
                    assertEquals(List.of(), calls.calls, type + " is ignored");
                    assertEquals(4, interpreter.cursor().transactionStart(), type + " moves nothing");
                }
                case FATAL -> {
                    Event event = events.add(type, null);
                    UnsupportedBinlogException e = assertThrows(UnsupportedBinlogException.class,
                            () -> interpreter.accept(event, calls), type + " stops the stream");
                    assertTrue(e.getMessage().contains(type.toString()), e.getMessage());
                    assertTrue(e.getMessage().contains(FakeBinlog.FILE + ":4"), e.getMessage());
                    assertTrue(e.getMessage().contains(handling.why()), e.getMessage());
                }
                case DECODED -> {
                    Consumer<FakeBinlog> scenario = decodedScenarios.get(type);
                    assertTrue(scenario != null, "a test scenario for the decoded type " + type);
                    scenario.accept(events);
                    try {
                        for (Event event : events.events) {
                            interpreter.accept(event, calls);
                        }
                    } catch (UnsupportedBinlogException expected) {
                        assertTrue(type == EventType.INCIDENT, type + ": " + expected.getMessage());
                    } catch (IllegalStateException e) {
                        throw new AssertionError(type + " has no decoder: " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    private static Map<EventType, Consumer<FakeBinlog>> decodedScenarios() {
        Map<EventType, Consumer<FakeBinlog>> scenarios = new java.util.EnumMap<>(EventType.class);
        scenarios.put(EventType.UNKNOWN, b -> b.add(200, new UnknownEventData(200), 0x80));
        scenarios.put(EventType.QUERY, b -> b.insertTransaction(1, 5, 1));
        scenarios.put(EventType.ROTATE, b -> {
            RotateEventData rotate = new RotateEventData();
            rotate.setBinlogFilename("mysql-bin.000002");
            rotate.setBinlogPosition(4);
            b.add(EventType.ROTATE, rotate);
        });
        scenarios.put(EventType.EXECUTE_LOAD_QUERY, b -> {
            b.gtid(1);
            b.add(EventType.EXECUTE_LOAD_QUERY, new QueryText("LOAD DATA INFILE 'x' INTO TABLE other.t"
                    .getBytes(StandardCharsets.US_ASCII), 255, "db"));
        });
        scenarios.put(EventType.FORMAT_DESCRIPTION, b -> {
            FormatDescriptionEventData format = new FormatDescriptionEventData();
            format.setBinlogVersion(4);
            b.add(EventType.FORMAT_DESCRIPTION, format);
        });
        scenarios.put(EventType.XID, b -> b.insertTransaction(1, 5, 1));
        scenarios.put(EventType.TABLE_MAP, b -> b.insertTransaction(1, 5, 1));
        for (EventType rows : List.of(EventType.WRITE_ROWS, EventType.UPDATE_ROWS, EventType.DELETE_ROWS,
                EventType.EXT_WRITE_ROWS, EventType.EXT_UPDATE_ROWS, EventType.EXT_DELETE_ROWS,
                EventType.PARTIAL_UPDATE_ROWS_EVENT)) {
            scenarios.put(rows, b -> {
                b.gtid(1);
                b.tableMap(5, "t");
                Event example = switch (rows) {
                    case WRITE_ROWS, EXT_WRITE_ROWS -> b.insert(5, 1);
                    case DELETE_ROWS, EXT_DELETE_ROWS -> b.delete(5, 1);
                    default -> b.update(5, 1, 2);
                };
                b.events.remove(example);
                b.add(rows, example.getData());
                b.xid();
            });
        }
        scenarios.put(EventType.INCIDENT, b -> b.add(EventType.INCIDENT, new IncidentData(1, "LOST_EVENTS")));
        scenarios.put(EventType.HEARTBEAT, b -> b.add(EventType.HEARTBEAT, null));
        scenarios.put(EventType.HEARTBEAT_V2, b -> b.add(EventType.HEARTBEAT_V2, null));
        scenarios.put(EventType.GTID, b -> b.insertTransaction(1, 5, 1));
        scenarios.put(EventType.GTID_TAGGED, b -> {
            b.add(EventType.GTID_TAGGED, new GtidTaggedEventData(MySqlGtid.fromString(FakeBinlog.UUID + ":tag:1"),
                    (byte) 0, 0, 0, 0, 0, 0, 0, 0, 0));
            b.query("CREATE TABLE db.t (id INT)");
        });
        scenarios.put(EventType.ANONYMOUS_GTID, b -> {
            b.add(EventType.ANONYMOUS_GTID, null);
            b.query("CREATE TABLE db.t (id INT)");
        });
        scenarios.put(EventType.MARIADB_GTID, b -> {
            b.mariadbGtid(1, 1);
            b.query("CREATE TABLE db.t (id INT)");
        });
        scenarios.put(EventType.XA_PREPARE, b -> {
            b.gtid(1);
            b.query("XA START X'78',X'',1");
            b.tableMap(5, "t");
            b.insert(5, 1);
            b.query("XA END X'78',X'',1");
            b.xaPrepare("x", true);
        });
        scenarios.put(EventType.TRANSACTION_PAYLOAD, b -> {
            FakeBinlog inner = new FakeBinlog();
            inner.query("BEGIN");
            inner.tableMap(5, "t");
            inner.insert(5, 1);
            inner.xid();
            b.gtid(1);
            b.add(EventType.TRANSACTION_PAYLOAD, CompressedTransaction.ofEvents(inner.events));
        });
        return scenarios;
    }

    @Test
    void rowsOfACommittedTransactionAreDeliveredInOrderWithTheirPlace() throws InterruptedException {
        binlog.insertTransaction(1, 5, 1, 2);
        binlog.gtid(2);
        binlog.query("BEGIN");
        binlog.tableMap(5, "t");
        binlog.update(5, 1, 10);
        binlog.delete(5, 2);
        binlog.xid();
        run(interpreter());
        assertEquals(List.of("begin " + FakeBinlog.UUID + ":1", "INSERT t 1 2 @0", "commit -> 504",
                "begin " + FakeBinlog.UUID + ":2", "UPDATE t 10 @0", "DELETE t 2 @1", "commit -> 1104"),
                recorder.calls);
    }

    @Test
    void aResumeInsideATransactionMarksWhatWasDelivered() throws InterruptedException {
        binlog.gtid(1);
        binlog.query("BEGIN");
        binlog.tableMap(5, "t");
        binlog.insert(5, 1, 2);
        binlog.insert(5, 3, 4, 5);
        binlog.insert(5, 6);
        binlog.xid();
        binlog.insertTransaction(2, 5, 7);
        run(interpreter(ServerFlavor.MYSQL, 1 << 20, 1, 2));
        assertEquals(List.of("INSERT t 1 2 (first new row 2) @0", "INSERT t 3 4 5 (first new row 2) @1",
                "INSERT t 6 @2", "INSERT t 7 @0"), rows(recorder.calls));
    }

    @Test
    void xaRowsArriveAtCommitAndNeverAfterARollback() throws InterruptedException {
        binlog.gtid(1);
        binlog.query("XA START X'7832',X'',1");
        binlog.tableMap(5, "t");
        binlog.insert(5, 100);
        binlog.query("XA END X'7832',X'',1");
        binlog.xaPrepare("x2", false);
        binlog.gtid(2);
        binlog.query("XA ROLLBACK X'7832',X'',1");
        binlog.gtid(3);
        binlog.query("XA START X'7833',X'',1");
        binlog.tableMap(5, "t");
        binlog.insert(5, 101);
        binlog.query("XA END X'7833',X'',1");
        binlog.xaPrepare("x3", false);
        binlog.insertTransaction(4, 5, 1);
        binlog.gtid(5);
        binlog.query("XA COMMIT X'7833',X'',1");
        binlog.gtid(6);
        binlog.query("XA START X'7834',X'',1");
        binlog.tableMap(5, "t");
        binlog.insert(5, 102);
        binlog.query("XA END X'7834',X'',1");
        binlog.xaPrepare("x4", true);
        run(interpreter());
        assertEquals(List.of("INSERT t 1 @0", "INSERT t 101 @0", "INSERT t 102 @0"), rows(recorder.calls));
        assertTrue(recorder.calls.contains("commit -> 604 prepared [X'7832',X'',1]"), recorder.calls.toString());
        assertTrue(recorder.calls.stream().filter(c -> c.startsWith("commit")).skip(4).noneMatch(c -> c.contains("prepared")),
                "nothing is left prepared: " + recorder.calls);
        assertEquals(2, binlog.rereads, "the two-phase and the one-phase commit read their rows again");
    }

    @Test
    void anXaCommitWhosePrepareCameBeforeTheStartIsFoundInTheBinlog() throws InterruptedException {
        binlog.gtid(1);
        binlog.query("XA START X'65',X'',1");
        binlog.tableMap(5, "t");
        binlog.insert(5, 300);
        binlog.query("XA END X'65',X'',1");
        Event prepare = binlog.xaPrepare("e", false);
        binlog.insertTransaction(2, 5, 4);
        binlog.gtid(3);
        binlog.query("XA COMMIT X'65',X'',1");
        BinlogInterpreter interpreter = interpreter();
        for (Event event : binlog.events.subList(binlog.events.indexOf(prepare) + 1, binlog.events.size())) {
            interpreter.accept(event, recorder);
        }
        assertEquals(List.of("INSERT t 4 @0", "INSERT t 300 @0"), rows(recorder.calls));
    }

    @Test
    void rowsRolledBackToASavepointAreDropped() throws InterruptedException {
        for (long maxHeld : new long[] {1 << 20, 150}) { // held in memory, then read again at the commit
            FakeBinlog b = new FakeBinlog();
            b.gtid(1);
            b.query("BEGIN");
            b.tableMap(5, "t");
            b.insert(5, 11);
            b.query("SAVEPOINT `a`");
            b.tableMap(5, "t");
            b.insert(5, 12);
            b.query("SAVEPOINT `b`");
            b.insert(5, 13);
            b.query("ROLLBACK TO `b`");
            b.insert(5, 14);
            b.query("ROLLBACK TO SAVEPOINT a");
            b.insert(5, 15);
            b.xid();
            FakeBinlog.Recorder calls = new FakeBinlog.Recorder();
            BinlogInterpreter interpreter = new BinlogInterpreter(
                    new BinlogInterpreter.Options(ServerFlavor.MYSQL, true, COLLATIONS, maxHeld), b.rereader(),
                    new BinlogInterpreter.Resume(FakeBinlog.FILE, 4, null, 0, 0, List.of()));
            calls.cursor = interpreter.cursor();
            for (Event event : b.events) {
                interpreter.accept(event, calls);
            }
            assertEquals(List.of("INSERT t 11 @0", "INSERT t 15 @4"), rows(calls.calls), "holding " + maxHeld);
            assertEquals(maxHeld == 150 ? 1 : 0, b.rereads);
        }
    }

    @Test
    void aStatementInsideATransactionDoesNotEndIt() throws InterruptedException {
        binlog.gtid(1);
        binlog.query("BEGIN");
        binlog.query("CREATE TABLE `db`.`copy` (`id` int NOT NULL) START TRANSACTION");
        binlog.tableMap(6, "copy");
        binlog.insert(6, 1, 2);
        binlog.xid();
        binlog.gtid(2);
        binlog.query("ALTER TABLE db.t ADD COLUMN c INT");
        run(interpreter());
        assertEquals(List.of("begin " + FakeBinlog.UUID + ":1",
                "statement CREATE TABLE `db`.`copy` (`id` int NOT NULL) START TRANSACTION",
                "INSERT copy 1 2 @0", "commit -> 604", "begin " + FakeBinlog.UUID + ":2",
                "statement ALTER TABLE db.t ADD COLUMN c INT", "commit -> 804"), recorder.calls);
    }

    @Test
    void mariadbTransactionsBeginWithTheirGtidAndItsFlags() throws InterruptedException {
        binlog.mariadbGtid(2, 0);
        binlog.query("INSERT INTO db.t VALUES (3)");
        binlog.xid();
        binlog.mariadbGtid(3, 1);
        binlog.query("ALTER TABLE db.t ADD COLUMN c INT");
        binlog.mariadbGtid(4, 0);
        binlog.query("CREATE TABLE `db`.`copy` (`id` int(11) NOT NULL)");
        binlog.tableMap(6, "copy");
        binlog.insert(6, 1);
        binlog.xid();
        BinlogInterpreter interpreter = interpreter(ServerFlavor.MARIADB, 1 << 20, 0, 0);
        run(interpreter);
        assertEquals(List.of("begin 0-7-2", "statement INSERT INTO db.t VALUES (3)", "commit -> 304",
                "begin 0-7-3", "statement ALTER TABLE db.t ADD COLUMN c INT", "commit -> 504", "begin 0-7-4",
                "statement CREATE TABLE `db`.`copy` (`id` int(11) NOT NULL)", "INSERT copy 1 @0",
                "commit -> 1004"), recorder.calls);
        assertEquals("0-7-4", interpreter.gtids().current(), "the GTIDs read to their end");
    }

    @Test
    void aTableIdNamingAnotherTableGetsANewTableMap() throws InterruptedException {
        binlog.insertTransaction(1, 5, 1);
        binlog.insertTransaction(2, 5, 2);
        binlog.gtid(3);
        binlog.query("BEGIN");
        binlog.tableMap(5, "other");
        binlog.insert(5, 3);
        binlog.xid();
        List<TableMap> maps = new ArrayList<>();
        FakeBinlog.Recorder listener = new FakeBinlog.Recorder() {
            @Override
            public void rows(RowChanges rows) {
                maps.add(rows.table());
            }
        };
        BinlogInterpreter interpreter = interpreter();
        listener.cursor = interpreter.cursor();
        for (Event event : binlog.events) {
            interpreter.accept(event, listener);
        }
        assertSame(maps.get(0), maps.get(1), "the same definition under the same id");
        assertNotSame(maps.get(1), maps.get(2));
        assertEquals("other", maps.get(2).table());
    }

    @Test
    void whatCannotBeTrustedStopsTheStream() {
        FakeBinlog b = new FakeBinlog();
        b.tableMap(5, "t");
        Event rows = b.insert(5, 1);
        BinlogInterpreter interpreter = interpreter();
        assertThrows(UnsupportedBinlogException.class, () -> {
            interpreter.accept(b.events.get(0), recorder);
            interpreter.accept(rows, recorder);
        }, "rows outside a transaction");

        FakeBinlog c = new FakeBinlog();
        c.gtid(1);
        c.query("BEGIN");
        c.gtid(2);
        BinlogInterpreter second = interpreter();
        UnsupportedBinlogException e = assertThrows(UnsupportedBinlogException.class, () -> {
            for (Event event : c.events) {
                second.accept(event, recorder);
            }
        });
        assertTrue(e.getMessage().contains("never ended"), e.getMessage());

        FakeBinlog d = new FakeBinlog();
        d.add(171, new UnknownEventData(180), 0);
        UnsupportedBinlogException unknown = assertThrows(UnsupportedBinlogException.class,
                () -> interpreter().accept(d.events.get(0), recorder));
        assertTrue(unknown.getMessage().contains("type 171"), unknown.getMessage());
    }

    @Test
    void statementsAreReadInTheirClientsCharset() throws InterruptedException {
        binlog.mariadbGtid(1, 1);
        binlog.add(EventType.QUERY, new QueryText("CREATE TABLE t (e ENUM('caf\u00e9'))"
                .getBytes(StandardCharsets.ISO_8859_1), 8, "db"));
        run(interpreter(ServerFlavor.MARIADB, 1 << 20, 0, 0));
        assertTrue(recorder.calls.contains("statement CREATE TABLE t (e ENUM('café'))"), recorder.calls.toString());

        FakeBinlog unknown = new FakeBinlog();
        unknown.mariadbGtid(1, 1);
        unknown.add(EventType.QUERY, new QueryText("CREATE TABLE t (e ENUM('caf\u00e9'))"
                .getBytes(StandardCharsets.ISO_8859_1), 99, "db"));
        BinlogInterpreter interpreter = interpreter(ServerFlavor.MARIADB, 1 << 20, 0, 0);
        UnsupportedBinlogException e = assertThrows(UnsupportedBinlogException.class, () -> {
            for (Event event : unknown.events) {
                interpreter.accept(event, recorder);
            }
        });
        assertTrue(e.getMessage().contains("collation id 99"), e.getMessage());
    }

    private static List<String> rows(List<String> calls) {
        return calls.stream().filter(c -> c.startsWith("INSERT") || c.startsWith("UPDATE") || c.startsWith("DELETE"))
                .toList();
    }
}
