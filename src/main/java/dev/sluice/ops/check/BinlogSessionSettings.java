package dev.sluice.ops.check;

import dev.sluice.source.ServerFlavor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The binlog settings a session can change for itself, and what each means for Sluice: a session
 * may log its changes as statements (Sluice stops at the first one that touches a captured table,
 * or skips it when told to), with partial row images (Sluice stops), or with partial JSON values
 * (Sluice rebuilds the documents).
 */
final class BinlogSessionSettings {

    private static final String CONSEQUENCES = "a session with binlog_format STATEMENT or MIXED stops Sluice at its"
            + " first change of a captured table (SLUICE_BINLOG_SKIP_STATEMENT_CHANGES=true skips such changes"
            + " instead, and they are missing from the stream); binlog_row_image MINIMAL or NOBLOB stops it;"
            + " binlog_row_value_options=PARTIAL_JSON and compression are read";

    private final Connection connection;
    private final ServerFlavor flavor;
    private final String cdcUser;

    BinlogSessionSettings(Connection connection, ServerFlavor flavor, String cdcUser) {
        this.connection = connection;
        this.flavor = flavor;
        this.cdcUser = cdcUser;
    }

    static CheckResult rowValueOptions(String value, String rowImage) {
        if (!value.toUpperCase(Locale.ROOT).contains("PARTIAL_JSON")) {
            return CheckResult.ok("binlog_row_value_options", "binlog_row_value_options is empty: JSON values are"
                    + " logged whole");
        }
        if (rowImage != null && !"FULL".equalsIgnoreCase(rowImage)) {
            return CheckResult.fail("binlog_row_value_options", "binlog_row_value_options=PARTIAL_JSON with"
                    + " binlog_row_image=" + rowImage + ": a JSON update is logged as changes to a before image the"
                    + " binlog does not hold", "run: SET GLOBAL binlog_row_image = 'FULL'; (and binlog-row-image=FULL"
                    + " in my.cnf), or SET GLOBAL binlog_row_value_options = '';");
        }
        return CheckResult.ok("binlog_row_value_options", "binlog_row_value_options=PARTIAL_JSON: JSON updates are"
                + " logged as changes; Sluice rebuilds each whole document from the before image");
    }

    /**
     * The accounts Sluice can see that may change these settings for their sessions (others may
     * exist: Sluice's user sees only the grants it may read).
     */
    CheckResult overrides() throws SQLException {
        List<String> privileges = flavor == ServerFlavor.MYSQL
                ? List.of("SUPER", "SYSTEM_VARIABLES_ADMIN", "SESSION_VARIABLES_ADMIN")
                : List.of("SUPER", "BINLOG ADMIN");
        TreeSet<String> accounts = new TreeSet<>();
        String in = String.join("', '", privileges);
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT DISTINCT GRANTEE FROM information_schema.USER_PRIVILEGES WHERE PRIVILEGE_TYPE IN ('" + in + "')")) {
            while (rs.next()) {
                String grantee = rs.getString(1);
                if (!grantee.startsWith("'mysql.") && !grantee.startsWith("'" + cdcUser + "'@")
                        && !grantee.startsWith("'root'@") && !grantee.startsWith("'mariadb.sys'@")) {
                    accounts.add(grantee);
                }
            }
        }
        String who = String.join(" or ", privileges);
        if (accounts.isEmpty()) {
            return CheckResult.ok("session binlog settings", "no account Sluice can see, besides root and system"
                    + " accounts, holds " + who + ", which let a session change its own binlog_format,"
                    + " binlog_row_image or binlog_row_value_options (Sluice sees only the grants its user may read); "
                    + CONSEQUENCES);
        }
        return CheckResult.warn("session binlog settings", accounts + " hold " + who + " and may change binlog_format,"
                + " binlog_row_image or binlog_row_value_options for their own sessions: " + CONSEQUENCES,
                "give applications none of " + who + " (REVOKE ... FROM the account), and have administrators who"
                        + " keep them leave those settings at their global values");
    }
}
