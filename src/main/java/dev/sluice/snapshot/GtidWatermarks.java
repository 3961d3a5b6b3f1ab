package dev.sluice.snapshot;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Read-only watermarks: the server's executed GTID set before and after each chunk read; nothing is written. */
public final class GtidWatermarks implements Watermarks {

    private final Connection connection;

    public GtidWatermarks(Connection connection) {
        this.connection = connection;
    }

    @Override
    public String open(String chunkId) throws SQLException {
        return executed();
    }

    @Override
    public String close(String chunkId) throws SQLException {
        return executed();
    }

    private String executed() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT @@GLOBAL.gtid_executed")) {
            rs.next();
            return rs.getString(1).replace("\n", "");
        }
    }

    @Override
    public boolean writesSignalRows() {
        return false;
    }
}
