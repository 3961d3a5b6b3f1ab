package dev.sluice.source;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.network.protocol.ResultSetRowPacket;
import com.github.shyiko.mysql.binlog.network.protocol.command.QueryCommand;

import java.io.IOException;

/**
 * The binlog client, checking on its own connection, before it asks for the binlog, that it
 * reached the server start-up examined. A file and position mean something only on the server
 * that wrote them, and a host name or virtual IP may lead to another server after a failover.
 */
final class VerifiedBinlogClient extends BinaryLogClient {

    /** The binlog connection reached another server than the one start-up examined. */
    static final class OtherServerException extends IOException {
        private final String expected;
        private final String reached;

        OtherServerException(String expected, String reached) {
            super("reached server " + reached + ", not " + expected);
            this.expected = expected;
            this.reached = reached;
        }

        String expected() {
            return expected;
        }

        String reached() {
            return reached;
        }
    }

    private final ServerInfo expected;

    VerifiedBinlogClient(String host, int port, String user, String password, ServerInfo expected) {
        super(host, port, user, password);
        this.expected = expected;
    }

    @Override
    protected void setupConnection() throws IOException {
        super.setupConnection(); // reads @@server_id, among others
        String reached = expected.flavor() == ServerFlavor.MYSQL ? queryOneValue("SELECT @@server_uuid")
                : ServerProbe.mariadbIdentity(getMasterServerId());
        if (expected.identity() != null && !expected.identity().equalsIgnoreCase(reached)) {
            throw new OtherServerException(expected.identity(), reached);
        }
    }

    /** One value of a one-column query, on the replication connection before the dump request. */
    private String queryOneValue(String sql) throws IOException {
        channel.write(new QueryCommand(sql));
        checkError(channel.read()); // the column count, or an error
        while (!isEndOfRows(channel.read())) {
            // the column definitions
        }
        String value = null;
        for (byte[] row = channel.read(); !isEndOfRows(row); row = channel.read()) {
            checkError(row);
            value = new ResultSetRowPacket(row).getValue(0);
        }
        return value;
    }

    /** An EOF packet: the client does not ask for CLIENT_DEPRECATE_EOF, so each part ends with one. */
    private static boolean isEndOfRows(byte[] packet) {
        return packet.length < 9 && packet[0] == (byte) 0xFE;
    }
}
