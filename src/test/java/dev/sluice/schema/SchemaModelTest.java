package dev.sluice.schema;

import dev.sluice.schema.SchemaModel.TableChange;
import dev.sluice.schema.ddl.DdlParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DDL parsed and applied, with the resulting definitions written out literally. */
class SchemaModelTest {

    private SchemaModel model;

    @BeforeEach
    void setUp() {
        model = new SchemaModel("utf8mb4", false, (db, table) -> true);
        model.putDatabaseCharset("shop", "utf8mb4");
        model.putDatabaseCharset("legacy", "latin1");
    }

    private List<TableChange> run(String sql) {
        return model.apply(DdlParser.parse(sql), "shop");
    }

    private List<String> columns(String table) {
        return model.table(new TableId("shop", table)).columns().stream().map(ColumnDef::describe).toList();
    }

    @Test
    void createTableWithTypesKeysAndOptions() {
        List<TableChange> changes = run("""
                CREATE TABLE IF NOT EXISTS `orders` (
                  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
                  `code` char(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
                  `status` enum('new','paid','it''s') NOT NULL DEFAULT 'new',
                  amount decimal(12,2) DEFAULT '0.00',
                  note varchar(200) COLLATE latin1_swedish_ci,
                  created DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                  flags SET('a','b') DEFAULT NULL,
                  total DOUBLE(10,3) GENERATED ALWAYS AS (amount * 2) VIRTUAL,
                  doc JSON,
                  raw VARBINARY(16),
                  PRIMARY KEY (`id`),
                  UNIQUE KEY `uk_code` (`code`),
                  KEY `idx_created` (`created` DESC),
                  CONSTRAINT fk FOREIGN KEY (id) REFERENCES other (id) ON DELETE CASCADE,
                  CHECK (amount >= 0)
                ) /*!50100 ENGINE=InnoDB */ DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci COMMENT='orders'""");
        assertEquals(1, changes.size());
        assertEquals(TableChange.Type.CREATE, changes.get(0).type());
        TableSchema t = model.table(new TableId("shop", "orders"));
        assertEquals(List.of("id"), t.primaryKey());
        assertEquals("utf8mb4", t.defaultCharset());
        assertEquals(List.of(
                "id bigint unsigned not null",
                "code char(8) ascii not null",
                "status enum('new','paid','it''s') utf8mb4 not null",
                "amount decimal(12,2)",
                "note varchar(200) latin1",
                "created datetime(3) not null",
                "flags set('a','b') utf8mb4",
                "total double(10,3)",
                "doc json",
                "raw varbinary(16)"), columns("orders"));
        ColumnDef status = t.columns().get(2);
        assertEquals(List.of("new", "paid", "it's"), status.allowedValues());
        assertEquals("new", status.defaultValue());
        assertTrue(t.columns().get(0).autoIncrement());
        assertTrue(t.columns().get(7).generated());
        assertEquals(3, t.columns().get(5).scale());
        assertEquals(12, t.columns().get(3).length());
        assertEquals(2, t.columns().get(3).scale());
    }

    private List<String> key(String table) {
        return model.table(new TableId("shop", table)).keyColumns();
    }

