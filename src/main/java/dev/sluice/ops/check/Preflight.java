package dev.sluice.ops.check;

import dev.sluice.config.ColumnControls;
import dev.sluice.config.NamePattern;
import dev.sluice.config.Settings;
import dev.sluice.config.TableFilter;
import dev.sluice.source.JdbcConnector;
import dev.sluice.source.ServerFlavor;
import dev.sluice.source.ServerInfo;
import dev.sluice.source.ServerProbe;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every prerequisite of the setup guide, checked against the live server with Sluice's own
 * settings: one result per check, with the exact fix for each warning and failure.
 */
public final class Preflight {

    private static final long MIN_RETENTION_SECONDS = 3 * 86_400;

    private final Settings settings;
    private final List<CheckResult> results = new ArrayList<>();
    private Connection connection;
    private ServerInfo server;
    private String user;
    private String host;

    private Preflight(Settings settings) {
        this.settings = settings;
    }

    /** Every check against the source. */
    public static List<CheckResult> run(Settings settings) {
        return new Preflight(settings).runAll();
    }

    /** Every check, and whether Kafka answers (for the check command; the service finds out by starting). */
    public static List<CheckResult> runWithKafka(Settings settings) {
        List<CheckResult> results = new ArrayList<>(run(settings));
        dev.sluice.sink.KafkaClients clients = new dev.sluice.sink.KafkaClients(settings.kafka(), settings.name());
        try (dev.sluice.sink.TopicAdmin admin = new dev.sluice.sink.TopicAdmin(clients)) {
            admin.checkReachable(java.time.Duration.ofSeconds(15));
            results.add(CheckResult.ok("kafka", "Kafka at " + clients.bootstrapServers() + " answers"));
        } catch (RuntimeException e) {
            results.add(CheckResult.fail("kafka", e.getMessage(), "check KAFKA_BOOTSTRAP_SERVERS, the network and"
                    + " the kafka.* security settings"));
        }
        return results;
    }

    private List<CheckResult> runAll() {
        JdbcConnector jdbc = new JdbcConnector(settings.mysql());
        try {
            connection = jdbc.open();
        } catch (SQLException e) {
            results.add(CheckResult.fail("connection", jdbc.explain(e), jdbc.fix(e)));
            return results;
        }
        try (Connection c = connection) {
            server = new ServerProbe(c).info();
            String currentUser = text("SELECT CURRENT_USER()");
            int at = currentUser.lastIndexOf('@');
            user = currentUser.substring(0, at);
            host = currentUser.substring(at + 1);
            results.add(CheckResult.ok("connection", "logged in to " + settings.mysql().address() + " as '" + user
                    + "'@'" + host + "'"));
            results.add(JvmCharset.check(java.nio.charset.Charset.defaultCharset()));
            step(this::tls);
            step(this::version);
            step(this::binlog);
            step(this::serverIds);
            step(this::retention);
            step(this::replicaUpdates);
            step(this::rowMetadata);
            step(this::gtid);
            step(this::grants);
            step(this::signalTable);
            step(this::heartbeatTable);
            step(this::capturedTables);
            step(this::columnControls);
        } catch (SQLException e) {
            results.add(CheckResult.fail("connection", "the server failed a query: " + e.getMessage(),
                    "check the server's state and Sluice's user"));
        }
        return results;
    }

    @FunctionalInterface
    private interface Step {
        void run() throws SQLException;
    }

    /** Runs one check; a query it is not allowed to run becomes a warning, not an abort. */
    private void step(Step step) {
        try {
            step.run();
        } catch (SQLException e) {
            results.add(CheckResult.warn("query", "a check could not run: " + e.getMessage(),
                    "grant the privileges listed by the grants check"));
        }
    }

