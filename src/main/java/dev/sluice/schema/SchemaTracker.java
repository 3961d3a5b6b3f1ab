package dev.sluice.schema;

import dev.sluice.schema.SchemaModel.TableChange;
import dev.sluice.schema.ddl.DdlParseException;
import dev.sluice.schema.ddl.DdlParser;
import dev.sluice.schema.ddl.DdlStatement;
import dev.sluice.schema.types.BinlogCodes;
import dev.sluice.schema.types.ColumnTypes;
import dev.sluice.source.binlog.TableMap;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Knows every tracked table's definition at the binlog position being read. It starts from the
 * definitions read at a known position (a snapshot record) or rebuilds them from the schema
 * history, applies each DDL statement in binlog order and records the result durably before
 * the stream moves past it, and checks every table map against the definition it will be
 * decoded with.
 */
public final class SchemaTracker {

    private static final Logger LOG = Logger.getLogger(SchemaTracker.class);
    /** A snapshot record's budget: half of Kafka's default record limit, room for the charsets and envelope. */
    private static final int SNAPSHOT_PART_BYTES = 512 * 1024;

    /**
     * How the tracker is set up; the predicates take (database, table).
     *
     * @param collationCharsets the server's collation ids and their character sets
     * @param skipStatementChanges skip statement-format data changes of captured tables (with a
     *     warning) instead of stopping
     */
    public record Options(
            String server,
            SchemaHistoryStore store,
            BiPredicate<String, String> captured,
            BiPredicate<String, String> tracked,
            boolean mariadb,
            String serverCharset,
            Map<Integer, String> collationCharsets,
            boolean skipUnparseableDdl,
            boolean skipStatementChanges,
            boolean tracksEverything,
            java.util.function.Predicate<String> announcedDatabases) {
    }

    /**
     * What a statement from the binlog did: the table definitions it changed, and whether it was a
     * statement-format data change that was skipped.
     */
    /**
     * What a statement did: the definitions it changed, the schema-change events that tell
     * consumers about it, whether it was a data change skipped because its rows are not in the
     * binlog, and the captured table it emptied (TRUNCATE TABLE), null for none.
     */
    public record Outcome(List<TableChange> changes, List<SchemaChange> announced, boolean skippedDataChange,
            TableSchema truncated) {
        static final Outcome NOTHING = new Outcome(List.of(), List.of(), false, null);
        static final Outcome SKIPPED = new Outcome(List.of(), List.of(), true, null);
    }

    /**
     * One event of the schema-change topic, as Debezium cuts them: a DROP TABLE of several tables
     * is one event per table with its DDL rewritten to that table, and CREATE/DROP INDEX an event
     * without table changes, database or table.
     *
     * @param table the table the event is about (several joined by commas), null when none
     */
    public record SchemaChange(String database, String table, String ddl, List<TableChange> tableChanges) {
    }

    /** The definitions just before a statement this process applied at {@code at}. */
    private record Checkpoint(HistoryPosition at, SchemaModel.State before) {
    }

    private final Options options;
    private final SchemaModel model;
    /** Statements applied since the last committed offset, oldest first: what a reconnect may read again. */
    private final java.util.ArrayDeque<Checkpoint> checkpoints = new java.util.ArrayDeque<>();

    private SchemaTracker(Options options, SchemaModel model) {
        this.options = options;
        this.model = model;
    }

    /** Starts from definitions just read from the server at {@code at}, recording them as a snapshot. */
    public static SchemaTracker fresh(Options options, Map<TableId, TableSchema> tables,
            Map<String, String> databaseCharsets, HistoryPosition at) {
        SchemaModel model = new SchemaModel(options.serverCharset(), options.mariadb(), options.tracked());
        databaseCharsets.forEach(model::putDatabaseCharset);
        List<TableChange> changes = new ArrayList<>();
        tables.forEach((id, table) -> {
            if (options.tracked().test(id.database(), id.table())) {
                model.put(table);
                changes.add(new TableChange(TableChange.Type.CREATE, id, table));
            }
        });
        SchemaTracker tracker = new SchemaTracker(options, model);
        tracker.record(at, null, null, true, changes);
        return tracker;
    }

