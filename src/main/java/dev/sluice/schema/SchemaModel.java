package dev.sluice.schema;

import dev.sluice.schema.ddl.Charsets;
import dev.sluice.schema.ddl.ColumnSpec;
import dev.sluice.schema.ddl.ColumnTypeNames;
import dev.sluice.schema.ddl.DdlStatement;
import dev.sluice.schema.ddl.DdlStatement.AddColumn;
import dev.sluice.schema.ddl.DdlStatement.AddIndex;
import dev.sluice.schema.ddl.DdlStatement.AddPrimaryKey;
import dev.sluice.schema.ddl.DdlStatement.AlterAction;
import dev.sluice.schema.ddl.DdlStatement.AlterDatabase;
import dev.sluice.schema.ddl.DdlStatement.AlterTable;
import dev.sluice.schema.ddl.DdlStatement.ConvertCharset;
import dev.sluice.schema.ddl.DdlStatement.CreateDatabase;
import dev.sluice.schema.ddl.DdlStatement.CreateIndex;
import dev.sluice.schema.ddl.DdlStatement.CreateTable;
import dev.sluice.schema.ddl.DdlStatement.CreateTableLike;
import dev.sluice.schema.ddl.DdlStatement.DefaultCharset;
import dev.sluice.schema.ddl.DdlStatement.DropColumn;
import dev.sluice.schema.ddl.DdlStatement.DropDatabase;
import dev.sluice.schema.ddl.DdlStatement.DropIndex;
import dev.sluice.schema.ddl.DdlStatement.DropIndexOn;
import dev.sluice.schema.ddl.DdlStatement.DropPrimaryKey;
import dev.sluice.schema.ddl.DdlStatement.DropTables;
import dev.sluice.schema.ddl.DdlStatement.IndexSpec;
import dev.sluice.schema.ddl.DdlStatement.ModifyColumn;
import dev.sluice.schema.ddl.DdlStatement.Placement;
import dev.sluice.schema.ddl.DdlStatement.RenameColumn;
import dev.sluice.schema.ddl.DdlStatement.RenameIndex;
import dev.sluice.schema.ddl.DdlStatement.RenameTables;
import dev.sluice.schema.ddl.DdlStatement.RenameTo;
import dev.sluice.schema.ddl.DdlStatement.SetColumnDefault;
import dev.sluice.schema.ddl.DdlStatement.TableName;
import dev.sluice.schema.ddl.DefaultClause;
import dev.sluice.schema.types.ColumnType;
import dev.sluice.schema.types.ColumnTypes;
import dev.sluice.source.MysqlCharsets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * The table definitions Sluice tracks, changed statement by statement in binlog order. Applying
 * a statement returns the tables it created, altered or dropped, with their new definitions.
 */
public final class SchemaModel {

    /** A table that a statement created, altered or dropped ({@code table} is null for DROP). */
    public record TableChange(Type type, TableId id, TableSchema table) {
        public enum Type { CREATE, ALTER, DROP }
    }

    /** Every definition at one moment; definitions are immutable, so a shallow copy keeps them. */
    public record State(Map<TableId, TableSchema> tables, Map<String, String> databaseCharsets) {
    }

    private final Map<TableId, TableSchema> tables = new LinkedHashMap<>();
    private final Map<String, String> databaseCharsets = new LinkedHashMap<>();
    private final String serverCharset;
    private final boolean mariadb;
    private final BiPredicate<String, String> tracked;

    /**
     * @param tracked which tables to keep (the schema history's capture-only settings)
     */
    public SchemaModel(String serverCharset, boolean mariadb, BiPredicate<String, String> tracked) {
        this.serverCharset = serverCharset;
        this.mariadb = mariadb;
        this.tracked = tracked;
    }

    public void put(TableSchema table) {
        tables.put(table.id(), table);
    }

    public void remove(TableId id) {
        tables.remove(id);
    }

    public void putDatabaseCharset(String database, String charset) {
        databaseCharsets.put(database, charset);
    }

    public TableSchema table(TableId id) {
        return tables.get(id);
    }

    public Map<TableId, TableSchema> tables() {
        return Map.copyOf(tables);
    }

    public Map<String, String> databaseCharsets() {
        return Map.copyOf(databaseCharsets);
    }

    /** The definitions as they are now, to return to with {@link #restore}. */
    public State state() {
        return new State(new LinkedHashMap<>(tables), new LinkedHashMap<>(databaseCharsets));
    }

    public void restore(State state) {
        tables.clear();
        tables.putAll(state.tables());
        databaseCharsets.clear();
        databaseCharsets.putAll(state.databaseCharsets());
    }

