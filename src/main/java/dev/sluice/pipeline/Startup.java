package dev.sluice.pipeline;

import dev.sluice.config.GtidSourceFilter;
import dev.sluice.config.Settings;
import dev.sluice.config.SnapshotMode;
import dev.sluice.config.TableFilter;
import dev.sluice.offset.OffsetStore;
import dev.sluice.offset.SourceOffset;
import dev.sluice.schema.HistoryPosition;
import dev.sluice.schema.InformationSchemaLoader;
import dev.sluice.schema.SchemaTracker;
import dev.sluice.schema.TableId;
import dev.sluice.schema.TableSchema;
import dev.sluice.sink.KafkaClients;
import dev.sluice.sink.KafkaSchemaHistoryStore;
import dev.sluice.sink.TopicAdmin;
import dev.sluice.source.BinlogPosition;
import dev.sluice.source.JdbcConnector;
import dev.sluice.source.ServerFlavor;
import dev.sluice.source.ServerInfo;
import dev.sluice.source.ServerProbe;
import dev.sluice.source.binlog.GtidTracker;
import dev.sluice.snapshot.ConsistentSnapshot;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Everything Sluice checks and reads before it streams: the source server, Kafka, the stored
 * offset, and the table definitions at the position streaming resumes from.
 */
final class Startup {

    private static final Logger LOG = Logger.getLogger(Startup.class);
    private static final int STABLE_READ_ATTEMPTS = 5;

    /** Table definitions read from information_schema, and the binlog position they are valid at. */
    private record SourceSchema(BinlogPosition position, Map<TableId, TableSchema> tables,
            Map<String, String> databaseCharsets, String serverCharset, Map<Integer, String> collations) {
    }

    private final Settings settings;
    private final KafkaStartup kafka;
    /** Base tables the binlog carries no usable rows for (MEMORY, BLACKHOLE): never captured. */
    private final java.util.Set<String> refused = new java.util.HashSet<>();

    Startup(Settings settings) {
        this.settings = settings;
        this.kafka = new KafkaStartup(settings);
    }

    private boolean isCaptured(String database, String table) {
        return settings.tableFilter().isCaptured(database, table) && !refused.contains(database + "." + table);
    }