    /**
     * Rebuilds the definitions at the resume position from the schema history: the last snapshot
     * record at or before it, then every later record that lies before it. Records of another
     * server than the resume position's (before a failover) are placed by their GTID sets.
     *
     * @throws SchemaHistoryException when the history is missing or cannot lead to that position
     */
    public static SchemaTracker recover(Options options, HistoryPosition resume) {
        List<byte[]> raw = options.store().readAll();
        if (raw.isEmpty()) {
            throw new SchemaHistoryException("the schema history " + options.store().describe()
                    + " is missing or empty, but an offset exists: Sluice cannot know the table definitions at "
                    + resume + ". If no DDL ran on the captured tables since then, restart"
                    + " once with SLUICE_SNAPSHOT_MODE=recovery to rebuild the history from the current definitions;"
                    + " otherwise re-snapshot under a new SLUICE_NAME");
        }
        List<HistoryRecord> records = new ArrayList<>();
        for (int k = 0; k < raw.size(); k++) {
            try {
                records.add(HistoryRecord.fromJson(raw.get(k)));
            } catch (IllegalArgumentException e) {
                throw new SchemaHistoryException("record " + k + " of the schema history " + options.store().describe()
                        + " is unreadable (" + e.getMessage() + "); restore the topic or use SLUICE_SNAPSHOT_MODE=recovery");
            }
        }
        int base = -1;
        for (int k = 0; k < records.size(); k++) {
            if (records.get(k).startsSnapshotOf(records, k) && records.get(k).position().isAtOrBefore(resume)) {
                base = k;
            }
        }
        if (base < 0) {
            throw new SchemaHistoryException("the schema history " + options.store().describe()
                    + " has no snapshot of the table definitions at or before " + resume
                    + "; restart once with SLUICE_SNAPSHOT_MODE=recovery if no DDL ran on captured tables since then");
        }
        SchemaModel model = new SchemaModel(options.serverCharset(), options.mariadb(), options.tracked());
        int snapshotEnd = base + records.get(base).parts();
        int applied = 0;
        for (int k = base; k < records.size(); k++) {
            HistoryRecord record = records.get(k);
            if (k >= snapshotEnd && (record.snapshot() || !record.position().isBefore(resume))) {
                continue;
            }
            record.databaseCharsets().forEach(model::putDatabaseCharset);
            for (TableChange change : record.changes()) {
                if (change.type() == TableChange.Type.DROP) {
                    model.remove(change.id());
                } else {
                    model.put(change.table());
                }
            }
            applied++;
        }
        LOG.infof("Rebuilt %d table definitions from %d schema-history record(s) of %s", model.tables().size(),
                applied, options.store().describe());
        return new SchemaTracker(options, model);
    }

    /**
     * Adds captured tables the history does not know (newly included ones), from their current
     * definitions, and records them.
     */
    public void addMissing(Map<TableId, TableSchema> current, HistoryPosition at) {
        if (options.tracksEverything()) {
            return; // a table the history lacks was created later: its CREATE lies ahead in the binlog
        }
        List<TableChange> added = new ArrayList<>();
        current.forEach((id, table) -> {
            if (model.table(id) == null && options.captured().test(id.database(), id.table())) {
                model.put(table);
                added.add(new TableChange(TableChange.Type.CREATE, id, table));
            }
        });
        if (!added.isEmpty()) {
            LOG.warnf("%d captured table(s) had no definition in the schema history (newly included?); using their"
                    + " current definitions: %s", added.size(), added.stream().map(TableChange::id).toList());
            record(at, null, null, false, added);
        }
    }

