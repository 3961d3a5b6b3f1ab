package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The check command against real servers: a correct setup passes; each broken prerequisite
 * gets its FAIL or WARN line with the fix; running the printed SQL fixes it. Server variables
 * are broken on a dedicated MySQL instance, so the rest of the suite is not disturbed.
 */
class CheckIT {

    private static final Duration EXIT = Duration.ofSeconds(120);
    private static final Pattern SQL = Pattern.compile(
            "(GRANT [^;]+;|SET (GLOBAL|PERSIST) [^;]+;|CREATE (TABLE|EVENT) [^;]+;|INSERT INTO [^;]+;|ALTER EVENT [^;]+;)");
    private static final int DEDICATED_PORT = 13326;
    private static DbServer dedicated;

    @BeforeAll
    static void startDedicatedServer() throws Exception {
        HeartbeatHealthIT.stack("mysql.sh", "start", "check", DEDICATED_PORT);
        dedicated = new DbServer("MySQL 9.7 (check)", "127.0.0.1", DEDICATED_PORT, "admin", "admin-pw", "sluice",
                "sluice-pw");
        dedicated.execute("CREATE DATABASE IF NOT EXISTS app", "CREATE TABLE IF NOT EXISTS app.t (id INT PRIMARY KEY)");
    }

    @AfterAll
    static void stopDedicatedServer() throws Exception {
        HeartbeatHealthIT.stack("mysql.sh", "stop", "check", DEDICATED_PORT);
    }

    /** The outcome of one check run. */
    record Run(int exit, String output) {
        String line(String name) {
            for (String l : output.split("\n")) {
                if (l.matches("^(OK|WARN|FAIL) +" + Pattern.quote(name) + "  .*")) {
                    return l;
                }
            }
            return null;
        }

        String status(String name) {
            String line = line(name);
            return line == null ? null : line.split(" ")[0];
        }

        /** The SQL in the fix printed under a check. */
        List<String> fixes(String name) {
            List<String> statements = new ArrayList<>();
            String[] lines = output.split("\n");
            for (int i = 0; i < lines.length - 1; i++) {
                if (lines[i].equals(line(name)) && lines[i + 1].contains("fix: ")) {
                    Matcher m = SQL.matcher(lines[i + 1]);
                    while (m.find()) {
                        statements.add(m.group(1));
                    }
                }
            }
            return statements;
        }
    }

    private static Run check(String log, Map<String, String> env, String... extra) {
        List<String> args = new ArrayList<>(List.of("check"));
        args.addAll(List.of(extra));
        try (SluiceProcess sluice = SluiceProcess.start("check-" + log, env, args.toArray(String[]::new))) {
            int exit = sluice.awaitExit(EXIT);
            return new Run(exit, sluice.output());
        }
    }

    private static Map<String, String> env(DbServer server, String tables) {
        return SluiceProcess.env(server, "checker", tables);
    }

