package dev.sluice.schema;

import dev.sluice.schema.ddl.DdlParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tracker's history records and its rebuilding and rewinding of the definitions. */
class SchemaTrackerTest {

    /** The history kept in memory, as the Kafka topic keeps it. */
    private static final class MemoryStore implements SchemaHistoryStore {
        final List<byte[]> records = new ArrayList<>();

        @Override
        public List<byte[]> readAll() {
            return List.copyOf(records);
        }

        @Override
        public void append(byte[] record) {
            records.add(record);
        }

        @Override
        public String describe() {
            return "memory";
        }
    }

    private final MemoryStore store = new MemoryStore();
    private final SchemaTracker.Options options = new SchemaTracker.Options("srv", store, (db, t) -> true,
            (db, t) -> true, false, "utf8mb4", Map.of(), false, false, true, db -> !db.equals("elsewhere"));
    private final HistoryPosition start = new HistoryPosition("bin.000001", 100, null);

    private static Map<TableId, TableSchema> tables(int count, int columns) {
        SchemaModel model = new SchemaModel("utf8mb4", false, (db, t) -> true);
        model.putDatabaseCharset("shop", "utf8mb4");
        for (int k = 0; k < count; k++) {
            StringBuilder ddl = new StringBuilder("CREATE TABLE t" + k + " (id INT PRIMARY KEY");
            for (int c = 0; c < columns; c++) {
                ddl.append(", column_with_a_long_name_").append(c).append(" VARCHAR(200) NOT NULL DEFAULT 'x'");
            }
            model.apply(DdlParser.parse(ddl.append(")").toString()), "shop");
        }
        return model.tables();
    }

    @Test
    void aSnapshotOfManyTablesIsCutIntoRecordsKafkaTakes() {
        SchemaTracker.fresh(options, tables(400, 10), Map.of("shop", "utf8mb4"), start);
        assertTrue(store.records.size() > 1, "one record of " + store.records.get(0).length + " bytes");
        store.records.forEach(r -> assertTrue(r.length < 1_000_000, r.length + " bytes"));
        assertEquals(400, SchemaTracker.recover(options, new HistoryPosition("bin.000001", 500, null)).tables().size());
    }

    @Test
    void aSnapshotMissingAPartIsNotUsed() {
        SchemaTracker.fresh(options, tables(400, 10), Map.of("shop", "utf8mb4"), start);
        store.records.remove(store.records.size() - 1);
        assertThrows(SchemaHistoryException.class, () -> SchemaTracker.recover(options, new HistoryPosition("bin.000001", 500, null)));
    }

    @Test
    void rewindingUndoesTheStatementsAtOrAfterThePosition() {
        SchemaTracker tracker = SchemaTracker.fresh(options, tables(1, 1), Map.of("shop", "utf8mb4"), start);
        TableId id = new TableId("shop", "t0");
        tracker.applyStatement("ALTER TABLE shop.t0 RENAME COLUMN column_with_a_long_name_0 TO b",
                "shop", new HistoryPosition("bin.000001", 200, null), 0);
        tracker.applyStatement("CREATE TABLE shop.later (id INT PRIMARY KEY)", "shop",
                new HistoryPosition("bin.000001", 300, null), 0);
        assertEquals(0, tracker.rewindTo("bin.000001", 400));
        assertEquals(1, tracker.rewindTo("bin.000001", 300));
        assertNull(tracker.tables().get(new TableId("shop", "later")));
        assertEquals("b", tracker.tables().get(id).columns().get(1).name());
        tracker.forgetBefore("bin.000001", 250);
        assertEquals(0, tracker.rewindTo("bin.000001", 150), "forgotten: before a committed offset");
        assertEquals("b", tracker.tables().get(id).columns().get(1).name());
    }

    @Test
    void rewindingToTheStatementItselfUndoesIt() {
        SchemaTracker tracker = SchemaTracker.fresh(options, tables(1, 1), Map.of("shop", "utf8mb4"), start);
        tracker.applyStatement("ALTER TABLE shop.t0 RENAME COLUMN column_with_a_long_name_0 TO b",
                "shop", new HistoryPosition("bin.000001", 200, null), 0);
        assertEquals(1, tracker.rewindTo("bin.000001", 200));
        assertEquals("column_with_a_long_name_0",
                tracker.tables().get(new TableId("shop", "t0")).columns().get(1).name());
    }

