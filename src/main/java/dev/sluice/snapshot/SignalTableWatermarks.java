package dev.sluice.snapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import static dev.sluice.snapshot.ConsistentSnapshot.quoteName;

/** Read-write watermarks: a row in the signal table before and after each chunk read, as Debezium writes. */
public final class SignalTableWatermarks implements Watermarks {

    private final Connection connection;
    private final String insert;

    /** @param connection in autocommit mode: each mark is a transaction of its own */
    public SignalTableWatermarks(Connection connection, String database, String table) {
        this.connection = connection;
        this.insert = "INSERT INTO " + quoteName(database) + "." + quoteName(table) + " (id, type, data) VALUES (?, ?, NULL)";
    }

    @Override
    public String open(String chunkId) throws SQLException {
        mark(chunkId + "-open", Signal.Kind.WINDOW_OPEN);
        return null;
    }

    @Override
    public String close(String chunkId) throws SQLException {
        mark(chunkId + "-close", Signal.Kind.WINDOW_CLOSE);
        return null;
    }

    private void mark(String id, Signal.Kind kind) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            statement.setString(1, id);
            statement.setString(2, kind.text());
            statement.executeUpdate();
        }
    }

    @Override
    public boolean writesSignalRows() {
        return true;
    }
}
