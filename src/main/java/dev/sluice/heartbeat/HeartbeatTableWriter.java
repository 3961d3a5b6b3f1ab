package dev.sluice.heartbeat;

import dev.sluice.source.SourcePool;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Layer 2, read-write: touches row 1 of the source heartbeat table, so the binlog (and with it
 * the offset) moves even when no captured table changes.
 */
public final class HeartbeatTableWriter {

    private final SourcePool pool;
    private final String update;
    private final String insert;
    private final String text;

    public HeartbeatTableWriter(SourcePool pool, String database, String table, String connectorName) {
        this.pool = pool;
        String qualified = quote(database) + "." + quote(table);
        this.update = "UPDATE " + qualified + " SET text = ?, last_update = CURRENT_TIMESTAMP WHERE id = 1";
        this.insert = "INSERT INTO " + qualified + " (id, text) VALUES (1, ?)";
        this.text = "sluice " + connectorName;
    }

    public void beat() throws SQLException {
        try (Connection connection = pool.connection()) {
            int updated;
            try (PreparedStatement statement = connection.prepareStatement(update)) {
                statement.setString(1, text);
                updated = statement.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement statement = connection.prepareStatement(insert)) {
                    statement.setString(1, text);
                    statement.executeUpdate();
                }
            }
        }
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
