package dev.sluice.schema.ddl;

import java.util.List;

/** What a parsed statement does to table and database definitions. */
public sealed interface DdlStatement {

    /** A table name; {@code database} is null when the statement left it to the session's default. */
    record TableName(String database, String table) {
    }

    /**
     * @param copiesRows the statement also fills the table from a query (CREATE TABLE ... SELECT as a
     *     statement; in row format the server logs the column list alone and the rows as row events)
     */
    record CreateTable(TableName table, boolean ifNotExists, List<ColumnSpec> columns, List<String> primaryKey,
            List<IndexSpec> indexes, String defaultCharset, boolean copiesRows) implements DdlStatement {
    }

    /**
     * An index other than the primary key, as declared (a column's own UNIQUE included).
     *
     * @param name null when the statement names none (the server then names it after its first column)
     * @param columns the indexed columns in key order, expression key parts left out
     * @param prefixed a column is indexed by a prefix ({@code name(10)})
     * @param functional a key part is an expression
     */
    record IndexSpec(String name, boolean unique, List<String> columns, boolean prefixed, boolean functional) {
    }

    /** CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX name ON table (...). */
    record CreateIndex(TableName table, IndexSpec index, boolean ifNotExists) implements DdlStatement {
    }

    /** DROP INDEX name ON table. */
    record DropIndexOn(TableName table, String name, boolean ifExists) implements DdlStatement {
    }

    record CreateTableLike(TableName table, TableName source, boolean ifNotExists) implements DdlStatement {
    }

    record AlterTable(TableName table, boolean ifExists, List<AlterAction> actions) implements DdlStatement {
    }

    record RenameTables(List<TableName> from, List<TableName> to) implements DdlStatement {
    }

    record DropTables(List<TableName> tables, boolean ifExists) implements DdlStatement {
    }

    record TruncateTable(TableName table) implements DdlStatement {
    }

    record CreateDatabase(String database, String charset) implements DdlStatement {
    }

    record AlterDatabase(String database, String charset) implements DdlStatement {
    }

    record DropDatabase(String database) implements DdlStatement {
    }

    /** A statement that changes no table definition and no rows (GRANT, CREATE VIEW, FLUSH...). */
    record Ignored(String what) implements DdlStatement {
    }

    /**
     * A statement that changes rows: in a binlog it means a session logged a data change as a
     * statement, whose row changes are therefore not in the binlog.
     *
     * @param verb what it is (INSERT, UPDATE, LOAD DATA, ...; the first word for one Sluice does not know)
     * @param targets the tables it changes; null when Sluice cannot tell (joins, stored routines,
     *     statements it does not know)
     */
    record DataChange(String verb, List<TableName> targets) implements DdlStatement {
    }

    /** One change of an ALTER TABLE. */
    sealed interface AlterAction {
    }

    /** Where an added or moved column goes: last (neither set), first, or after a column. */
    record Placement(boolean first, String after) {
        static final Placement LAST = new Placement(false, null);
    }

    record AddColumn(ColumnSpec column, Placement placement, boolean ifNotExists) implements AlterAction {
    }

    record ModifyColumn(String oldName, ColumnSpec column, Placement placement, boolean ifExists) implements AlterAction {
    }

    record DropColumn(String name, boolean ifExists) implements AlterAction {
    }

    record RenameColumn(String oldName, String newName) implements AlterAction {
    }

    record SetColumnDefault(String name, DefaultClause defaultValue) implements AlterAction {
    }

    record AddPrimaryKey(List<String> columns) implements AlterAction {
    }

    record AddIndex(IndexSpec index, boolean ifNotExists) implements AlterAction {
    }

    /**
     * DROP INDEX or KEY, or DROP CONSTRAINT (which MySQL also takes for a unique index).
     *
     * @param ifAny a missing index is no error (IF EXISTS, or a constraint that is a check or foreign key)
     */
    record DropIndex(String name, boolean ifAny) implements AlterAction {
    }

    record RenameIndex(String oldName, String newName) implements AlterAction {
    }

    record DropPrimaryKey() implements AlterAction {
    }

    record RenameTo(TableName table) implements AlterAction {
    }

    /** CONVERT TO CHARACTER SET: every text column and the table default change. */
    record ConvertCharset(String charset) implements AlterAction {
    }

    record DefaultCharset(String charset) implements AlterAction {
    }

    /**
     * A partition or tablespace operation that adds or removes rows without row events (DROP,
     * TRUNCATE, EXCHANGE or CONVERT PARTITION, DISCARD or IMPORT TABLESPACE).
     */
    record RowsWithoutEvents(String what) implements AlterAction {
    }
}