    /**
     * Applies a statement run with {@code sessionDatabase} as the default database.
     *
     * @throws SchemaChangeException when the statement refers to tables or columns the model does
     *     not have (the model and the server disagree)
     */
    public List<TableChange> apply(DdlStatement statement, String sessionDatabase) {
        List<TableChange> changes = new ArrayList<>();
        if (statement instanceof CreateTable create) {
            createTable(create, sessionDatabase, changes);
        } else if (statement instanceof CreateTableLike like) {
            createLike(like, sessionDatabase, changes);
        } else if (statement instanceof AlterTable alter) {
            alterTable(alter, sessionDatabase, changes);
        } else if (statement instanceof CreateIndex create) {
            alterIndexes(create.table(), new AddIndex(create.index(), create.ifNotExists()), sessionDatabase, changes);
        } else if (statement instanceof DropIndexOn drop) {
            alterIndexes(drop.table(), new DropIndex(drop.name(), drop.ifExists()), sessionDatabase, changes);
        } else if (statement instanceof RenameTables rename) {
            for (int k = 0; k < rename.from().size(); k++) {
                move(id(rename.from().get(k), sessionDatabase), id(rename.to().get(k), sessionDatabase), changes);
            }
        } else if (statement instanceof DropTables drop) {
            for (TableName name : drop.tables()) {
                TableId id = id(name, sessionDatabase);
                if (tables.remove(id) != null) {
                    changes.add(new TableChange(TableChange.Type.DROP, id, null));
                }
            }
        } else if (statement instanceof CreateDatabase create) {
            databaseCharsets.putIfAbsent(create.database(), create.charset() == null ? serverCharset : create.charset());
        } else if (statement instanceof AlterDatabase alter) {
            String database = alter.database() == null ? sessionDatabase : alter.database();
            if (alter.charset() != null && database != null) {
                databaseCharsets.put(database, alter.charset());
            }
        } else if (statement instanceof DropDatabase drop) {
            databaseCharsets.remove(drop.database());
            for (TableId id : List.copyOf(tables.keySet())) {
                if (id.database().equals(drop.database())) {
                    tables.remove(id);
                    changes.add(new TableChange(TableChange.Type.DROP, id, null));
                }
            }
        }
        // TRUNCATE keeps the definition; ignored statements change none.
        return changes;
    }

    private void createTable(CreateTable create, String sessionDatabase, List<TableChange> changes) {
        TableId id = id(create.table(), sessionDatabase);
        if (!tracked.test(id.database(), id.table()) || (create.ifNotExists() && tables.containsKey(id))) {
            return;
        }
        String tableCharset = create.defaultCharset() != null ? create.defaultCharset()
                : databaseCharsets.getOrDefault(id.database(), serverCharset);
        List<ColumnDef> columns = new ArrayList<>();
        for (ColumnSpec spec : create.columns()) {
            columns.add(column(spec, columns.size() + 1, tableCharset));
        }
        TableEditor editor = new TableEditor(new TableSchema(id, columns, create.primaryKey(), tableCharset));
        create.indexes().forEach(index -> editor.addIndex(index, false));
        TableSchema table = withKeyColumnsNotNull(editor.build());
        boolean existed = tables.put(id, table) != null;
        changes.add(new TableChange(existed ? TableChange.Type.ALTER : TableChange.Type.CREATE, id, table));
    }

    private void createLike(CreateTableLike like, String sessionDatabase, List<TableChange> changes) {
        TableId id = id(like.table(), sessionDatabase);
        if (!tracked.test(id.database(), id.table()) || (like.ifNotExists() && tables.containsKey(id))) {
            return;
        }
        TableId sourceId = id(like.source(), sessionDatabase);
        TableSchema source = tables.get(sourceId);
        if (source == null) {
            throw new SchemaChangeException("CREATE TABLE " + id + " LIKE " + sourceId
                    + ": the definition of " + sourceId + " is not known");
        }
        TableSchema table = source.withId(id);
        tables.put(id, table);
        changes.add(new TableChange(TableChange.Type.CREATE, id, table));
    }

    private void move(TableId from, TableId to, List<TableChange> changes) {
        TableSchema table = tables.remove(from);
        if (table != null) {
            changes.add(new TableChange(TableChange.Type.DROP, from, null));
        }
        if (table != null && tracked.test(to.database(), to.table())) {
            TableSchema renamed = table.withId(to);
            tables.put(to, renamed);
            changes.add(new TableChange(TableChange.Type.CREATE, to, renamed));
        }
    }