    /** DDL of a database the tables cannot be in is tracked but not announced (an oracle run caught it announced). */
    @Test
    void ddlOfOtherDatabasesIsTrackedNotAnnounced() {
        SchemaTracker tracker = SchemaTracker.fresh(options, tables(1, 1), Map.of("shop", "utf8mb4"), start);
        SchemaTracker.Outcome elsewhere = tracker.applyStatement("CREATE TABLE elsewhere.t (id INT PRIMARY KEY)",
                "elsewhere", new HistoryPosition("bin.000001", 200, null), 0);
        assertEquals(1, elsewhere.changes().size(), "the history follows every database");
        assertTrue(elsewhere.announced().isEmpty(), elsewhere.announced().toString());
        SchemaTracker.Outcome shop = tracker.applyStatement("RENAME TABLE elsewhere.t TO shop.t", "elsewhere",
                new HistoryPosition("bin.000001", 300, null), 0);
        assertEquals(1, shop.announced().size(), "a table moved into a captured database is announced");
    }

    /**
     * After a failover the history holds records of two servers whose file names say nothing about
     * each other; their GTID sets order them. A record the old server wrote past the offset (a run
     * that died before committing it) stays out. Before GTID ordering, recovery refused to start.
     */
    @Test
    void recoveryAfterAFailoverOrdersTheServersByTheirGtids() {
        String a = "aaaaaaaa-0000-0000-0000-000000000001";
        String b = "bbbbbbbb-0000-0000-0000-000000000002";
        SchemaTracker tracker = SchemaTracker.fresh(options, tables(1, 1), Map.of("shop", "utf8mb4"),
                new HistoryPosition("mysql-bin.000007", 1000, a + ":1-10", a));
        tracker.applyStatement("ALTER TABLE shop.t0 RENAME COLUMN column_with_a_long_name_0 TO b", "shop",
                new HistoryPosition("mysql-bin.000007", 5000, a + ":1-20", a), 0);
        tracker.applyStatement("CREATE TABLE shop.stale (id INT PRIMARY KEY)", "shop",
                new HistoryPosition("mysql-bin.000007", 9000, a + ":1-30", a), 0);
        tracker.applyStatement("CREATE TABLE shop.later (id INT PRIMARY KEY)", "shop",
                new HistoryPosition("mysql-bin.000001", 300, a + ":1-25," + b + ":1-3", b), 0);
        tracker.applyStatement("CREATE TABLE shop.after_offset (id INT PRIMARY KEY)", "shop",
                new HistoryPosition("mysql-bin.000001", 900, a + ":1-25," + b + ":1-9", b), 0);

        SchemaTracker recovered = SchemaTracker.recover(options,
                new HistoryPosition("mysql-bin.000001", 500, a + ":1-25," + b + ":1-4", b));
        assertEquals("b", recovered.tables().get(new TableId("shop", "t0")).columns().get(1).name());
        assertTrue(recovered.tables().containsKey(new TableId("shop", "later")));
        assertNull(recovered.tables().get(new TableId("shop", "stale")), "written past the offset on the old server");
        assertNull(recovered.tables().get(new TableId("shop", "after_offset")), "past the offset on the new server");

        SchemaTracker beforeTheSwitch = SchemaTracker.recover(options,
                new HistoryPosition("mysql-bin.000007", 7000, a + ":1-22", a));
        assertTrue(beforeTheSwitch.tables().containsKey(new TableId("shop", "t0")));
        assertNull(beforeTheSwitch.tables().get(new TableId("shop", "later")), "the new server's records come later");
        assertNull(beforeTheSwitch.tables().get(new TableId("shop", "stale")));
    }

    /** MariaDB names servers by server id; sequence numbers of a domain go on across the switch. */
    @Test
    void recoveryAfterAMariadbFailoverOrdersTheServersBySequence() {
        SchemaTracker tracker = SchemaTracker.fresh(options, tables(1, 1), Map.of("shop", "utf8mb4"),
                new HistoryPosition("mariadb-bin.000004", 1000, "0-1-10", "server_id=1"));
        tracker.applyStatement("ALTER TABLE shop.t0 RENAME COLUMN column_with_a_long_name_0 TO b", "shop",
                new HistoryPosition("mariadb-bin.000004", 5000, "0-1-20", "server_id=1"), 0);
        tracker.applyStatement("CREATE TABLE shop.stale (id INT PRIMARY KEY)", "shop",
                new HistoryPosition("mariadb-bin.000004", 9000, "0-1-30", "server_id=1"), 0);
        tracker.applyStatement("CREATE TABLE shop.later (id INT PRIMARY KEY)", "shop",
                new HistoryPosition("mariadb-bin.000001", 300, "0-2-26", "server_id=2"), 0);

        SchemaTracker recovered = SchemaTracker.recover(options,
                new HistoryPosition("mariadb-bin.000001", 500, "0-2-27", "server_id=2"));
        assertEquals("b", recovered.tables().get(new TableId("shop", "t0")).columns().get(1).name());
        assertTrue(recovered.tables().containsKey(new TableId("shop", "later")));
        assertNull(recovered.tables().get(new TableId("shop", "stale")), "written past the offset on the old server");
    }
}