    /**
     * Returns the definitions to what they were at a position the stream resumes from: the
     * statements this process applied at or after it are read again, so their effect is undone.
     * A stream that reconnects inside the process needs this as much as a restart does.
     *
     * @return how many statements were undone
     */
    public int rewindTo(String file, long pos) {
        SchemaModel.State earliest = null;
        int undone = 0;
        synchronized (checkpoints) {
            while (!checkpoints.isEmpty() && !checkpoints.peekLast().at().isBefore(file, pos)) {
                earliest = checkpoints.pollLast().before();
                undone++;
            }
        }
        if (earliest != null) {
            model.restore(earliest);
            LOG.infof("Rewound the table definitions to %s:%d: %d DDL statement(s) after it will be applied again",
                    file, pos, undone);
        }
        return undone;
    }

    /** Forgets what {@link #rewindTo} needs no more: statements before a committed offset are never read again. */
    public void forgetBefore(String file, long pos) {
        synchronized (checkpoints) {
            while (!checkpoints.isEmpty() && checkpoints.peekFirst().at().isBefore(file, pos)) {
                checkpoints.pollFirst();
            }
        }
    }

    public boolean isCaptured(String database, String table) {
        return options.captured().test(database, table);
    }

    /** The server's collation ids and their character set names. */
    public Map<Integer, String> collationCharsets() {
        return options.collationCharsets();
    }

    public Map<TableId, TableSchema> tables() {
        return model.tables();
    }

    /**
     * Applies a statement found in the binlog (DDL, administration, or a data change logged as a
     * statement) and records any definition it changed.
     *
     * @param database the statement's default database (the QUERY event's)
     * @throws UnparseableDdlException when the statement cannot be read and may concern captured tables
     * @throws StatementChangeException when it changes captured rows as a statement (their row
     *     changes are not in the binlog) and such statements are not skipped
     */
    public Outcome applyStatement(String sql, String database, HistoryPosition at, long tsMs) {
        DdlStatement statement;
        try {
            statement = DdlParser.parse(sql);
        } catch (DdlParseException e) {
            DdlStatement.TableName subject = e.subject();
            if (subject != null) {
                String db = subject.database() != null ? subject.database() : database;
                if (db != null && !options.captured().test(db, subject.table())) {
                    LOG.warnf("Skipped DDL Sluice cannot parse at %s on the non-captured table %s.%s (%s): %s", at,
                            db, subject.table(), e.getMessage(), oneLine(sql));
                    return Outcome.NOTHING;
                }
            }
            if (options.skipUnparseableDdl()) {
                LOG.warnf("Skipped DDL Sluice cannot parse at %s (%s): %s", at, e.getMessage(), oneLine(sql));
                return Outcome.NOTHING;
            }
            throw new UnparseableDdlException("cannot parse the DDL at " + at + ": " + e.getMessage() + ": "
                    + oneLine(sql) + ". If it does not change a captured table's columns, set"
                    + " SLUICE_SCHEMA_HISTORY_SKIP_UNPARSEABLE_DDL=true to skip it");
        }
        if (statement instanceof DdlStatement.DataChange change) {
            return dataChange(change, sql, database, at);
        }
        boolean skippedRows = false;
        if (statement instanceof DdlStatement.CreateTable create && create.copiesRows()) {
            // CREATE TABLE ... SELECT logged as a statement: the table is new, its rows are not in the binlog
            skippedRows = dataChange(new DdlStatement.DataChange("CREATE TABLE ... SELECT", List.of(create.table())),
                    sql, database, at).skippedDataChange();
            if (create.columns().isEmpty()) {
                return skippedRows ? Outcome.SKIPPED : Outcome.NOTHING;
            }
        }
        if (statement instanceof DdlStatement.TruncateTable truncate) {
            return truncated(truncate, database);
        }
        warnAboutRowsWithoutEvents(statement, database, at);
        SchemaModel.State before = model.state();
        List<TableChange> changes = model.apply(statement, database);
        if (!changes.isEmpty() || !before.databaseCharsets().equals(model.databaseCharsets())) {
            synchronized (checkpoints) {
                checkpoints.addLast(new Checkpoint(at, before));
            }
            record(at, database, sql, false, changes);
            LOG.infof("Applied DDL at %s: %s", at, oneLine(sql));
        }
        if (changes.isEmpty() && !skippedRows) {
            return Outcome.NOTHING;
        }
        boolean announces = changes.stream().anyMatch(c -> options.announcedDatabases().test(c.id().database()));
        return new Outcome(changes, announces ? announce(statement, sql, database, changes) : List.of(), skippedRows,
                null);
    }