    /** CREATE INDEX and DROP INDEX: an ALTER of the table's definition (its indexes, and maybe its key). */
    private void alterIndexes(TableName table, AlterAction action, String sessionDatabase, List<TableChange> changes) {
        TableId id = id(table, sessionDatabase);
        TableSchema before = tables.get(id);
        if (before == null) {
            return; // not tracked, or not a table Sluice knows: the server has the index, no row depends on it
        }
        TableEditor editor = new TableEditor(before);
        apply(editor, action);
        TableSchema after = editor.build();
        tables.put(id, after);
        changes.add(new TableChange(TableChange.Type.ALTER, id, after));
    }

    private void alterTable(AlterTable alter, String sessionDatabase, List<TableChange> changes) {
        TableId id = id(alter.table(), sessionDatabase);
        TableSchema table = tables.get(id);
        if (table == null) {
            if (tracked.test(id.database(), id.table()) && !alter.ifExists()) {
                throw new SchemaChangeException("ALTER TABLE " + id + ": the table's definition is not known");
            }
            return;
        }
        TableEditor editor = new TableEditor(table);
        TableId renamedTo = null;
        for (AlterAction action : alter.actions()) {
            if (action instanceof RenameTo rename) {
                renamedTo = id(rename.table(), id.database());
            } else {
                apply(editor, action);
            }
        }
        TableSchema altered = withKeyColumnsNotNull(editor.build());
        if (renamedTo != null && !renamedTo.equals(id)) {
            tables.put(id, altered);
            move(id, renamedTo, changes);
        } else {
            tables.put(id, altered);
            changes.add(new TableChange(TableChange.Type.ALTER, id, altered));
        }
    }

    private void apply(TableEditor editor, AlterAction action) {
        if (action instanceof AddColumn add) {
            if (add.ifNotExists() && editor.find(add.column().name()) >= 0) {
                return;
            }
            editor.add(column(add.column(), 0, editor.charset), add.placement());
            if (add.column().primaryKey()) {
                editor.primaryKey = new ArrayList<>(List.of(add.column().name()));
            }
        } else if (action instanceof ModifyColumn modify) {
            if (modify.ifExists() && editor.find(modify.oldName()) < 0) {
                return;
            }
            editor.modify(modify.oldName(), column(modify.column(), 0, editor.charset), modify.placement());
        } else if (action instanceof DropColumn drop) {
            editor.drop(drop.name(), drop.ifExists());
        } else if (action instanceof RenameColumn rename) {
            editor.rename(rename.oldName(), rename.newName());
        } else if (action instanceof SetColumnDefault setDefault) {
            editor.setDefault(setDefault.name(), asStored(setDefault.defaultValue()));
        } else if (action instanceof AddPrimaryKey key) {
            editor.primaryKey = new ArrayList<>(key.columns());
        } else if (action instanceof DropPrimaryKey) {
            editor.primaryKey = new ArrayList<>();
        } else if (action instanceof AddIndex add) {
            editor.addIndex(add.index(), add.ifNotExists());
        } else if (action instanceof DropIndex drop) {
            editor.dropIndex(drop.name());
        } else if (action instanceof RenameIndex rename) {
            editor.renameIndex(rename.oldName(), rename.newName());
        } else if (action instanceof ConvertCharset convert) {
            editor.convert(convert.charset());
        } else if (action instanceof DefaultCharset charset) {
            editor.charset = charset.charset();
        }
    }

    /** A column definition from its declaration, with the charset it inherits when it names none. */
    private ColumnDef column(ColumnSpec spec, int position, String tableCharset) {
        String dataType = spec.dataType();
        String charset = null;
        if (mariadb && dataType.equals("json")) {
            dataType = "longtext"; // MariaDB's JSON is an alias of LONGTEXT (utf8mb4_bin)
            charset = "utf8mb4";
        } else if (ColumnTypes.of(dataType).hasCharset()) {
            charset = spec.charset() != null ? spec.charset() : tableCharset;
            if ("binary".equals(charset)) {
                dataType = ColumnTypeNames.binaryCounterpart(dataType);
                charset = null;
            }
        }
        List<String> args = spec.arguments();
        ColumnType.Size size = ColumnTypes.of(dataType).declaredSize(args);
        long length = size.length();
        int scale = size.scale();
        boolean enumOrSet = dataType.equals("enum") || dataType.equals("set");
        String columnType = columnType(dataType, args, spec.unsigned(), enumOrSet, length, scale);
        boolean nullable = spec.nullable() == null || spec.nullable();
        DefaultClause clause = asStored(spec.defaultValue());
        return new ColumnDef(spec.name(), position, dataType, columnType, spec.unsigned(), nullable, charset, length,
                scale, enumOrSet ? args : List.of(), spec.autoIncrement(), spec.generated(),
                defaultValueOf(clause, charset), clause != null && clause.isExpression());
    }