    private void tls() throws SQLException {
        String cipher = sessionStatus("Ssl_cipher");
        if (cipher != null && !cipher.isEmpty()) {
            results.add(CheckResult.ok("tls", "encrypted (" + sessionStatus("Ssl_version") + ", " + cipher + ")"));
        } else {
            results.add(CheckResult.warn("tls", "the connection is not encrypted (SLUICE_MYSQL_SSL_MODE="
                    + settings.mysql().sslMode().name().toLowerCase(Locale.ROOT) + ")",
                    "configure TLS on the server (ssl_cert, ssl_key) and set SLUICE_MYSQL_SSL_MODE=required"));
        }
    }

    private void version() {
        String found = server.describe();
        boolean supported = server.flavor() == ServerFlavor.MARIADB ? server.major() >= 10
                : server.isAtLeast(5, 7);
        if (supported) {
            results.add(CheckResult.ok("version", found));
        } else {
            results.add(CheckResult.fail("version", found + " is not supported",
                    "upgrade to MySQL 5.7 or later (8.0, 8.4, 9.x) or MariaDB 10.x/11.x"));
        }
    }

    private void binlog() throws SQLException {
        String logBin = variable("log_bin");
        if (!"ON".equalsIgnoreCase(logBin) && !"1".equals(logBin)) {
            results.add(CheckResult.fail("log_bin", "log_bin=" + logBin + ": the binary log is off",
                    "add to my.cnf under [mysqld]: log-bin=mysql-bin and server-id=<a unique number>, then restart"
                            + " the server"));
        } else {
            results.add(CheckResult.ok("log_bin", "log_bin=ON"));
        }
        String format = variable("binlog_format");
        if (!"ROW".equalsIgnoreCase(format)) {
            results.add(CheckResult.fail("binlog_format", "binlog_format=" + format + ": Sluice needs row events",
                    "add binlog-format=ROW to my.cnf under [mysqld] and run: SET GLOBAL binlog_format = 'ROW';"
                            + " (sessions opened before keep the old format until they reconnect)"));
        } else {
            results.add(CheckResult.ok("binlog_format", "binlog_format=ROW"));
        }
        String image = variable("binlog_row_image");
        if (image != null && !"FULL".equalsIgnoreCase(image)) {
            results.add(CheckResult.fail("binlog_row_image", "binlog_row_image=" + image
                    + ": updates and deletes would lack the full before and after images",
                    "add binlog-row-image=FULL to my.cnf under [mysqld] and run: SET GLOBAL binlog_row_image = 'FULL';"));
        } else {
            results.add(CheckResult.ok("binlog_row_image", "binlog_row_image=FULL"));
        }
        String compression = variable("binlog_transaction_compression");
        if (compression != null) {
            results.add(CheckResult.ok("binlog_transaction_compression", "binlog_transaction_compression="
                    + compression + " (Sluice reads compressed transactions)"));
        }
        String valueOptions = variable("binlog_row_value_options");
        if (valueOptions != null) {
            results.add(BinlogSessionSettings.rowValueOptions(valueOptions, image));
        }
        String mariadbCompression = variable("log_bin_compress");
        if (mariadbCompression != null) {
            results.add(CheckResult.ok("log_bin_compress", "log_bin_compress=" + mariadbCompression
                    + " (Sluice decompresses MariaDB's compressed events)"));
        }
        results.add(new BinlogSessionSettings(connection, server.flavor(), user).overrides());
    }

    private void serverIds() throws SQLException {
        if (server.serverId() == 0) {
            results.add(CheckResult.fail("server_id", "the source has server_id=0",
                    "add server-id=<a number from 1 to 4294967295 no other server uses> to my.cnf under [mysqld],"
                            + " then restart"));
            return;
        }
        results.add(CheckResult.ok("server_id", "server_id=" + server.serverId()));
        long mine = settings.mysql().serverId();
        Set<Long> replicas = replicaServerIds();
        if (mine == server.serverId() || replicas.contains(mine)) {
            long suggestion = mine;
            while (suggestion == server.serverId() || replicas.contains(suggestion)) {
                suggestion++;
            }
            results.add(CheckResult.fail("sluice_server_id", "SLUICE_MYSQL_SERVER_ID=" + mine + " is already used by "
                    + (mine == server.serverId() ? "the source server" : "a replica of it"),
                    "set SLUICE_MYSQL_SERVER_ID to an id no server uses, e.g. " + suggestion));
        } else {
            results.add(CheckResult.ok("sluice_server_id", "SLUICE_MYSQL_SERVER_ID=" + mine + " is unique"
                    + (replicas.isEmpty() ? "" : " (replicas use " + replicas + ")")));
        }
    }