    /**
     * Without a primary key, records are keyed by the first unique index over NOT NULL columns,
     * in the order the server keeps indexes; a nullable one keys nothing.
     */
    @Test
    void uniqueIndexesKeyTablesWithoutAPrimaryKey() {
        run("CREATE TABLE u1 (id INT NOT NULL, code VARCHAR(5) NOT NULL, UNIQUE KEY uk (id))");
        assertEquals(List.of("id"), key("u1"));
        run("CREATE TABLE u2 (id INT, UNIQUE (id))");
        assertEquals(List.of(), key("u2"), "a nullable unique index");
        run("CREATE TABLE u3 (id SERIAL, v INT)");
        assertEquals(List.of("id"), key("u3"), "SERIAL implies UNIQUE NOT NULL");
        assertFalse(model.table(new TableId("shop", "u3")).columns().get(0).nullable());
        run("CREATE TABLE u4 (a INT, b INT NOT NULL, c VARCHAR(20) NOT NULL, UNIQUE (c(5)), UNIQUE (a), UNIQUE (b))");
        assertEquals(List.of("b"), key("u4"), "NOT NULL before nullable, whole columns before a prefix");
        run("ALTER TABLE u4 MODIFY a INT NOT NULL");
        assertEquals(List.of("b"), key("u4"), "the server keeps b first: it ranked first before the change");
        run("ALTER TABLE u4 DROP INDEX b");
        assertEquals(List.of("a"), key("u4"));
        run("ALTER TABLE u4 ADD PRIMARY KEY (c)");
        assertEquals(List.of("c"), key("u4"), "a primary key wins");

        run("CREATE TABLE u5 (a INT NOT NULL, v INT, KEY (a), UNIQUE (a))");
        assertEquals(List.of("a"), key("u5"));
        run("ALTER TABLE u5 DROP INDEX a");
        assertEquals(List.of("a"), key("u5"), "the unnamed unique index was named a_2, after the plain index a");
        run("ALTER TABLE u5 DROP KEY a_2");
        assertEquals(List.of(), key("u5"));

        List<TableChange> created = run("CREATE UNIQUE INDEX ux ON u5 (a)");
        assertEquals(List.of("a"), key("u5"));
        assertEquals(TableChange.Type.ALTER, created.get(0).type());
        assertEquals(1, run("CREATE INDEX plain ON u5 (v)").size(), "an ALTER of the indexes, the key unchanged");
        assertEquals(List.of(), run("CREATE INDEX elsewhere ON unknown_table (v)"), "a table Sluice does not track");
        run("ALTER TABLE u5 RENAME INDEX ux TO uy, RENAME COLUMN a TO b");
        assertEquals(List.of("b"), key("u5"));
        assertEquals(1, run("DROP INDEX uy ON u5").size());
        assertEquals(List.of(), key("u5"));

        run("ALTER TABLE u5 ADD COLUMN w INT NOT NULL UNIQUE");
        assertEquals(List.of("w"), key("u5"));
        run("ALTER TABLE u5 DROP COLUMN w");
        assertEquals(List.of(), key("u5"), "dropping its only column drops the index");
        run("ALTER TABLE u5 ADD CONSTRAINT uc UNIQUE (b, v), MODIFY v INT NOT NULL");
        assertEquals(List.of("b", "v"), key("u5"));
        run("ALTER TABLE u5 DROP CONSTRAINT uc");
        assertEquals(List.of(), key("u5"));
        run("CREATE TABLE u6 LIKE u1");
        assertEquals(List.of("id"), key("u6"));
    }

    /** Literal defaults keep their value, expressions are flagged: the same text can be either. */
    @Test
    void defaultsAreLiteralsOrExpressions() {
        run("""
                CREATE TABLE d (id INT PRIMARY KEY, s VARCHAR(10) DEFAULT '(x)', e TEXT DEFAULT ('(x)'),
                  h VARCHAR(20) DEFAULT 0x68C3A96C6C6F20F09F9880, hx VARCHAR(5) DEFAULT x'4142', i INT DEFAULT -3,
                  u VARCHAR(36) DEFAULT (uuid()), ts TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP, b BIT(3) DEFAULT b'101',
                  v VARBINARY(4) DEFAULT 0x61, n INT DEFAULT NULL, t TINYINT(1) DEFAULT TRUE,
                  c VARCHAR(5) CHARACTER SET latin1 DEFAULT _latin1'caf\u00e9')""");
        List<ColumnDef> c = model.table(new TableId("shop", "d")).columns();
        List<String> described = c.stream().skip(1).map(col -> col.name() + "=" + col.defaultValue()
                + (col.defaultIsExpression() ? " (expression)" : "")).toList();
        assertEquals(List.of("s=(x)", "e=('(x)') (expression)", "h=h\u00e9llo \ud83d\ude00", "hx=AB", "i=-3",
                "u=(uuid()) (expression)", "ts=CURRENT_TIMESTAMP (expression)", "b=b'101'", "v=0x61", "n=null",
                "t=TRUE", "c=caf\u00e9"), described);
        run("ALTER TABLE d ALTER COLUMN s SET DEFAULT (concat('a', 'b')), ALTER COLUMN i SET DEFAULT 7");
        ColumnDef s = model.table(new TableId("shop", "d")).columns().get(1);
        assertTrue(s.defaultIsExpression());
        assertFalse(model.table(new TableId("shop", "d")).columns().get(5).defaultIsExpression());
    }