    /** MariaDB keeps {@code DEFAULT ('x')} as the literal 'x'; MySQL as an expression. */
    private DefaultClause asStored(DefaultClause clause) {
        return mariadb && clause != null && clause.constant() != null ? clause.constant() : clause;
    }

    private static String defaultValueOf(DefaultClause clause, String charset) {
        return clause == null ? null : clause.valueFor(charset == null ? null : MysqlCharsets.forName(charset));
    }

    private static String columnType(String dataType, List<String> args, boolean unsigned, boolean enumOrSet,
            long length, int scale) {
        StringBuilder type = new StringBuilder(dataType);
        if (enumOrSet) {
            type.append('(');
            for (int k = 0; k < args.size(); k++) {
                type.append(k == 0 ? "" : ",").append('\'').append(args.get(k).replace("'", "''")).append('\'');
            }
            type.append(')');
        } else if (dataType.equals("decimal") || ((dataType.equals("float") || dataType.equals("double"))
                && length >= 0)) {
            type.append('(').append(length).append(',').append(scale).append(')');
        } else if (length >= 0) {
            type.append('(').append(length).append(')');
        } else if (scale > 0) {
            type.append('(').append(scale).append(')');
        } else if (dataType.equals("tinyint") && args.equals(List.of("1"))) {
            type.append("(1)");
        }
        return unsigned ? type.append(" unsigned").toString() : type.toString();
    }

    /** Primary-key columns are NOT NULL, whatever their declaration said. */
    private static TableSchema withKeyColumnsNotNull(TableSchema table) {
        List<ColumnDef> columns = new ArrayList<>();
        for (ColumnDef column : table.columns()) {
            boolean inKey = table.primaryKey().stream().anyMatch(k -> k.equalsIgnoreCase(column.name()));
            columns.add(inKey ? column.withNullable(false) : column);
        }
        return new TableSchema(table.id(), columns, table.primaryKey(), table.indexes(), table.defaultCharset());
    }

    private static TableId id(TableName name, String sessionDatabase) {
        String database = name.database() != null ? name.database() : sessionDatabase;
        if (database == null) {
            throw new SchemaChangeException("the table " + name.table() + " has no database (no default database)");
        }
        return new TableId(database, name.table());
    }

    /** The columns of one table while an ALTER TABLE changes them. */
    private static final class TableEditor {
        private final TableId id;
        private final List<ColumnDef> columns;
        private final List<IndexDef> indexes;
        private List<String> primaryKey;
        private String charset;

        TableEditor(TableSchema table) {
            this.id = table.id();
            this.columns = new ArrayList<>(table.columns());
            this.indexes = new ArrayList<>(table.indexes());
            this.primaryKey = new ArrayList<>(table.primaryKey());
            this.charset = table.defaultCharset();
        }

        /**
         * An index without a name gets the server's: its first column's name, or with {@code _2},
         * {@code _3}... appended when an index already has that name. A name already there (which
         * the server would have refused) replaces that index, unless IF NOT EXISTS keeps it.
         */
        void addIndex(IndexSpec spec, boolean ifNotExists) {
            String name = spec.name() != null ? spec.name() : generatedIndexName(spec);
            int existing = findIndex(name);
            if (existing >= 0 && ifNotExists) {
                return;
            }
            if (existing >= 0) {
                indexes.remove(existing);
            }
            indexes.add(new IndexDef(name, spec.unique(), spec.columns(), spec.prefixed(), spec.functional()));
        }

        private String generatedIndexName(IndexSpec spec) {
            String base = spec.columns().isEmpty() ? "functional_index" : spec.columns().get(0);
            String name = base;
            for (int n = 2; name.equalsIgnoreCase("PRIMARY") || findIndex(name) >= 0; n++) {
                name = base + "_" + n;
            }
            return name;
        }

        /**
         * An index the model does not know is left alone: definitions read from history written
         * before Sluice tracked indexes have none, and only a table's key depends on them.
         */
        void dropIndex(String name) {
            int index = findIndex(name);
            if (index >= 0) {
                indexes.remove(index);
            }
        }

        void renameIndex(String oldName, String newName) {
            int index = findIndex(oldName);
            if (index >= 0) {
                IndexDef old = indexes.get(index);
                indexes.set(index, new IndexDef(newName, old.unique(), old.columns(), old.prefixed(), old.functional()));
            }
        }

