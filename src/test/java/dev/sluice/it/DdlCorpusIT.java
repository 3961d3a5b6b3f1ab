package dev.sluice.it;

import dev.sluice.schema.ColumnDef;
import dev.sluice.schema.InformationSchemaLoader;
import dev.sluice.schema.SchemaModel;
import dev.sluice.schema.TableId;
import dev.sluice.schema.TableSchema;
import dev.sluice.schema.ddl.DdlParser;
import dev.sluice.schema.ddl.DdlCorpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A corpus of real-world DDL, both flavours: each statement runs on the real server, Sluice parses
 * the statement as the binlog logged it, and the definitions Sluice derives must equal what
 * information_schema then reports, column by column, after every statement.
 */
class DdlCorpusIT {

    private static final Pattern USE_PREFIX = Pattern.compile("^use `([^`]*)`; ", Pattern.DOTALL);

    static Stream<DbServer> servers() {
        return Stream.of(DbServer.mysql(), DbServer.mariadb());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void parsedDefinitionsMatchTheServer(DbServer server) throws Exception {
        List<String> corpus = new ArrayList<>(DdlCorpus.statements("ddl/corpus-common.sql"));
        corpus.addAll(DdlCorpus.statements(server.isMariaDb() ? "ddl/corpus-mariadb.sql" : "ddl/corpus-mysql.sql"));
        assertTrue(corpus.size() > 150, "the corpus has " + corpus.size() + " statements");
        try (TestDatabase db = new TestDatabase(server, "ddl"); Connection c = server.admin()) {
            String database = db.name();
            try (Statement s = c.createStatement()) {
                s.execute("USE " + database);
                s.execute("SET SESSION sql_mode = ''"); // accept the deprecated forms real schemas still use
            }
            InformationSchemaLoader loader = new InformationSchemaLoader(c);
            SchemaModel model = new SchemaModel(loader.serverCharset(), server.isMariaDb(), (d, t) -> true);
            loader.databaseCharsets().forEach(model::putDatabaseCharset);
            int applied = 0;
            for (String sql : corpus) {
                String[] position = binlogEnd(c);
                try (Statement s = c.createStatement()) {
                    s.execute(sql);
                } catch (SQLException e) {
                    throw new AssertionError(server + " refused corpus statement: " + sql + "\n" + e.getMessage(), e);
                }
                for (String logged : loggedStatements(c, position)) {
                    try {
                        model.apply(DdlParser.parse(logged), database);
                        applied++;
                    } catch (RuntimeException e) {
                        throw new AssertionError("Sluice could not apply: " + logged + "\n" + e.getMessage(), e);
                    }
                }
                compare(server, sql, model, loader.load((d, t) -> d.equals(database)), database);
            }
            assertTrue(applied >= corpus.size() - 5, applied + " logged statements applied");
        }
    }

    private static void compare(DbServer server, String sql, SchemaModel model, Map<TableId, TableSchema> actual,
            String database) {
        Map<String, String> expected = new TreeMap<>();
        actual.forEach((id, table) -> expected.put(id.table(), describe(table)));
        Map<String, String> derived = new TreeMap<>();
        model.tables().forEach((id, table) -> {
            if (id.database().equals(database)) {
                derived.put(id.table(), describe(table));
            }
        });
        if (!expected.equals(derived)) {
            StringBuilder diff = new StringBuilder();
            for (String table : expected.keySet()) {
                if (!expected.get(table).equals(derived.get(table))) {
                    diff.append("\n  ").append(table).append("\n    server: ").append(expected.get(table))
                            .append("\n    sluice: ").append(derived.get(table));
                }
            }
            for (String table : derived.keySet()) {
                if (!expected.containsKey(table)) {
                    diff.append("\n  ").append(table).append(" only in Sluice's model");
                }
            }
            throw new AssertionError(server + ", after: " + sql + diff);
        }
    }

    /** Everything about a table that decoding depends on, in a comparable form. */
    private static String describe(TableSchema table) {
        StringBuilder out = new StringBuilder("pk=").append(table.primaryKey().stream()
                .map(k -> k.toLowerCase()).toList()).append(" key=").append(table.keyColumns().stream()
                .map(k -> k.toLowerCase()).toList());
        for (ColumnDef c : table.columns()) {
            out.append(" | ").append(c.name()).append(' ').append(c.dataType())
                    .append(c.unsigned() ? " unsigned" : "")
                    .append(c.nullable() ? " null" : " not-null")
                    .append(c.charset() == null ? "" : " cs=" + c.charset())
                    .append(c.length() < 0 ? "" : " len=" + c.length())
                    .append(c.scale() < 0 ? "" : " scale=" + c.scale())
                    .append(c.allowedValues().isEmpty() ? "" : " values=" + c.allowedValues())
                    .append(c.autoIncrement() ? " auto" : "")
                    .append(c.generated() ? " generated" : "")
                    .append(describeDefault(c));
        }
        return out.toString();
    }

    /**
     * Whether there is a default and whether it is an expression; a text column's literal default
     * also by value (numbers are spelled differently by the server and by DDL).
     */
    private static String describeDefault(ColumnDef c) {
        if (c.defaultValue() == null) {
            return "";
        }
        if (c.defaultIsExpression()) {
            return " default=expression";
        }
        return c.charset() == null ? " default=literal" : " default='" + c.defaultValue() + "'";
    }

    private static String[] binlogEnd(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
            String file = null;
            String size = null;
            while (rs.next()) {
                file = rs.getString(1);
                size = rs.getString(2);
            }
            return new String[] {file, size};
        }
    }

    /** The DDL the server logged since the position, as Sluice will read it from the binlog. */
    private static List<String> loggedStatements(Connection c, String[] from) throws SQLException {
        List<String> logged = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW BINLOG EVENTS IN '" + from[0] + "' FROM " + from[1])) {
            while (rs.next()) {
                if (!"Query".equals(rs.getString("Event_type"))) {
                    continue;
                }
                String info = rs.getString("Info");
                Matcher use = USE_PREFIX.matcher(info);
                String sql = use.find() ? info.substring(use.end()) : info;
                if (!sql.equals("BEGIN") && !sql.equals("COMMIT")) {
                    logged.add(sql);
                }
            }
        }
        return logged;
    }
}