    private Set<Long> replicaServerIds() {
        Set<Long> ids = new TreeSet<>();
        for (String sql : List.of("SHOW REPLICAS", "SHOW SLAVE HOSTS")) {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    ids.add(rs.getLong("Server_id"));
                }
                return ids;
            } catch (SQLException tryNext) {
                // the other spelling, or not permitted: nothing to compare against
            }
        }
        return ids;
    }

    private void retention() throws SQLException {
        Long rdsHours = rdsRetentionHours();
        if (rdsHours != null) {
            if (rdsHours < 72) {
                results.add(CheckResult.warn("binlog_retention", "Amazon RDS keeps binlogs for "
                        + (rdsHours == 0 ? "no time at all (NULL)" : rdsHours + " hours"),
                        "CALL mysql.rds_set_configuration('binlog retention hours', 168);"));
            } else {
                results.add(CheckResult.ok("binlog_retention", "Amazon RDS keeps binlogs for " + rdsHours + " hours"));
            }
            return;
        }
        String seconds = variable("binlog_expire_logs_seconds");
        String days = variable("expire_logs_days");
        long retention = seconds != null && Long.parseLong(seconds) > 0 ? Long.parseLong(seconds)
                : days != null ? (long) (Double.parseDouble(days) * 86_400) : 0;
        if (retention == 0) {
            results.add(CheckResult.ok("binlog_retention", "binlogs never expire"));
        } else if (retention < MIN_RETENTION_SECONDS) {
            String fix = server.flavor() == ServerFlavor.MYSQL && server.isAtLeast(8, 0)
                    ? "SET PERSIST binlog_expire_logs_seconds = 259200;  (or binlog_expire_logs_seconds=259200 in my.cnf)"
                    : "add expire_logs_days=3 to my.cnf under [mysqld] and run: SET GLOBAL expire_logs_days = 3;";
            results.add(CheckResult.warn("binlog_retention", "binlogs expire after " + describeSeconds(retention)
                    + ", less than 3 days: a Sluice stopped longer would lose its place", fix));
        } else {
            results.add(CheckResult.ok("binlog_retention", "binlogs expire after " + describeSeconds(retention)));
        }
    }

    private Long rdsRetentionHours() {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT value FROM mysql.rds_configuration WHERE name = 'binlog retention hours'")) {
            if (rs.next()) {
                String value = rs.getString(1);
                return value == null ? 0L : Long.parseLong(value);
            }
            return null;
        } catch (SQLException | NumberFormatException notRds) {
            return null;
        }
    }

    private static String describeSeconds(long seconds) {
        return seconds % 86_400 == 0 ? seconds / 86_400 + " day(s)" : seconds / 3600.0 + " hour(s)";
    }

    private void replicaUpdates() throws SQLException {
        boolean isReplica = false;
        for (String sql : List.of("SHOW REPLICA STATUS", "SHOW SLAVE STATUS")) {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                isReplica = rs.next();
                break;
            } catch (SQLException tryNext) {
                // older spelling, or not permitted
            }
        }
        if (!isReplica) {
            results.add(CheckResult.ok("log_replica_updates", "the source is not a replica"));
            return;
        }
        String value = variable("log_replica_updates");
        if (value == null) {
            value = variable("log_slave_updates");
        }
        if ("ON".equalsIgnoreCase(value) || "1".equals(value)) {
            results.add(CheckResult.ok("log_replica_updates", "the source is a replica and logs what it replicates"));
        } else {
            results.add(CheckResult.fail("log_replica_updates", "the source is a replica but does not write replicated"
                    + " changes to its own binlog", "add log-replica-updates=ON (log-slave-updates=ON before MySQL"
                    + " 8.0.26 and on MariaDB) to my.cnf under [mysqld], then restart"));
        }
    }

    private void rowMetadata() throws SQLException {
        String value = variable("binlog_row_metadata");
        if (value == null) {
            results.add(CheckResult.ok("binlog_row_metadata", "not available on " + server.describe()
                    + "; Sluice follows definitions through its schema history"));
        } else {
            results.add(CheckResult.ok("binlog_row_metadata", "binlog_row_metadata=" + value + ("FULL".equalsIgnoreCase(value)
                    ? " (column names are cross-checked)"
                    : " (definitions come from the schema history); Sluice also reads FULL, so the setup guide's"
                            + " advice to set MINIMAL before upgrading to 8.0.23 is not needed for Sluice")));
        }
    }

    private void gtid() throws SQLException {
        if (server.flavor() == ServerFlavor.MARIADB) {
            results.add(CheckResult.ok("gtid", "MariaDB GTIDs (always on)"));
            return;
        }
        String mode = variable("gtid_mode");
        String consistency = variable("enforce_gtid_consistency");
        boolean on = "ON".equalsIgnoreCase(mode) && "ON".equalsIgnoreCase(consistency);
        String found = "gtid_mode=" + mode + ", enforce_gtid_consistency=" + consistency;
        String fix = "add gtid_mode=ON and enforce_gtid_consistency=ON to my.cnf under [mysqld] (online: SET GLOBAL"
                + " enforce_gtid_consistency = ON; then SET GLOBAL gtid_mode step by step: OFF_PERMISSIVE,"
                + " ON_PERMISSIVE, ON)";
        if (on) {
            results.add(CheckResult.ok("gtid", found));
        } else if (settings.readOnly()) {
            results.add(CheckResult.fail("gtid", found + ": read-only mode (SLUICE_READ_ONLY=true) needs GTIDs", fix));
        } else {
            results.add(CheckResult.warn("gtid", found + ": without GTIDs, incremental snapshots need a signal table"
                    + " and failover to another server cannot resume by GTID", fix));
        }
    }

    private void grants() throws SQLException {
        Grants grants = readGrants();
        boolean mariadb = server.flavor() == ServerFlavor.MARIADB;
        String target = " ON *.* TO '" + user + "'@'" + host + "';";
        Map<String, Boolean> required = new LinkedHashMap<>();
        required.put(mariadb ? "BINLOG MONITOR" : "REPLICATION CLIENT", true);
        required.put("REPLICATION SLAVE", true);
        required.put("RELOAD", false);
        required.put("SHOW DATABASES", true);
        for (Map.Entry<String, Boolean> privilege : required.entrySet()) {
            String name = privilege.getKey();
            if (grants.has(name, null, null)) {
                results.add(CheckResult.ok("grant " + name.toLowerCase(Locale.ROOT), name + " on *.*"));
            } else if (privilege.getValue()) {
                results.add(CheckResult.fail("grant " + name.toLowerCase(Locale.ROOT), "the user lacks " + name
                        + " on *.*", "GRANT " + name + target));
            } else {
                results.add(CheckResult.warn("grant " + name.toLowerCase(Locale.ROOT), "the user lacks RELOAD on *.*:"
                        + " snapshots of MySQL cannot take the brief global read lock and need a quiet moment instead",
                        "GRANT RELOAD" + target));
            }
        }
        for (String database : capturedDatabases()) {
            if (grants.has("SELECT", database, null)) {
                results.add(CheckResult.ok("grant select " + database, "SELECT on `" + database + "`.*"));
            } else {
                results.add(CheckResult.fail("grant select " + database, "the user lacks SELECT on `" + database
                        + "`.*", "GRANT SELECT ON `" + database + "`.* TO '" + user + "'@'" + host + "';"));
            }
        }
        List<String> readWrite = List.of("SELECT", "INSERT", "UPDATE", "DELETE");
        tableGrants(grants, "signal table", settings.signalTableDatabase(), settings.signalTableName(), readWrite);
        if (settings.heartbeat().hasTable()) {
            // Read-only mode only reads the heartbeat table (through the binlog, and SELECT for check).
            tableGrants(grants, "heartbeat table", settings.heartbeat().tableDatabase(),
                    settings.heartbeat().tableName(), settings.readOnly() ? List.of("SELECT") : readWrite);
        }
    }

    private void tableGrants(Grants grants, String what, String database, String table, List<String> needed) {
        if (table == null) {
            return;
        }
        List<String> missing = new ArrayList<>();
        for (String privilege : needed) {
            if (!grants.has(privilege, database, table)) {
                missing.add(privilege);
            }
        }
        String name = "grant " + what;
        if (missing.isEmpty()) {
            results.add(CheckResult.ok(name, String.join(", ", needed) + " on `" + database + "`.`" + table + "`"));
        } else {
            results.add(CheckResult.fail(name, "the user lacks " + String.join(", ", missing) + " on `" + database + "`.`"
                    + table + "`", "GRANT " + String.join(", ", needed) + " ON `" + database + "`.`" + table + "` TO '"
                    + user + "'@'" + host + "';"));
        }
    }

    /** The user's privileges, with those of granted roles (MySQL expands them with USING, MariaDB per role). */
    private Grants readGrants() throws SQLException {
        Grants grants = new Grants();
        lines("SHOW GRANTS").forEach(grants::add);
        List<String> roles = grants.roles();
        if (!roles.isEmpty()) {
            if (server.flavor() == ServerFlavor.MYSQL) {
                lines("SHOW GRANTS FOR CURRENT_USER() USING " + String.join(", ", roles)).forEach(grants::add);
            } else {
                for (String role : roles) {
                    lines("SHOW GRANTS FOR " + role).forEach(grants::add);
                }
            }
        }
        return grants;
    }

    private void signalTable() throws SQLException {
        String database = settings.signalTableDatabase();
        String table = settings.signalTableName();
        if (table == null) {
            if (server.flavor() == ServerFlavor.MYSQL && !server.gtidMode() && !settings.readOnly()) {
                results.add(CheckResult.warn("signal table", "GTIDs are off and no SLUICE_SIGNAL_TABLE is set:"
                        + " incremental snapshots will not be possible", "CREATE TABLE sluice.sluice_signal ("
                        + SIGNAL_COLUMNS + "); then set SLUICE_SIGNAL_TABLE=sluice.sluice_signal"));
            }
            return;
        }
        Map<String, String> columns = columnTypes(database, table);
        String create = "CREATE TABLE `" + database + "`.`" + table + "` (" + SIGNAL_COLUMNS + ");";
        if (columns.isEmpty()) {
            results.add(CheckResult.fail("signal table", "`" + database + "`.`" + table + "` does not exist", create));
            return;
        }
        List<String> wrong = new ArrayList<>();
        expect(columns, "id", "varchar", wrong);
        expect(columns, "type", "varchar", wrong);
        expect(columns, "data", "varchar", wrong);
        if (wrong.isEmpty()) {
            results.add(CheckResult.ok("signal table", "`" + database + "`.`" + table + "` has id, type and data"));
        } else {
            results.add(CheckResult.fail("signal table", "`" + database + "`.`" + table + "` lacks " + wrong,
                    "DROP TABLE `" + database + "`.`" + table + "`; " + create));
        }
    }

    private static final String SIGNAL_COLUMNS =
            "id VARCHAR(255) PRIMARY KEY, type VARCHAR(32) NOT NULL, data VARCHAR(2000) NULL";
    private static final String HEARTBEAT_COLUMNS =
            "id INT AUTO_INCREMENT PRIMARY KEY, text TEXT, last_update TIMESTAMP DEFAULT CURRENT_TIMESTAMP";

    private void heartbeatTable() throws SQLException {
        if (!settings.heartbeat().hasTable()) {
            return;
        }
        String database = settings.heartbeat().tableDatabase();
        String table = settings.heartbeat().tableName();
        String qualified = "`" + database + "`.`" + table + "`";
        Map<String, String> columns = columnTypes(database, table);
        if (columns.isEmpty()) {
            results.add(CheckResult.fail("heartbeat table", qualified + " does not exist", "CREATE TABLE " + qualified
                    + " (" + HEARTBEAT_COLUMNS + "); INSERT INTO " + qualified + " (text) VALUES ('test_heartbeat');"));
            return;
        }
        List<String> wrong = new ArrayList<>();
        expect(columns, "id", "int", wrong);
        expect(columns, "text", "text", wrong);
        expect(columns, "last_update", "timestamp", wrong);
        if (!wrong.isEmpty()) {
            results.add(CheckResult.fail("heartbeat table", qualified + " lacks " + wrong, "DROP TABLE " + qualified
                    + "; CREATE TABLE " + qualified + " (" + HEARTBEAT_COLUMNS + ");"));
            return;
        }
        results.add(CheckResult.ok("heartbeat table", qualified + " has id, text and last_update"));
        if (settings.readOnly()) {
            heartbeatEvent(database, table, qualified);
        }
    }

    /** Read-only heartbeats need the primary's event scheduler and an enabled event writing the table. */
    private void heartbeatEvent(String database, String table, String qualified) throws SQLException {
        String scheduler = variable("event_scheduler");
        if (!"ON".equalsIgnoreCase(scheduler)) {
            results.add(CheckResult.fail("event_scheduler", "event_scheduler=" + scheduler + ": the heartbeat event"
                    + " never runs", "SET GLOBAL event_scheduler = ON; and add event_scheduler=ON to my.cnf under"
                    + " [mysqld] on the primary"));
        } else {
            results.add(CheckResult.ok("event_scheduler", "event_scheduler=ON"));
        }
        int enabled = 0;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT EVENT_DEFINITION, STATUS FROM information_schema.EVENTS")) {
            while (rs.next()) {
                String definition = rs.getString(1) == null ? "" : rs.getString(1).toLowerCase(Locale.ROOT);
                if (definition.contains(table.toLowerCase(Locale.ROOT)) && "ENABLED".equalsIgnoreCase(rs.getString(2))) {
                    enabled++;
                }
            }
        }
        if (enabled > 0) {
            results.add(CheckResult.ok("heartbeat event", enabled + " enabled event(s) update " + qualified));
            return;
        }
        // Without the EVENT privilege events are invisible; the table's freshness shows one runs.
        long maxAge = settings.heartbeat().maxAge().toSeconds();
        Long age = heartbeatAgeSeconds(qualified);
        if ("ON".equalsIgnoreCase(scheduler) && age != null && age <= maxAge) {
            results.add(CheckResult.ok("heartbeat event", qualified + " was updated " + age + "s ago: an event keeps"
                    + " it fresh"));
        } else {
            results.add(CheckResult.fail("heartbeat event", "no enabled event updates " + qualified
                    + (age == null ? "" : " (last_update is " + age + "s old)"),
                    "CREATE EVENT `" + database + "`.`sluice_heartbeat_event` ON SCHEDULE EVERY 1 MINUTE DO UPDATE "
                            + qualified + " SET text = 'updated_heartbeat', last_update = CURRENT_TIMESTAMP WHERE id = 1;"
                            + " on the primary (a disabled event: ALTER EVENT with ENABLE), and GRANT EVENT ON `"
                            + database + "`.* to Sluice's user lets it see events"));
        }
    }

    private Long heartbeatAgeSeconds(String qualified) {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT TIMESTAMPDIFF(SECOND, MAX(last_update), NOW()) FROM " + qualified)) {
            if (rs.next()) {
                long age = rs.getLong(1);
                return rs.wasNull() ? null : age;
            }
            return null;
        } catch (SQLException e) {
            return null;
        }
    }

    private void capturedTables() throws SQLException {
        TableFilter filter = settings.tableFilter();
        List<String[]> all = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ENGINE FROM information_schema.TABLES")) {
            while (rs.next()) {
                all.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
            }
        }
        for (String pattern : filter.includePatterns()) {
            int capturable = 0;
            for (String[] t : all) {
                if (!filter.entryMatches(pattern, t[0], t[1])) {
                    continue;
                }
                String refusal = CaptureRules.refusal(t[0], t[2], t[3]);
                if (refusal == null) {
                    capturable++;
                } else if (filter.isLiteral(pattern)) {
                    results.add(CheckResult.fail("table " + t[0] + "." + t[1], t[0] + "." + t[1] + " " + refusal,
                            "remove it from SLUICE_TABLES" + (t[2].contains("VIEW") ? " and capture its base tables"
                                    : "")));
                } else {
                    results.add(CheckResult.warn("table " + t[0] + "." + t[1], t[0] + "." + t[1] + " matches '" + pattern
                            + "' but " + refusal + "; it is not captured",
                            "exclude it with SLUICE_TABLES_EXCLUDE=" + t[0] + "." + t[1]));
                }
            }
            if (capturable == 0) {
                results.add(CheckResult.warn("pattern " + pattern, "no capturable table matches '" + pattern + "'",
                        "check the spelling in SLUICE_TABLES (db.table, db.* or /regex/), or create the table"));
            }
        }
        List<String> withoutKey = tablesWithoutKey(all, filter);
        if (withoutKey.isEmpty()) {
            results.add(CheckResult.ok("keys", "every captured table has a primary key or a unique index over NOT NULL"
                    + " columns"));
        } else {
            results.add(CheckResult.warn("keys", "captured tables without a primary key or a unique index over NOT"
                    + " NULL columns: " + withoutKey + " (their records have no key, and incremental snapshots skip"
                    + " them)", "ALTER TABLE <table> ADD PRIMARY KEY (<columns>) where the data allows"));
        }
    }

    /**
     * The column lists, masks and configured keys against the captured tables' columns: a key
     * column a table lacks stops Sluice (fail); an entry that matches no column, or a table whose
     * records would carry no column, is most likely a typo (warn).
     */
    private void columnControls() throws SQLException {
        ColumnControls controls = settings.conversion().columns();
        if (controls.isDefault()) {
            return;
        }
        TableFilter filter = settings.tableFilter();
        Map<String, List<String>> columns = new java.util.TreeMap<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT TABLE_SCHEMA,"
                + " TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS ORDER BY TABLE_SCHEMA, TABLE_NAME,"
                + " ORDINAL_POSITION")) {
            while (rs.next()) {
                if (filter.isCaptured(rs.getString(1), rs.getString(2))) {
                    columns.computeIfAbsent(rs.getString(1) + "." + rs.getString(2), t -> new ArrayList<>())
                            .add(rs.getString(3));
                }
            }
        }
        int problems = results.size();
        Set<String> matched = new java.util.HashSet<>();
        for (Map.Entry<String, List<String>> table : columns.entrySet()) {
            String[] id = table.getKey().split("\\.", 2);
            List<String> names = table.getValue();
            List<String> key = controls.keyColumns(id[0], id[1]);
            if (key != null) {
                for (String column : key) {
                    if (names.stream().noneMatch(column::equalsIgnoreCase)) {
                        results.add(CheckResult.fail("key columns " + table.getKey(), "SLUICE_MESSAGE_KEY_COLUMNS keys "
                                + table.getKey() + " by " + key + ", but it has no column " + column + " (it has "
                                + names + ")", "correct SLUICE_MESSAGE_KEY_COLUMNS"));
                    }
                }
            }
            if (names.stream().noneMatch(column -> controls.writes(id[0], id[1], column))) {
                results.add(CheckResult.warn("columns " + table.getKey(), "the records of " + table.getKey()
                        + " would carry no column", "check SLUICE_COLUMN_INCLUDE_LIST and SLUICE_COLUMN_EXCLUDE_LIST"));
            }
            for (Map.Entry<String, NamePattern> entry : controls.columnEntries()) {
                for (String column : names) {
                    if (entry.getValue().matches(table.getKey() + "." + column)) {
                        matched.add(entry.getKey() + " " + entry.getValue().text());
                    }
                }
            }
        }
        for (ColumnControls.KeyColumns key : controls.keyEntries()) {
            if (columns.keySet().stream().noneMatch(key.tables()::matches)) {
                results.add(CheckResult.warn("key entry " + key.tables().text(), "SLUICE_MESSAGE_KEY_COLUMNS entry '"
                        + key.tables().text() + "' matches no captured table", "check its spelling (db.table, *"
                        + " wildcards, or /regex/: a Debezium regular expression goes between slashes)"));
            }
        }
        for (Map.Entry<String, NamePattern> entry : controls.columnEntries()) {
            if (!matched.contains(entry.getKey() + " " + entry.getValue().text())) {
                results.add(CheckResult.warn("column entry " + entry.getValue().text(), entry.getKey() + " entry '"
                        + entry.getValue().text() + "' matches no column of a captured table",
                        "check its spelling (db.table.column, * wildcards, or /regex/)"));
            }
        }
        if (results.size() == problems) {
            results.add(CheckResult.ok("columns", "column lists, masks and key columns match the captured tables"));
        }
    }

    /** Tables whose records would have no key: no primary key, and no unique index over NOT NULL columns. */
    private List<String> tablesWithoutKey(List<String[]> all, TableFilter filter) throws SQLException {
        Set<String> keyed = new TreeSet<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.STATISTICS WHERE NON_UNIQUE = 0"
                        + " GROUP BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME"
                        + " HAVING SUM(COLUMN_NAME IS NULL OR NULLABLE = 'YES') = 0")) {
            while (rs.next()) {
                keyed.add(rs.getString(1) + "." + rs.getString(2));
            }
        }
        List<String> missing = new ArrayList<>();
        for (String[] t : all) {
            if (filter.isCaptured(t[0], t[1]) && CaptureRules.refusal(t[0], t[2], t[3]) == null
                    && !keyed.contains(t[0] + "." + t[1])
                    && settings.conversion().columns().keyColumns(t[0], t[1]) == null) {
                missing.add(t[0] + "." + t[1]);
            }
        }
        return missing;
    }

    /** Databases with captured tables, plus those the include list names (visible or not without SELECT). */
    private Set<String> capturedDatabases() throws SQLException {
        Set<String> databases = new TreeSet<>(settings.tableFilter().namedDatabases());
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES")) {
            while (rs.next()) {
                if (settings.tableFilter().isCaptured(rs.getString(1), rs.getString(2))) {
                    databases.add(rs.getString(1));
                }
            }
        }
        return databases;
    }

    private Map<String, String> columnTypes(String database, String table) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (var statement = connection.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            statement.setString(1, database);
            statement.setString(2, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2).toLowerCase(Locale.ROOT));
                }
            }
        }
        return columns;
    }

    private static void expect(Map<String, String> columns, String name, String type, List<String> wrong) {
        if (!type.equals(columns.get(name))) {
            wrong.add(name + " " + type.toUpperCase(Locale.ROOT));
        }
    }

    private String variable(String name) throws SQLException {
        return new ServerProbe(connection).variable(name);
    }

    private String sessionStatus(String name) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE '" + name + "'")) {
            return rs.next() ? rs.getString(2) : null;
        }
    }

    private String text(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private List<String> lines(String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines;
    }
}