    private static List<SchemaChange> announce(DdlStatement statement, String sql, String database,
            List<TableChange> changes) {
        if (changes.isEmpty()) {
            return List.of();
        }
        if (statement instanceof DdlStatement.DropTables drop && changes.size() > 1) {
            List<SchemaChange> perTable = new ArrayList<>();
            for (TableChange change : changes) {
                TableId id = change.id();
                perTable.add(new SchemaChange(id.database(), id.table(), "DROP TABLE " + (drop.ifExists() ? "IF EXISTS "
                        : "") + id.quoted(), List.of(change)));
            }
            return perTable;
        }
        if (statement instanceof DdlStatement.CreateIndex || statement instanceof DdlStatement.DropIndexOn) {
            return List.of(new SchemaChange("", "", sql, List.of())); // as Debezium: no database, no table
        }
        List<TableChange> announced = isRename(statement) ? renamesAsAlters(changes) : changes;
        String eventDatabase = database == null || database.isEmpty() ? changes.get(0).id().database() : database;
        String tables = String.join(",", announced.stream().map(c -> c.id().table()).distinct().toList());
        return List.of(new SchemaChange(eventDatabase, tables, sql, announced));
    }

    private static boolean isRename(DdlStatement statement) {
        return statement instanceof DdlStatement.RenameTables || statement instanceof DdlStatement.AlterTable alter
                && alter.actions().stream().anyMatch(DdlStatement.RenameTo.class::isInstance);
    }

    /**
     * The model records a rename as the old name dropped and the new one created; Debezium tells
     * consumers of an ALTER of the table under its new name, and so does Sluice.
     */
    private static List<TableChange> renamesAsAlters(List<TableChange> changes) {
        List<TableChange> announced = new ArrayList<>();
        for (int k = 0; k < changes.size(); k++) {
            TableChange change = changes.get(k);
            boolean movedOn = change.type() == TableChange.Type.DROP && k + 1 < changes.size()
                    && changes.get(k + 1).type() == TableChange.Type.CREATE;
            if (movedOn) {
                TableChange created = changes.get(++k);
                announced.add(new TableChange(TableChange.Type.ALTER, created.id(), created.table()));
            } else {
                announced.add(change);
            }
        }
        return announced;
    }

    /** A TRUNCATE TABLE keeps the definition; the outcome names a captured table it emptied. */
    private Outcome truncated(DdlStatement.TruncateTable truncate, String database) {
        String db = truncate.table().database() != null ? truncate.table().database() : database;
        if (db == null || !options.captured().test(db, truncate.table().table())) {
            return Outcome.NOTHING;
        }
        TableSchema table = model.table(new TableId(db, truncate.table().table()));
        return table == null ? Outcome.NOTHING : new Outcome(List.of(), List.of(), false, table);
    }

    /**
     * Partition or tablespace operations change a table's rows without row events, as in
     * Debezium: the topic does not show them.
     */
    private void warnAboutRowsWithoutEvents(DdlStatement statement, String database, HistoryPosition at) {
        DdlStatement.TableName table = null;
        String what = null;
        if (statement instanceof DdlStatement.AlterTable alter) {
            for (DdlStatement.AlterAction action : alter.actions()) {
                if (action instanceof DdlStatement.RowsWithoutEvents rows) {
                    table = alter.table();
                    what = "ALTER TABLE ... " + rows.what();
                }
            }
        }
        if (table == null) {
            return;
        }
        String db = table.database() != null ? table.database() : database;
        if (db != null && options.captured().test(db, table.table())) {
            LOG.warnf("%s at %s changed rows of the captured table %s.%s without row events: its topic does not show"
                    + " them; re-snapshot the table (an execute-snapshot signal) if consumers need them", what, at, db,
                    table.table());
        }
    }