    private void readRefusedTables(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); java.sql.ResultSet rs = statement.executeQuery(
                "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE ENGINE IN ('MEMORY', 'BLACKHOLE')")) {
            while (rs.next()) {
                refused.add(rs.getString(1) + "." + rs.getString(2));
            }
        }
    }

    /**
     * @throws dev.sluice.source.SourceUnavailableException, dev.sluice.sink.KafkaUnavailableException,
     *     dev.sluice.schema.SchemaHistoryException or IllegalStateException with an operator-readable message
     */
    StartupState run() throws SQLException {
        kafka.begin();
        JdbcConnector jdbc = new JdbcConnector(settings.mysql());
        ServerInfo server;
        List<String> binlogFiles;
        SourceSwitch.Server here;
        try (Connection connection = jdbc.openOrExplain()) {
            ServerProbe probe = new ServerProbe(connection);
            server = probe.info();
            checkServerId(server);
            if (settings.readOnly() && !server.gtidMode()) {
                throw new IllegalStateException("SLUICE_READ_ONLY=true needs GTIDs, and " + server.describe()
                        + " has gtid_mode=" + probe.variable("gtid_mode") + "; set gtid_mode=ON and"
                        + " enforce_gtid_consistency=ON in my.cnf (or SLUICE_READ_ONLY=false)");
            }
            binlogFiles = probe.binlogFiles();
            here = new SourceSwitch.Server(server, settings.mysql().address(),
                    gtidSet(probe.variable(server.flavor() == ServerFlavor.MYSQL ? "gtid_executed" : "gtid_binlog_pos")),
                    server.flavor() == ServerFlavor.MYSQL ? gtidSet(probe.variable("gtid_purged")) : null);
            readRefusedTables(connection);
        } catch (SQLException | RuntimeException e) {
            kafka.abandon(); // the source's error is the one to report
            throw e;
        }
        LOG.infof("Connected to %s at %s (server id %d, GTIDs %s, row metadata %s, time zone %s%s)",
                server.describe(), settings.mysql().address(), server.serverId(), server.gtidMode() ? "on" : "off",
                server.fullRowMetadata() ? "FULL" : "MINIMAL", server.timeZone(),
                settings.connectionTimezone() == null ? "" : ", SLUICE_CONNECTION_TIMEZONE " + settings.connectionTimezone());

        KafkaStartup.Ready ready = kafka.await();
        KafkaClients clients = ready.clients();
        TopicAdmin admin = ready.admin();
        OffsetStore offsets = ready.offsets();
        KafkaSchemaHistoryStore history = ready.history();
        OffsetStore.Stored stored = ready.stored();

        Optional<SourceOffset> offset = stored.offset();
        SnapshotMode mode = settings.snapshotMode();
        offset = offset.map(o -> countingOnlyTheFilteredSources(o, server, here));
        boolean switched = offset.isPresent() && !server.isSameServer(offset.get().sourceServer());
        if (switched && !SourceSwitch.resumeByGtids(offset.get(), here, mode == SnapshotMode.WHEN_NEEDED)) {
            offset = Optional.empty();
        } else if (!switched && offset.isPresent() && !binlogFiles.contains(offset.get().file())
                && mode == SnapshotMode.WHEN_NEEDED) {
            LOG.warnf("The stored offset's binlog file %s is gone (oldest: %s); SLUICE_SNAPSHOT_MODE=when_needed:"
                    + " taking a new snapshot", offset.get().file(), binlogFiles.isEmpty() ? "none" : binlogFiles.get(0));
            offset = Optional.empty();
        }
        Plan plan = offset.isPresent()
                ? resume(jdbc, server, history, switched ? offset.get() : checkStillAvailable(offset.get(), binlogFiles),
                        stored.capturedTables())
                : firstStart(jdbc, server, history);
        logCapturedTables(plan.schema());
        return new StartupState(jdbc, clients, admin, offsets, history, server, plan.schema(), plan.resumeFrom(),
                offset.isPresent() ? stored.offset().get() : null, plan.snapshot(), jdbc.pool(),
                capturedTables(plan.schema()),
                plan.recordCapturedTables());
    }

    /** Begins start-up's Kafka side, so that it runs beside the preflight checks. */
    void beginKafka() {
        kafka.begin();
    }

    /** Start-up will not run after all. */
    void abandon() {
        kafka.abandon();
    }

    /** The outcome of start-up decisions: definitions, where to stream from, and a snapshot to run first. */
    private record Plan(SchemaTracker schema, SourceOffset resumeFrom, SnapshotPlan snapshot,
            boolean recordCapturedTables) {
    }

    private Plan firstStart(JdbcConnector jdbc, ServerInfo server, KafkaSchemaHistoryStore history) throws SQLException {
        SnapshotMode mode = settings.snapshotMode();
        if (mode == SnapshotMode.RECOVERY) {
            throw new IllegalStateException("SLUICE_SNAPSHOT_MODE=recovery needs a stored offset to recover from;"
                    + " there is none for '" + settings.name() + "'");
        }
        if (!takesSnapshots(mode)) {
            SourceSchema source;
            try (Connection connection = jdbc.openOrExplain()) {
                source = readSchema(connection, new ServerProbe(connection), server);
            }
            SchemaTracker schema = SchemaTracker.fresh(trackerOptions(history, server, source), source.tables(),
                    source.databaseCharsets(), at(source.position(), server));
            LOG.infof("No stored offset: streaming from the current position %s (snapshot mode %s)", source.position(),
                    mode.configValue());
            return new Plan(schema, offsetAt(source.position(), server, null), null, true);
        }
        SourceSchema[] read = new SourceSchema[1];
        ConsistentSnapshot snapshot = ConsistentSnapshot.open(jdbc, server,
                connection -> read[0] = read(new InformationSchemaLoader(connection), null, tracked()));
        BinlogPosition position = snapshot.position();
        SourceSchema source = read[0];
        SchemaTracker schema = SchemaTracker.fresh(trackerOptions(history, server, source), source.tables(),
                source.databaseCharsets(), at(position, server));
        SourceOffset streamFrom = offsetAt(position, server, null);
        LOG.infof("No stored offset: snapshot mode %s takes a snapshot at %s, then streams from there",
                mode.configValue(), position);
        SnapshotPlan plan = new SnapshotPlan(capturedTables(schema), List.of(), snapshot, streamFrom,
                mode == SnapshotMode.INITIAL_ONLY);
        return new Plan(schema, streamFrom.withSnapshotDone(List.of()), plan, true);
    }

    private Plan resume(JdbcConnector jdbc, ServerInfo server, KafkaSchemaHistoryStore history, SourceOffset offset,
            List<String> previouslyCaptured) throws SQLException {
        SourceSchema source;
        try (Connection connection = jdbc.openOrExplain()) {
            source = readSchema(connection, new ServerProbe(connection), server);
        }
        SchemaTracker.Options options = trackerOptions(history, server, source);
        HistoryPosition at = new HistoryPosition(offset.file(), offset.pos(), offset.gtids(), offset.sourceServer());
        SchemaTracker schema;
        if (settings.snapshotMode() == SnapshotMode.RECOVERY) {
            LOG.warnf("SLUICE_SNAPSHOT_MODE=recovery: rebuilding the schema history from the current table"
                    + " definitions at %s", at);
            schema = SchemaTracker.fresh(options, source.tables(), source.databaseCharsets(), at);
        } else {
            schema = SchemaTracker.recover(options, at);
            schema.addMissing(source.tables(), at);
        }
        SnapshotMode mode = settings.snapshotMode();
        boolean stopAfter = mode == SnapshotMode.INITIAL_ONLY;
        SourceOffset streamFrom = offset.withSnapshotDone(null);
        if (offset.isSnapshotInProgress()) {
            if (takesSnapshots(mode)) {
                LOG.infof("Resuming the interrupted snapshot (%d table(s) already delivered)",
                        offset.snapshotDone().size());
                return new Plan(schema, offset, new SnapshotPlan(capturedTables(schema), offset.snapshotDone(), null,
                        streamFrom, stopAfter, offset.snapshotAt()), true);
            }
            LOG.warnf("SLUICE_SNAPSHOT_MODE=%s: abandoning the interrupted snapshot; streaming from %s",
                    mode.configValue(), streamFrom);
            return new Plan(schema, streamFrom, null, true);
        }
        if (previouslyCaptured == null) {
            return new Plan(schema, streamFrom, stopAfter ? emptySnapshot(streamFrom) : null, true);
        }
        List<TableId> added = capturedTables(schema).stream()
                .filter(id -> !previouslyCaptured.contains(id.toString())).toList();
        if (!added.isEmpty() && takesSnapshots(mode)) {
            LOG.infof("%d table(s) newly captured since the last run; snapshotting them before streaming: %s",
                    added.size(), added);
            return new Plan(schema, streamFrom, new SnapshotPlan(added, List.of(), null, streamFrom, stopAfter), true);
        }
        return new Plan(schema, streamFrom, stopAfter ? emptySnapshot(streamFrom) : null, !added.isEmpty());
    }

    /** initial_only with nothing left to snapshot: a plan that only stops. */
    private static SnapshotPlan emptySnapshot(SourceOffset streamFrom) {
        return new SnapshotPlan(List.of(), List.of(), null, streamFrom, true);
    }

    private static boolean takesSnapshots(SnapshotMode mode) {
        return mode == SnapshotMode.INITIAL || mode == SnapshotMode.INITIAL_ONLY || mode == SnapshotMode.WHEN_NEEDED;
    }

    private List<TableId> capturedTables(SchemaTracker schema) {
        return schema.tables().keySet().stream()
                .filter(id -> isCaptured(id.database(), id.table()))
                .sorted((a, b) -> a.toString().compareTo(b.toString())).toList();
    }

    private static HistoryPosition at(BinlogPosition position, ServerInfo server) {
        return new HistoryPosition(position.file(), position.position(), position.gtids(), server.identity());
    }

    private static SourceOffset offsetAt(BinlogPosition position, ServerInfo server, List<String> snapshotDone) {
        return new SourceOffset(position.file(), position.position(), position.gtids(), 0, 0, server.serverId(), 0,
                snapshotDone, null, null, null, server.identity());
    }

    private SchemaTracker.Options trackerOptions(KafkaSchemaHistoryStore history, ServerInfo server,
            SourceSchema source) {
        return new SchemaTracker.Options(settings.topicPrefix(), history, this::isCaptured, tracked(),
                server.flavor() == ServerFlavor.MARIADB, source.serverCharset(), source.collations(),
                settings.schemaHistory().skipUnparseableDdl(), settings.skipStatementChanges(),
                !settings.schemaHistory().capturedTablesOnly() && !settings.schemaHistory().capturedDatabasesOnly(),
                settings.tableFilter()::mayCaptureDatabase);
    }

    /** The signal and heartbeat tables: their rows are read from the binlog even when not captured. */
    private boolean isWatched(String database, String table) {
        return (database.equalsIgnoreCase(String.valueOf(settings.signalTableDatabase()))
                && table.equalsIgnoreCase(String.valueOf(settings.signalTableName())))
                || (database.equalsIgnoreCase(String.valueOf(settings.heartbeat().tableDatabase()))
                && table.equalsIgnoreCase(String.valueOf(settings.heartbeat().tableName())));
    }

    /** Which tables the schema history follows: all by default, or the captured ones only. */
    private BiPredicate<String, String> tracked() {
        TableFilter filter = settings.tableFilter();
        if (settings.schemaHistory().capturedTablesOnly()) {
            return (database, table) -> filter.isCaptured(database, table) || isWatched(database, table);
        }
        if (settings.schemaHistory().capturedDatabasesOnly()) {
            return (database, table) -> filter.mayCaptureDatabase(database) || isWatched(database, table);
        }
        return (database, table) -> !TableFilter.isSystemSchema(database);
    }

    /**
     * Reads the definitions at a position no DDL can have passed: first without any lock (the
     * position before and after the read must be equal), and on a server too busy for that,
     * under a brief global read lock.
     */
    private SourceSchema readSchema(Connection connection, ServerProbe probe, ServerInfo server) throws SQLException {
        InformationSchemaLoader loader = new InformationSchemaLoader(connection);
        BiPredicate<String, String> tracked = tracked();
        for (int attempt = 0; attempt < STABLE_READ_ATTEMPTS; attempt++) {
            BinlogPosition before = probe.currentPosition(server);
            SourceSchema read = read(loader, before, tracked);
            if (before.equals(probe.currentPosition(server))) {
                return read;
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION lock_wait_timeout = 10");
            statement.execute("FLUSH TABLES WITH READ LOCK");
            long locked = System.nanoTime();
            try {
                return read(loader, probe.currentPosition(server), tracked);
            } finally {
                statement.execute("UNLOCK TABLES");
                LOG.infof("Read the table definitions under a global read lock held for %d ms",
                        (System.nanoTime() - locked) / 1_000_000);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the table definitions at a stable binlog position: the"
                    + " server kept writing, and a brief global read lock failed (" + e.getMessage() + "); grant"
                    + " RELOAD to " + settings.mysql().user() + " or start when the server is quieter", e);
        }
    }

    private static SourceSchema read(InformationSchemaLoader loader, BinlogPosition position,
            BiPredicate<String, String> tracked) throws SQLException {
        return new SourceSchema(position, loader.load(tracked), loader.databaseCharsets(), loader.serverCharset(),
                loader.collationCharsets());
    }

    private void checkServerId(ServerInfo server) {
        if (server.serverId() == settings.mysql().serverId()) {
            throw new IllegalStateException("SLUICE_MYSQL_SERVER_ID " + settings.mysql().serverId()
                    + " equals the source server's own server_id; choose an id no server in the topology uses");
        }
    }

    private SourceOffset checkStillAvailable(SourceOffset offset, List<String> binlogFiles) {
        if (!binlogFiles.contains(offset.file())) {
            throw new IllegalStateException("the stored offset points into binlog file " + offset.file()
                    + ", which the server no longer has (oldest: "
                    + (binlogFiles.isEmpty() ? "none" : binlogFiles.get(0)) + "); changes after it are lost. "
                    + "Re-snapshot with SLUICE_SNAPSHOT_MODE=when_needed, or delete the offset to start from now");
        }
        LOG.infof("Resuming from the stored offset %s", offset);
        return offset;
    }

    /**
     * With SLUICE_GTID_SOURCE_INCLUDES or _EXCLUDES on MySQL: the transactions of sources that do
     * not count are taken as read, so the server neither sends them nor misses them when purged.
     */
    private SourceOffset countingOnlyTheFilteredSources(SourceOffset offset, ServerInfo server,
            SourceSwitch.Server here) {
        GtidSourceFilter sources = settings.gtidSources();
        if (!sources.filters() || server.flavor() != ServerFlavor.MYSQL || !server.gtidMode() || offset.gtids() == null
                || here.gtidExecuted() == null) {
            return offset;
        }
        String resumeAfter = GtidTracker.resumeSet(offset.gtids(), here.gtidExecuted(), sources::accepts);
        LOG.infof("GTID sources counted: %s; resuming after %s", sources, resumeAfter);
        return offset.withGtids(resumeAfter);
    }

    /** A GTID set as the server shows it, without the line breaks it puts into long ones. */
    private static String gtidSet(String shown) {
        return shown == null ? null : shown.replace("\n", "").strip();
    }

    /** At most 20 names: a log line, not a listing of a server with thousands of tables. */
    private static String abbreviated(List<TableId> tables) {
        String shown = String.join(", ", tables.stream().limit(20).map(TableId::toString).toList());
        return tables.size() <= 20 ? "[" + shown + "]" : "[" + shown + ", ... and " + (tables.size() - 20) + " more]";
    }

    private void logCapturedTables(SchemaTracker schema) {
        List<TableId> captured = capturedTables(schema);
        if (captured.isEmpty()) {
            LOG.warnf("No existing table matches SLUICE_TABLES %s; tables created later that match are captured",
                    settings.tableFilter().includePatterns());
        } else {
            LOG.infof("Capturing %d table(s): %s", captured.size(), abbreviated(captured));
        }
    }
}