    @Test
    void alterTableAddDropModifyChangeRenameAndReorder() {
        run("CREATE TABLE t (a INT PRIMARY KEY, b VARCHAR(10), c TEXT)");
        run("ALTER TABLE t ADD COLUMN d INT NOT NULL DEFAULT 7 AFTER a, ADD e DATE FIRST");
        assertEquals(List.of("e date", "a int not null", "d int not null", "b varchar(10) utf8mb4", "c text utf8mb4"),
                columns("t"));
        run("ALTER TABLE t DROP COLUMN c, MODIFY b VARCHAR(50) NOT NULL FIRST, CHANGE COLUMN d dd BIGINT");
        assertEquals(List.of("b varchar(50) utf8mb4 not null", "e date", "a int not null", "dd bigint"),
                columns("t"));
        run("ALTER TABLE t RENAME COLUMN a TO id, ALTER COLUMN dd SET DEFAULT 3");
        TableSchema t = model.table(new TableId("shop", "t"));
        assertEquals(List.of("id"), t.primaryKey(), "the key follows the rename");
        assertEquals("3", t.columns().get(3).defaultValue());
        run("ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (b, id)");
        assertEquals(List.of("b", "id"), model.table(new TableId("shop", "t")).primaryKey());
        assertEquals(4, model.table(new TableId("shop", "t")).columns().get(3).position());
    }

    @Test
    void renamesMoveDefinitions() {
        run("CREATE TABLE a (x INT)");
        run("CREATE TABLE b (y INT)");
        List<TableChange> changes = run("RENAME TABLE a TO tmp, b TO a, tmp TO b");
        assertEquals(6, changes.size());
        assertEquals(List.of("y int"), columns("a"));
        assertEquals(List.of("x int"), columns("b"));
        run("ALTER TABLE b RENAME TO other.c, ADD z INT");
        assertNull(model.table(new TableId("shop", "b")));
        assertEquals(List.of("x", "z"),
                model.table(new TableId("other", "c")).columns().stream().map(ColumnDef::name).toList());
    }

    @Test
    void dropTruncateLikeAndDatabases() {
        run("CREATE TABLE a (x INT)");
        run("CREATE TABLE b LIKE a");
        assertEquals(List.of("x int"), columns("b"));
        run("TRUNCATE TABLE b");
        assertEquals(List.of("x int"), columns("b"));
        assertEquals(2, run("DROP TABLE IF EXISTS a, b, missing").size());
        run("CREATE DATABASE w CHARACTER SET latin1");
        model.apply(DdlParser.parse("CREATE TABLE t (s VARCHAR(3))"), "w");
        assertEquals("latin1", model.table(new TableId("w", "t")).columns().get(0).charset(),
                "a column without a charset takes the database's");
        run("DROP DATABASE w");
        assertNull(model.table(new TableId("w", "t")));
    }

    @Test
    void charsetChanges() {
        run("CREATE TABLE t (a VARCHAR(5), b INT, c TEXT CHARACTER SET latin1) CHARSET latin1");
        run("ALTER TABLE t DEFAULT CHARSET utf8mb4, ADD d CHAR(2)");
        assertEquals(List.of("a varchar(5) latin1", "b int", "c text latin1", "d char(2) utf8mb4"), columns("t"));
        run("ALTER TABLE t CONVERT TO CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci");
        assertEquals(List.of("a varchar(5) utf8mb3", "b int", "c mediumtext utf8mb3", "d char(2) utf8mb3"), columns("t"),
                "latin1 TEXT grows to MEDIUMTEXT in a charset of wider characters, as the server does");
    }

    @Test
    void statementsThatChangeNoTableAreIgnored() {
        for (String sql : List.of("GRANT SELECT ON *.* TO 'u'@'%'", "CREATE USER 'u'@'%' IDENTIFIED BY 'x'",
                "ALTER USER 'u'@'%' IDENTIFIED BY 'y'", "CREATE VIEW v AS SELECT 1",
                "CREATE DEFINER=`root`@`localhost` TRIGGER trg BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1",
                "CREATE PROCEDURE p() BEGIN SELECT 1; END", "SET GLOBAL x = 1", "FLUSH PRIVILEGES",
                "DROP VIEW IF EXISTS v", "CREATE INDEX i ON t (a)", "DROP INDEX i ON t", "ANALYZE TABLE t",
                "/* just a comment */ SAVEPOINT s", "CREATE TEMPORARY TABLE tmp (a INT)",
                "DROP TEMPORARY TABLE IF EXISTS tmp", "CREATE EVENT e ON SCHEDULE EVERY 1 SECOND DO SELECT 1")) {
            assertTrue(run(sql).isEmpty(), sql);
        }
    }

    @Test
    void disagreementsAreReported() {
        run("CREATE TABLE t (a INT)");
        assertTrue(assertThrows(SchemaChangeException.class, () -> run("ALTER TABLE t DROP COLUMN nope"))
                .getMessage().contains("no such column"));
        assertTrue(assertThrows(SchemaChangeException.class, () -> run("ALTER TABLE unknown ADD b INT"))
                .getMessage().contains("not known"));
        assertFalse(run("ALTER TABLE t DROP COLUMN IF EXISTS nope").isEmpty());
    }
}
