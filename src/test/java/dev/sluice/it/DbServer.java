package dev.sluice.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A MySQL or MariaDB server of the local stack (deploy/local), with an admin account for test
 * set-up and the CDC account Sluice uses. Addresses come from SLUICE_TEST_* variables, or the
 * stack scripts' defaults.
 */
public record DbServer(String label, String host, int port, String adminUser, String adminPassword,
        String user, String password) {

    public static DbServer mysql() {
        return fromEnv("MySQL 9.7", "MYSQL", 13306);
    }

    public static DbServer mariadb() {
        return fromEnv("MariaDB 10.11", "MARIADB", 13307);
    }

    /** The stack's second MariaDB: 11.4 LTS (deploy/local/mariadb114.sh). */
    public static DbServer mariadb114() {
        return fromEnv("MariaDB 11.4", "MARIADB114", 13308);
    }

    private static DbServer fromEnv(String label, String kind, int defaultPort) {
        return new DbServer(label,
                env("SLUICE_TEST_" + kind + "_HOST", "127.0.0.1"),
                Integer.parseInt(env("SLUICE_TEST_" + kind + "_PORT", String.valueOf(defaultPort))),
                env("SLUICE_TEST_" + kind + "_ADMIN_USER", "admin"),
                env("SLUICE_TEST_" + kind + "_ADMIN_PASSWORD", "admin-pw"),
                env("SLUICE_TEST_" + kind + "_USER", "sluice"),
                env("SLUICE_TEST_" + kind + "_PASSWORD", "sluice-pw"));
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public boolean isMariaDb() {
        return label.startsWith("MariaDB");
    }

    /** An admin connection whose session time zone is UTC, so literals mean the same everywhere. */
    public Connection admin() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", adminUser);
        props.setProperty("password", adminPassword);
        props.setProperty("sslMode", "PREFERRED");
        props.setProperty("allowPublicKeyRetrieval", "true");
        props.setProperty("connectionTimeZone", "UTC");
        props.setProperty("forceConnectionTimeZoneToSession", "true");
        props.setProperty("allowMultiQueries", "true");
        return DriverManager.getConnection("jdbc:mysql://" + host + ":" + port + "/", props);
    }

    public void execute(String... statements) {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(label + ": " + e.getMessage(), e);
        }
    }

    /** Runs the statements as one transaction. */
    public void transaction(String... statements) {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String sql : statements) {
                s.execute(sql);
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(label + ": " + e.getMessage(), e);
        }
    }

    public List<List<String>> query(String sql) {
        try (Connection c = admin(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(label + ": " + e.getMessage(), e);
        }
    }

    /** The environment that points Sluice at this server as the CDC user. */
    public Map<String, String> sluiceEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("SLUICE_MYSQL_HOST", host);
        env.put("SLUICE_MYSQL_PORT", String.valueOf(port));
        env.put("SLUICE_MYSQL_USER", user);
        env.put("SLUICE_MYSQL_PASSWORD", password);
        return env;
    }

    @Override
    public String toString() {
        return label;
    }
}
