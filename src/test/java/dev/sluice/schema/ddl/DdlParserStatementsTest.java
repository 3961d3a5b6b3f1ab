package dev.sluice.schema.ddl;

import dev.sluice.schema.ddl.DdlStatement.CreateTable;
import dev.sluice.schema.ddl.DdlStatement.DataChange;
import dev.sluice.schema.ddl.DdlStatement.Ignored;
import dev.sluice.schema.ddl.DdlStatement.TableName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Statements in a binlog that are not DDL: row changes (with their tables where plain), administration, the unknown. */
class DdlParserStatementsTest {

    private static DataChange change(String sql) {
        return assertInstanceOf(DataChange.class, DdlParser.parse(sql), sql);
    }

    @Test
    void rowChangesNameTheirTableWherePlain() {
        assertEquals(new DataChange("INSERT", List.of(new TableName("db", "t"))),
                change("INSERT LOW_PRIORITY IGNORE INTO db.t VALUES (1)"));
        assertEquals(new DataChange("INSERT", List.of(new TableName(null, "t"))), change("insert t select * from u"));
        assertEquals(new DataChange("REPLACE", List.of(new TableName(null, "t"))), change("REPLACE INTO `t` (a) VALUES (1)"));
        assertEquals(new DataChange("UPDATE", List.of(new TableName("db", "t"))),
                change("UPDATE db.t AS x SET v = 1 WHERE id = 2"));
        assertEquals(new DataChange("UPDATE", List.of(new TableName(null, "t"))), change("UPDATE IGNORE t SET v = 1"));
        assertEquals(new DataChange("DELETE", List.of(new TableName("db", "t"))), change("DELETE FROM db.t WHERE id = 1"));
        assertEquals(new DataChange("DELETE", List.of(new TableName(null, "t"))), change("DELETE QUICK FROM t"));
        assertEquals(new DataChange("LOAD DATA", List.of(new TableName("db", "t"))),
                change("LOAD DATA LOCAL INFILE '/tmp/x' REPLACE INTO TABLE db.t FIELDS TERMINATED BY ','"));
        assertEquals(new DataChange("INSERT", List.of(new TableName(null, "t"))),
                change("SET STATEMENT max_statement_time = 1 FOR INSERT INTO t VALUES (1)"));
    }

    @Test
    void changesOfSeveralOrHiddenTablesLeaveTheTablesUnknown() {
        assertNull(change("UPDATE t1 JOIN t2 ON t1.id = t2.id SET t1.v = t2.v").targets());
        assertNull(change("UPDATE t1, t2 SET t1.v = 1").targets());
        assertNull(change("DELETE t1 FROM t1 JOIN t2 USING (id)").targets());
        assertNull(change("DELETE FROM t1 USING t1 JOIN t2").targets());
        assertNull(change("SELECT f(1)").targets());
        assertNull(change("CALL p()").targets());
        assertNull(change("WITH x AS (SELECT 1) UPDATE t SET v = 1").targets());
        assertEquals("FROBNICATE", change("FROBNICATE everything").verb(), "an unknown statement is never harmless");
    }

    @Test
    void administrationChangesNothing() {
        for (String sql : List.of("GRANT SELECT ON *.* TO u", "FLUSH PRIVILEGES", "ANALYZE TABLE t", "OPTIMIZE TABLE t",
                "CREATE USER u", "DROP VIEW v", "CREATE DEFINER=`root`@`%` PROCEDURE p() BEGIN END", "SET PASSWORD = 'x'",
                "RENAME USER a TO b", "# Dummy event replacing event type 160 that slave cannot handle.")) {
            assertInstanceOf(Ignored.class, DdlParser.parse(sql), sql);
        }
    }

    @Test
    void partitionAndTablespaceOperationsThatChangeRowsAreNamed() {
        for (String sql : List.of("ALTER TABLE t DROP PARTITION p0, p1", "ALTER TABLE t TRUNCATE PARTITION p2",
                "ALTER TABLE t EXCHANGE PARTITION p3 WITH TABLE u", "ALTER TABLE t DISCARD TABLESPACE",
                "ALTER TABLE t IMPORT PARTITION p4 TABLESPACE", "ALTER TABLE t CONVERT PARTITION p5 TO TABLE u")) {
            DdlStatement.AlterTable alter = assertInstanceOf(DdlStatement.AlterTable.class, DdlParser.parse(sql), sql);
            assertEquals(1, alter.actions().size(), sql);
            assertInstanceOf(DdlStatement.RowsWithoutEvents.class, alter.actions().get(0), sql);
        }
        DdlStatement.AlterTable add = assertInstanceOf(DdlStatement.AlterTable.class,
                DdlParser.parse("ALTER TABLE t ADD PARTITION (PARTITION p9 VALUES LESS THAN (10))"));
        assertTrue(add.actions().isEmpty(), "adding a partition changes no row");
    }

    @Test
    void createTableSelectAsAStatementCopiesRows() {
        CreateTable rowFormat = assertInstanceOf(CreateTable.class,
                DdlParser.parse("CREATE TABLE `db`.`c` (`id` int NOT NULL, `v` int DEFAULT NULL) START TRANSACTION"));
        assertFalse(rowFormat.copiesRows(), "MySQL's row-format form: the rows follow as row events");
        assertEquals(2, rowFormat.columns().size());
        CreateTable statement = assertInstanceOf(CreateTable.class,
                DdlParser.parse("CREATE TABLE c (id INT PRIMARY KEY) ENGINE=InnoDB SELECT id FROM t"));
        assertTrue(statement.copiesRows());
        CreateTable noColumns = assertInstanceOf(CreateTable.class, DdlParser.parse("CREATE TABLE c AS SELECT * FROM t"));
        assertTrue(noColumns.copiesRows());
        assertTrue(noColumns.columns().isEmpty());
    }

    /** Found by DdlParserFuzzTest: a type argument that is no number threw NumberFormatException. */
    @Test
    void aTypeArgumentThatIsNoNumberIsAParseError() {
        DdlParseException e = org.junit.jupiter.api.Assertions.assertThrows(DdlParseException.class,
                () -> DdlParser.parse("CREATE TABLE t (f FLOAT(\u2caa30))"));
        assertTrue(e.getMessage().contains("a number as the length or precision of FLOAT"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(DdlParseException.class,
                () -> DdlParser.parse("CREATE TABLE t (v VARCHAR(x))"));
        assertInstanceOf(CreateTable.class, DdlParser.parse("CREATE TABLE t (e ENUM('a', 'b'), d DECIMAL(10, 2))"));
    }
}
