package dev.sluice.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads what Sluice needs to know about the source over JDBC: flavour, version, positions. */
public final class ServerProbe {

    private final Connection connection;

    public ServerProbe(Connection connection) {
        this.connection = connection;
    }

    public ServerInfo info() throws SQLException {
        String version = queryString("SELECT VERSION()");
        ServerFlavor flavor = version.toLowerCase(Locale.ROOT).contains("mariadb")
                ? ServerFlavor.MARIADB : ServerFlavor.MYSQL;
        int[] majorMinor = majorMinor(version);
        long serverId = Long.parseLong(queryString("SELECT @@server_id"));
        boolean gtidMode = flavor == ServerFlavor.MARIADB
                || "ON".equalsIgnoreCase(variable("gtid_mode"));
        boolean fullMetadata = "FULL".equalsIgnoreCase(variable("binlog_row_metadata"));
        String identity = flavor == ServerFlavor.MYSQL ? queryString("SELECT @@server_uuid")
                : mariadbIdentity(serverId);
        return new ServerInfo(flavor, version, majorMinor[0], majorMinor[1], serverId, gtidMode, fullMetadata,
                timeZone(), identity);
    }

    /** A MariaDB server's identity: its server_id, unique within a replication topology (a GTID domain may change at will). */
    static String mariadbIdentity(long serverId) {
        return "server_id=" + serverId;
    }

    /** The server's current binlog end: where streaming starts when there is no offset. */
    public BinlogPosition currentPosition(ServerInfo info) throws SQLException {
        String sql = info.flavor() == ServerFlavor.MYSQL && info.isAtLeast(8, 4)
                ? "SHOW BINARY LOG STATUS" : "SHOW MASTER STATUS";
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SourceUnavailableException("the binary log is off on " + info.describe()
                        + " (" + sql + " returned nothing); enable it with log_bin in my.cnf");
            }
            String file = rs.getString("File");
            long position = rs.getLong("Position");
            String gtids = info.flavor() == ServerFlavor.MYSQL
                    ? rs.getString("Executed_Gtid_Set") : queryString("SELECT @@gtid_binlog_pos");
            return new BinlogPosition(file, position, gtids == null ? null : gtids.replace("\n", ""));
        }
    }

    /** The binlog files the server still has, oldest first. */
    public List<String> binlogFiles() throws SQLException {
        List<String> files = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                files.add(rs.getString(1));
            }
        }
        return files;
    }

    /** A global variable's value, or null when the server has no such variable. */
    public String variable(String name) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SHOW GLOBAL VARIABLES LIKE '" + name.replace("'", "") + "'")) {
            return rs.next() ? rs.getString(2) : null;
        }
    }

    private ZoneId timeZone() throws SQLException {
        String zone = queryString("SELECT @@time_zone");
        if ("SYSTEM".equalsIgnoreCase(zone)) {
            zone = queryString("SELECT @@system_time_zone");
        }
        try {
            return ZoneId.of(zone, ZoneId.SHORT_IDS);
        } catch (DateTimeException notAZoneId) {
            // An abbreviation Java does not know (e.g. "CEST"): use the server's current offset.
            int seconds = Integer.parseInt(queryString("SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), NOW())"));
            return ZoneOffset.ofTotalSeconds(seconds);
        }
    }

    private String queryString(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static int[] majorMinor(String version) {
        String[] parts = version.split("[.-]");
        try {
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (RuntimeException e) {
            return new int[] {0, 0};
        }
    }
}
