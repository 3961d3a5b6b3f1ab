package dev.sluice.bench;

import dev.sluice.bench.BenchConfig.Server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The benchmark's table, {@code bench.orders}, and the writes made to it. Its rows come in two
 * sizes: {@code standard} (about 350 bytes a row, 850-byte records) and {@code 1kb}, with a
 * longer note and JSON payload, so that a snapshot record is about 1 KB of JSON, the size of
 * Debezium's records for the same table.
 */
final class OrdersTable {

    static final String DATABASE = "bench";
    static final String TABLE = "orders";

    private static final String DDL = "CREATE TABLE bench.orders (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
            + " customer_id INT, status VARCHAR(16), amount DECIMAL(12,2), note VARCHAR(1000), created_at DATETIME(3),"
            + " updated_at TIMESTAMP(6) NULL, payload JSON, flag TINYINT(1), qty INT UNSIGNED)";
    private static final String INSERT = "INSERT INTO bench.orders (customer_id, status, amount, note, created_at,"
            + " updated_at, payload, flag, qty) VALUES (?, ?, ?, ?, NOW(3), NOW(6), ?, ?, ?)";
    private static final String[] STATUSES = {"new", "paid", "shipped", "delivered", "returned"};
    private static final String NOTE = "Leave the parcel at the side door; call ahead if nobody answers."
            + " Fragile items inside, handle with care, thanks!";

    /** A note and payload of this length bring an insert's event to about 1 KB. */
    private static final String LONG_NOTE = NOTE + " " + NOTE;
    private static final String PAYLOAD_PADDING = ", \"lines\": [{\"sku\": \"SKU-0000\", \"qty\": 1}]";

    private final Server server;
    private final boolean wide;

    OrdersTable(Server server) {
        this(server, "standard");
    }

    /** @param recordSize {@code standard} or {@code 1kb} */
    OrdersTable(Server server, String recordSize) {
        this.server = server;
        this.wide = switch (recordSize) {
            case "standard" -> false;
            case "1kb" -> true;
            default -> throw new IllegalArgumentException("BENCH_RECORD_SIZES: unknown size '" + recordSize
                    + "' (standard, 1kb)");
        };
    }

    Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", server.adminUser());
        props.setProperty("password", server.adminPassword());
        props.setProperty("sslMode", "DISABLED");
        props.setProperty("allowPublicKeyRetrieval", "true");
        props.setProperty("rewriteBatchedStatements", "true");
        props.setProperty("connectionTimeZone", "UTC");
        props.setProperty("forceConnectionTimeZoneToSession", "true");
        return DriverManager.getConnection("jdbc:mysql://" + server.host() + ":" + server.port() + "/", props);
    }

    void recreate() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE);
            s.execute("CREATE DATABASE " + DATABASE);
            s.execute(DDL);
        }
    }

    /** Inserts rows in transactions of {@code perTransaction} rows (one multi-row INSERT each). */
    void insert(int rows, int perTransaction) throws SQLException {
        try (Connection c = connect(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            c.setAutoCommit(false);
            for (int i = 1; i <= rows; i++) {
                bind(insert, i);
                insert.addBatch();
                if (i % perTransaction == 0 || i == rows) {
                    insert.executeBatch();
                    c.commit();
                }
            }
        }
    }

    /**
     * A backlog of {@code events} row changes in transactions of 100 rows: all inserts, or (with
     * {@code halfUpdates}) inserts and updates of the rows just inserted, alternating.
     */
    void backlog(int events, boolean halfUpdates) throws SQLException {
        if (!halfUpdates) {
            insert(events, 100);
            return;
        }
        int inserts = events / 2;
        long firstId = maxId() + 1;
        try (Connection c = connect(); PreparedStatement insert = c.prepareStatement(INSERT);
                PreparedStatement update = c.prepareStatement(
                        "UPDATE bench.orders SET status = 'paid', qty = qty + 1, updated_at = NOW(6)"
                                + " WHERE id BETWEEN ? AND ?")) {
            c.setAutoCommit(false);
            for (int done = 0; done < inserts; done += 100) {
                int batch = Math.min(100, inserts - done);
                for (int k = 1; k <= batch; k++) {
                    bind(insert, done + k);
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
                update.setLong(1, firstId + done);
                update.setLong(2, firstId + done + batch - 1);
                update.executeUpdate();
                c.commit();
            }
        }
    }

    /** One transaction that updates every row. */
    void updateAllInOneTransaction() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("UPDATE bench.orders SET qty = qty + 1, updated_at = NOW(6)");
            c.commit();
        }
    }

    long maxId() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM bench.orders")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void bind(PreparedStatement insert, int i) throws SQLException {
        insert.setInt(1, i % 10_000);
        insert.setString(2, STATUSES[i % STATUSES.length]);
        insert.setBigDecimal(3, java.math.BigDecimal.valueOf(i % 1_000_000, 2));
        insert.setString(4, wide ? LONG_NOTE : NOTE);
        insert.setString(5, "{\"sku\": \"SKU-" + (i % 5000) + "\", \"items\": [" + (i % 7) + ", 2, 3],"
                + " \"gift\": " + (i % 3 == 0) + ", \"channel\": \"web\", \"coupon\": null"
                + (wide ? PAYLOAD_PADDING : "") + "}");
        insert.setInt(6, i % 2);
        insert.setInt(7, i % 50);
    }

    /** The server's current binlog file and position. */
    String[] binlogPosition() throws SQLException {
        String sql = server.isMariaDb() ? "SHOW MASTER STATUS" : "SHOW BINARY LOG STATUS";
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return new String[] {rs.getString(1), rs.getString(2)};
        }
    }
}
