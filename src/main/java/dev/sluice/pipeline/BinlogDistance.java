package dev.sluice.pipeline;

import dev.sluice.offset.SourceOffset;
import dev.sluice.source.SourcePool;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** How far, in binlog bytes, a position trails the server's end (summed across files). */
final class BinlogDistance {

    private BinlogDistance() {
    }

    static long bytesBehind(SourcePool pool, SourceOffset position) throws SQLException {
        try (Connection connection = pool.connection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SHOW BINARY LOGS")) {
            long behind = 0;
            boolean reached = false;
            while (rs.next()) {
                String file = rs.getString(1);
                long size = rs.getLong(2);
                if (file.equals(position.file())) {
                    reached = true;
                    behind += Math.max(0, size - position.pos());
                } else if (reached) {
                    behind += size;
                }
            }
            return reached ? behind : -1;
        }
    }
}