    static Stream<DbServer> servers() {
        return Stream.of(DbServer.mysql(), DbServer.mariadb());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aCorrectSetupPasses(DbServer server) {
        try (TestDatabase db = new TestDatabase(server, "chkok")) {
            server.execute("CREATE TABLE " + db.name() + ".t (id INT PRIMARY KEY)");
            Run run = check("ok-" + server.label().replace(' ', '-'), env(server, db.name() + ".*"));
            assertEquals(0, run.exit(), run.output());
            assertFalse(run.output().contains("FAIL "), run.output());
            for (String name : List.of("connection", "version", "log_bin", "binlog_format", "binlog_row_image", "server_id",
                    "sluice_server_id", "binlog_retention", "gtid", "grant replication slave", "grant show databases",
                    "grant select " + db.name(), "keys", "kafka")) {
                assertEquals("OK", run.status(name), name + ":\n" + run.output());
            }
            if (!server.isMariaDb()) {
                assertEquals("OK", run.status("tls"), run.output());
                assertEquals("OK", run.status("binlog_row_value_options"), run.output());
            } else {
                assertEquals("OK", run.status("log_bin_compress"), run.output());
            }
            assertTrue(List.of("OK", "WARN").contains(run.status("session binlog settings")), run.output());
            assertTrue(run.line("session binlog settings").contains("STATEMENT or MIXED"), run.output());
            assertTrue(run.output().contains("no check failed"), run.output());

            Run json = check("json-" + server.label().replace(' ', '-'), env(server, db.name() + ".*"), "--format", "json");
            JsonNode report = ChangeEvents.parse(json.output().substring(json.output().indexOf('{')));
            assertTrue(report.get("checks").size() > 10);
            assertTrue(List.of("OK", "WARN").contains(report.get("result").asText()), json.output());
        }
    }

    @Test
    void eachMissingGrantIsNamedWithItsGrantStatementAndTheStatementFixesIt() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "chkgrant")) {
            server.execute("CREATE TABLE " + db.name() + ".t (id INT PRIMARY KEY)");
            Map<String, String> grants = Map.of(
                    "grant replication client", "REPLICATION CLIENT",
                    "grant replication slave", "REPLICATION SLAVE",
                    "grant reload", "RELOAD",
                    "grant show databases", "SHOW DATABASES",
                    "grant select " + db.name(), "SELECT");
            int n = 0;
            for (Map.Entry<String, String> missing : grants.entrySet()) {
                String user = "chk" + (n++) + db.name().substring(db.name().length() - 4);
                server.execute("DROP USER IF EXISTS '" + user + "'@'%'",
                        "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw-" + user + "'");
                for (String privilege : grants.values()) {
                    if (!privilege.equals(missing.getValue())) {
                        server.execute("GRANT " + privilege + (privilege.equals("SELECT") ? " ON " + db.name() + ".*"
                                : " ON *.*") + " TO '" + user + "'@'%'");
                    }
                }
                Map<String, String> env = env(server, db.name() + ".*");
                env.put("SLUICE_MYSQL_USER", user);
                env.put("SLUICE_MYSQL_PASSWORD", "pw-" + user);
                Run broken = check("grant-" + n, env);
                String expected = missing.getValue().equals("RELOAD") ? "WARN" : "FAIL";
                assertEquals(expected, broken.status(missing.getKey()), broken.output());
                assertEquals(expected.equals("FAIL") ? 1 : 0, broken.exit(), broken.output());
                List<String> fix = broken.fixes(missing.getKey());
                assertEquals(1, fix.size(), broken.output());
                assertTrue(fix.get(0).contains("TO '" + user + "'@'%'"), fix.get(0));
                server.execute(fix.get(0));
                Run fixed = check("grant-" + n + "-fixed", env);
                assertEquals("OK", fixed.status(missing.getKey()), fixed.output());
                assertEquals(0, fixed.exit(), fixed.output());
                server.execute("DROP USER '" + user + "'@'%'");
            }
        }
    }

    @Test
    void brokenServerVariablesAreReportedAndThePrintedSqlFixesThem() {
        Map<String, String> env = env(dedicated, "app.*");
        dedicated.execute("SET GLOBAL binlog_format = 'STATEMENT'", "SET GLOBAL binlog_row_image = 'MINIMAL'",
                "SET GLOBAL binlog_expire_logs_seconds = 3600", "SET GLOBAL binlog_row_value_options = 'PARTIAL_JSON'");
        Run broken = check("variables", env);
        assertEquals(1, broken.exit(), broken.output());
        assertEquals("FAIL", broken.status("binlog_format"), broken.output());
        assertEquals("FAIL", broken.status("binlog_row_image"), broken.output());
        assertEquals("WARN", broken.status("binlog_retention"), broken.output());
        assertEquals("FAIL", broken.status("binlog_row_value_options"), broken.output());
        for (String check : List.of("binlog_format", "binlog_row_image", "binlog_retention", "binlog_row_value_options")) {
            List<String> fix = broken.fixes(check);
            assertFalse(fix.isEmpty(), check + ":\n" + broken.output());
            dedicated.execute(fix.toArray(String[]::new));
        }
        Run fixed = check("variables-fixed", env);
        assertEquals(0, fixed.exit(), fixed.output());
        for (String check : List.of("binlog_format", "binlog_row_image", "binlog_retention", "binlog_row_value_options")) {
            assertEquals("OK", fixed.status(check), fixed.output());
        }
    }

    @Test
    void readOnlyModeNeedsGtidsAndTheHeartbeatEvent() {
        Map<String, String> env = env(dedicated, "app.*");
        env.put("SLUICE_READ_ONLY", "true");
        env.put("SLUICE_HEARTBEAT_TABLE", "app.heartbeat");
        dedicated.execute("DROP EVENT IF EXISTS app.sluice_heartbeat_event", "DROP TABLE IF EXISTS app.heartbeat",
                "SET GLOBAL gtid_mode = ON_PERMISSIVE", "SET GLOBAL gtid_mode = OFF_PERMISSIVE",
                "SET GLOBAL gtid_mode = OFF", "SET GLOBAL event_scheduler = OFF");
        try {
            Run broken = check("read-only", env);
            assertEquals(1, broken.exit(), broken.output());
            assertEquals("FAIL", broken.status("gtid"), broken.output());
            assertEquals("FAIL", broken.status("heartbeat table"), broken.output());
            dedicated.execute("SET GLOBAL gtid_mode = OFF_PERMISSIVE", "SET GLOBAL gtid_mode = ON_PERMISSIVE",
                    "SET GLOBAL gtid_mode = ON");
            dedicated.execute(broken.fixes("heartbeat table").toArray(String[]::new));
            dedicated.execute(broken.fixes("grant heartbeat table").toArray(String[]::new));

            Run noScheduler = check("read-only-scheduler", env);
            assertEquals("OK", noScheduler.status("gtid"), noScheduler.output());
            assertEquals("OK", noScheduler.status("heartbeat table"), noScheduler.output());
            assertEquals("FAIL", noScheduler.status("event_scheduler"), noScheduler.output());
            assertEquals("FAIL", noScheduler.status("heartbeat event"), noScheduler.output());
            dedicated.execute(noScheduler.fixes("event_scheduler").toArray(String[]::new));
            dedicated.execute(noScheduler.fixes("heartbeat event").toArray(String[]::new));

            Run fixed = check("read-only-fixed", env);
            assertEquals(0, fixed.exit(), fixed.output());
            for (String check : List.of("gtid", "heartbeat table", "grant heartbeat table", "event_scheduler",
                    "heartbeat event")) {
                assertEquals("OK", fixed.status(check), fixed.output());
            }
        } finally {
            dedicated.execute("SET GLOBAL event_scheduler = ON");
            if (!"ON".equals(dedicated.query("SELECT @@GLOBAL.gtid_mode").get(0).get(0))) {
                dedicated.execute("SET GLOBAL gtid_mode = OFF_PERMISSIVE", "SET GLOBAL gtid_mode = ON_PERMISSIVE",
                        "SET GLOBAL gtid_mode = ON");
            }
        }
    }

    @Test
    void signalTableViewsMemoryTablesAndServerIdClash() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "chktables")) {
            String d = db.name();
            server.execute("CREATE TABLE " + d + ".t (id INT PRIMARY KEY)", "CREATE TABLE " + d + ".nokey (v INT)",
                    "CREATE TABLE " + d + ".nullkey (v INT, UNIQUE (v))",
                    "CREATE TABLE " + d + ".ukey (v INT NOT NULL, UNIQUE (v))",
                    "CREATE VIEW " + d + ".v AS SELECT id FROM " + d + ".t",
                    "CREATE TABLE " + d + ".mem (id INT PRIMARY KEY) ENGINE=MEMORY");
            Map<String, String> env = env(server, d + ".t," + d + ".v," + d + ".mem," + d + ".nokey," + d + ".nullkey,"
                    + d + ".ukey," + d + ".nothing*");
            env.put("SLUICE_SIGNAL_TABLE", d + ".signals");
            String sourceId = server.query("SELECT @@server_id").get(0).get(0);
            env.put("SLUICE_MYSQL_SERVER_ID", sourceId);
            Run broken = check("tables", env);
            assertEquals(1, broken.exit(), broken.output());
            assertTrue(broken.line("table " + d + ".v").contains("is a view"), broken.output());
            assertTrue(broken.line("table " + d + ".mem").contains("MEMORY engine"), broken.output());
            assertEquals("WARN", broken.status("pattern " + d + ".nothing*"), broken.output());
            assertEquals("WARN", broken.status("keys"), broken.output());
            assertTrue(broken.line("keys").contains(d + ".nokey") && broken.line("keys").contains(d + ".nullkey")
                    && !broken.line("keys").contains(d + ".ukey"), broken.output());
            assertEquals("FAIL", broken.status("signal table"), broken.output());
            assertEquals("FAIL", broken.status("sluice_server_id"), broken.output());

            server.execute(broken.fixes("signal table").toArray(String[]::new));
            server.execute(broken.fixes("grant signal table").toArray(String[]::new));
            Matcher suggested = Pattern.compile("e\\.g\\. (\\d+)").matcher(broken.line("sluice_server_id")
                    + broken.output().substring(broken.output().indexOf(broken.line("sluice_server_id"))));
            assertTrue(suggested.find(), broken.output());
            env.put("SLUICE_MYSQL_SERVER_ID", suggested.group(1));
            env.put("SLUICE_TABLES", d + ".t");
            Run fixed = check("tables-fixed", env);
            assertEquals(0, fixed.exit(), fixed.output());
            for (String check : List.of("signal table", "grant signal table", "sluice_server_id", "keys")) {
                assertEquals("OK", fixed.status(check), fixed.output());
            }
        }
    }

    @Test
    void columnListsMasksAndKeyColumnsAreCheckedAgainstTheTables() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "chkcolumns")) {
            String d = db.name();
            server.execute("CREATE TABLE " + d + ".users (id INT PRIMARY KEY, email VARCHAR(40), tenant INT)",
                    "CREATE TABLE " + d + ".events (v INT)");
            Map<String, String> env = env(server, d + ".*");
            env.put("SLUICE_MESSAGE_KEY_COLUMNS", d + ".users:tenant,region; " + d + ".events:v; (.*).orders:id");
            env.put("SLUICE_COLUMN_EXCLUDE_LIST", d + ".users.emial");
            env.put("SLUICE_COLUMN_MASKS", d + ".users.email=mask(3)");
            Run broken = check("columns", env);
            assertEquals(1, broken.exit(), broken.output());
            assertEquals("FAIL", broken.status("key columns " + d + ".users"), broken.output());
            assertTrue(broken.line("key columns " + d + ".users").contains("no column region"), broken.output());
            assertEquals("WARN", broken.status("column entry " + d + ".users.emial"), broken.output());
            assertEquals("WARN", broken.status("key entry (.*).orders"), broken.output());
            assertEquals("OK", broken.status("keys"), "events is keyed by its configured column: " + broken.output());

            env.put("SLUICE_MESSAGE_KEY_COLUMNS", d + ".users:tenant,id; " + d + ".events:v");
            env.put("SLUICE_COLUMN_EXCLUDE_LIST", d + ".users.email");
            Run fixed = check("columns-fixed", env);
            assertEquals("OK", fixed.status("columns"), fixed.output());
        }
    }
}