        private int findIndex(String name) {
            for (int k = 0; k < indexes.size(); k++) {
                if (indexes.get(k).name().equalsIgnoreCase(name)) {
                    return k;
                }
            }
            return -1;
        }

        /** Renames a column in every index, or drops it from them (an index left without columns goes too). */
        private void replaceInIndexes(String oldName, String newName) {
            for (int k = indexes.size() - 1; k >= 0; k--) {
                IndexDef index = indexes.get(k);
                if (!index.covers(oldName)) {
                    continue;
                }
                List<String> columns = new ArrayList<>();
                for (String column : index.columns()) {
                    if (!column.equalsIgnoreCase(oldName)) {
                        columns.add(column);
                    } else if (newName != null) {
                        columns.add(newName);
                    }
                }
                if (columns.isEmpty() && !index.functional()) {
                    indexes.remove(k);
                } else {
                    indexes.set(k, new IndexDef(index.name(), index.unique(), columns, index.prefixed(),
                            index.functional()));
                }
            }
        }

        void add(ColumnDef column, Placement placement) {
            if (find(column.name()) >= 0) {
                throw new SchemaChangeException("ALTER TABLE " + id + " ADD " + column.name()
                        + ": the table already has that column");
            }
            insert(column, placement);
        }

        void modify(String oldName, ColumnDef column, Placement placement) {
            int index = require(oldName);
            columns.remove(index);
            if (placement.first() || placement.after() != null) {
                insert(column, placement);
            } else {
                columns.add(index, column);
            }
            renameInKey(oldName, column.name());
        }

        void drop(String name, boolean ifExists) {
            int index = find(name);
            if (index < 0) {
                if (ifExists) {
                    return;
                }
                throw new SchemaChangeException("ALTER TABLE " + id + " DROP " + name + ": no such column");
            }
            columns.remove(index);
            primaryKey.removeIf(k -> k.equalsIgnoreCase(name));
            replaceInIndexes(name, null);
        }

        void rename(String oldName, String newName) {
            int index = require(oldName);
            columns.set(index, columns.get(index).withName(newName));
            renameInKey(oldName, newName);
        }

        void setDefault(String name, DefaultClause clause) {
            int index = require(name);
            ColumnDef column = columns.get(index);
            columns.set(index, column.withDefault(defaultValueOf(clause, column.charset()),
                    clause != null && clause.isExpression()));
        }

        /**
         * CONVERT TO CHARACTER SET. Like the server, a TEXT column whose characters may need more
         * bytes in the new charset moves up one size so it still holds as many characters.
         */
        void convert(String newCharset) {
            charset = newCharset;
            for (int k = 0; k < columns.size(); k++) {
                ColumnDef column = columns.get(k);
                if (column.charset() == null) {
                    continue;
                }
                ColumnDef converted = column.withCharset(newCharset);
                if (Charsets.maxBytesPerChar(newCharset) > Charsets.maxBytesPerChar(column.charset())) {
                    converted = converted.withDataType(largerText(column.dataType()));
                }
                columns.set(k, converted);
            }
        }

        private static String largerText(String dataType) {
            return switch (dataType) {
                case "tinytext" -> "text";
                case "text" -> "mediumtext";
                case "mediumtext" -> "longtext";
                default -> dataType;
            };
        }

        TableSchema build() {
            List<ColumnDef> numbered = new ArrayList<>();
            for (int k = 0; k < columns.size(); k++) {
                numbered.add(columns.get(k).withPosition(k + 1));
            }
            return new TableSchema(id, numbered, primaryKey, indexes, charset);
        }

        private void insert(ColumnDef column, Placement placement) {
            if (placement.first()) {
                columns.add(0, column);
            } else if (placement.after() != null) {
                columns.add(require(placement.after()) + 1, column);
            } else {
                columns.add(column);
            }
        }

        private void renameInKey(String oldName, String newName) {
            primaryKey.replaceAll(k -> k.equalsIgnoreCase(oldName) ? newName : k);
            if (!oldName.equalsIgnoreCase(newName)) {
                replaceInIndexes(oldName, newName);
            }
        }

        private int find(String name) {
            for (int k = 0; k < columns.size(); k++) {
                if (columns.get(k).name().equalsIgnoreCase(name)) {
                    return k;
                }
            }
            return -1;
        }

        private int require(String name) {
            int index = find(name);
            if (index < 0) {
                throw new SchemaChangeException("ALTER TABLE " + id + ": no column " + name);
            }
            return index;
        }
    }
}