    /**
     * A data change logged as a statement: its rows are not in the binlog. Harmless when it can
     * only touch tables that are not captured; otherwise the stream stops, or skips it when told to.
     */
    private Outcome dataChange(DdlStatement.DataChange change, String sql, String database, HistoryPosition at) {
        List<String> captured = new ArrayList<>();
        boolean known = change.targets() != null;
        if (known) {
            for (DdlStatement.TableName target : change.targets()) {
                String db = target.database() != null ? target.database() : database;
                if (db == null || db.isEmpty() || options.captured().test(db, target.table())) {
                    captured.add((db == null || db.isEmpty() ? "" : db + ".") + target.table());
                }
            }
            if (captured.isEmpty()) {
                LOG.debugf("A statement-format %s at %s changes no captured table: %s", change.verb(), at, oneLine(sql));
                return Outcome.NOTHING;
            }
        }
        String what = known ? change.verb() + " of " + String.join(", ", captured)
                : "a " + change.verb() + " statement whose tables Sluice cannot tell";
        if (options.skipStatementChanges()) {
            LOG.warnf("Skipped %s at %s, logged as a statement: its row changes are NOT in the stream"
                    + " (SLUICE_BINLOG_SKIP_STATEMENT_CHANGES=true): %s", what, at, oneLine(sql));
            return Outcome.SKIPPED;
        }
        throw new StatementChangeException(what + " at " + at + " was logged as a statement: its row changes are not"
                + " in the binlog, so Sluice cannot publish them: " + oneLine(sql) + ". Some session"
                + " ran with binlog_format STATEMENT or MIXED; keep binlog_format=ROW for every session (do not grant"
                + " applications SUPER, SYSTEM_VARIABLES_ADMIN or SESSION_VARIABLES_ADMIN, on MariaDB SUPER or BINLOG"
                + " ADMIN), then re-snapshot the tables it changed. To go on without its rows, set"
                + " SLUICE_BINLOG_SKIP_STATEMENT_CHANGES=true");
    }

    /**
     * The definition to decode a table map's rows with, checked against everything the table map
     * says: column count and binlog types always; names, signedness and charsets where the server
     * logs full row metadata.
     *
     * @throws SchemaMismatchException naming both definitions when they disagree
     */
    public TableSchema resolve(TableMap map) {
        TableId id = new TableId(map.database(), map.table());
        TableSchema table = model.table(id);
        if (table == null) {
            throw new SchemaMismatchException("no definition of the captured table " + id + " is known at this binlog"
                    + " position (it was not in the schema history); restart with SLUICE_SNAPSHOT_MODE=recovery if no DDL"
                    + " ran on it since Sluice last stopped");
        }
        String problem = TableMapCheck.problem(table, map, options.collationCharsets());
        if (problem != null) {
            throw new SchemaMismatchException("the binlog's table map for " + id + " does not match the tracked"
                    + " definition (" + problem + ").\n  binlog:  " + map
                    + "\n  tracked: " + table.describe());
        }
        return table;
    }

    private void record(HistoryPosition at, String database, String ddl, boolean snapshot, List<TableChange> changes) {
        long now = System.currentTimeMillis();
        if (!snapshot) {
            options.store().append(new HistoryRecord(options.server(), at, now, database, ddl, false,
                    model.databaseCharsets(), changes).toJson());
            return;
        }
        List<List<TableChange>> parts = snapshotParts(at, changes);
        for (int k = 0; k < parts.size(); k++) {
            options.store().append(new HistoryRecord(options.server(), at, now, database, ddl, true,
                    model.databaseCharsets(), parts.get(k), k + 1, parts.size()).toJson());
        }
    }

    /** The snapshot's tables cut into runs whose records stay well under Kafka's 1 MB default. */
    private List<List<TableChange>> snapshotParts(HistoryPosition at, List<TableChange> changes) {
        List<List<TableChange>> parts = new ArrayList<>();
        List<TableChange> current = new ArrayList<>();
        long size = 0;
        for (TableChange change : changes) {
            long changeSize = new HistoryRecord(options.server(), at, 0, null, null, true, Map.of(),
                    List.of(change)).toJson().length;
            if (!current.isEmpty() && size + changeSize > SNAPSHOT_PART_BYTES) {
                parts.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(change);
            size += changeSize;
        }
        parts.add(current);
        return parts;
    }

    private static String oneLine(String sql) {
        String flat = sql.replaceAll("\\s+", " ").trim();
        return flat.length() > 500 ? flat.substring(0, 500) + "..." : flat;
    }

    /** Helpers to compare a table map with a definition. */
    static final class TableMapCheck {

        private TableMapCheck() {
        }

        static String problem(TableSchema table, TableMap map, Map<Integer, String> collations) {
            if (map.columnCount() != table.columns().size()) {
                return map.columnCount() + " columns in the binlog, " + table.columns().size() + " tracked";
            }
            for (int i = 0; i < map.columnCount(); i++) {
                ColumnDef column = table.columns().get(i);
                if (!ColumnTypes.binlogTypeFits(column.dataType(), map.columnType(i))) {
                    return "column " + (i + 1) + " (" + column.name() + ") is binlog type " + map.columnType(i)
                            + ", not " + column.dataType();
                }
            }
            List<String> names = map.columnNames();
            if (names != null) {
                for (int i = 0; i < names.size() && i < map.columnCount(); i++) {
                    if (!names.get(i).equalsIgnoreCase(table.columns().get(i).name())) {
                        return "column " + (i + 1) + " is named " + names.get(i) + " in the binlog, "
                                + table.columns().get(i).name() + " tracked";
                    }
                }
            }
            String signedness = signedness(table, map);
            return signedness != null ? signedness : charsets(table, map, collations);
        }

        /** The binlog client maps the signedness bits back to column positions. */
        private static String signedness(TableSchema table, TableMap map) {
            BitSet unsigned = map.unsigned();
            if (unsigned == null) {
                return null;
            }
            for (int i = 0; i < map.columnCount(); i++) {
                if (isNumeric(map.columnType(i))) {
                    ColumnDef column = table.columns().get(i);
                    if (unsigned.get(i) != column.unsigned()) {
                        return "column " + column.name() + " is " + (unsigned.get(i) ? "unsigned" : "signed")
                                + " in the binlog";
                    }
                }
            }
            return null;
        }

        private static String charsets(TableSchema table, TableMap map, Map<Integer, String> collations) {
            if (collations.isEmpty()) {
                return null;
            }
            int character = 0;
            for (int i = 0; i < map.columnCount(); i++) {
                ColumnDef column = table.columns().get(i);
                if (!isCharacter(map.columnType(i), column)) {
                    continue;
                }
                Integer collation = map.characterCollation(character++);
                if (collation == null) {
                    return null; // the server logged no charsets
                }
                String logged = collations.get(collation);
                String expected = column.charset() == null ? "binary" : column.charset();
                if (logged != null && !logged.equals(expected)) {
                    return "column " + column.name() + " is " + logged + " in the binlog, " + expected + " tracked";
                }
            }
            return null;
        }

        private static boolean isNumeric(int type) {
            return switch (type) {
                case BinlogCodes.TINY, BinlogCodes.SHORT, BinlogCodes.LONG, BinlogCodes.FLOAT, BinlogCodes.DOUBLE,
                        BinlogCodes.LONGLONG, BinlogCodes.INT24, BinlogCodes.NEWDECIMAL -> true;
                default -> false;
            };
        }

        /** Columns whose charset the binlog lists: strings and blobs, but not ENUM/SET (listed apart). */
        private static boolean isCharacter(int type, ColumnDef column) {
            return switch (type) {
                case BinlogCodes.VARCHAR, BinlogCodes.VAR_STRING, BinlogCodes.TINY_BLOB, BinlogCodes.MEDIUM_BLOB,
                        BinlogCodes.LONG_BLOB, BinlogCodes.BLOB -> true;
                case BinlogCodes.STRING -> !column.dataType().equals("enum") && !column.dataType().equals("set");
                default -> false;
            };
        }
    }
}
