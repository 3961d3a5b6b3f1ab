package dev.sluice.source;

import dev.sluice.config.Settings.MysqlSettings;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens plain JDBC connections to the source with the same address, user and TLS as the binlog. */
public final class JdbcConnector {

    private final MysqlSettings mysql;

    public JdbcConnector(MysqlSettings mysql) {
        this.mysql = mysql;
    }

    public Connection open() throws SQLException {
        return DriverManager.getConnection(url(), properties());
    }

    /**
     * A connection for reading snapshots: its session time zone is UTC, so temporal values come
     * back as UTC text whatever the server's or the JVM's zone; results stream for up to an hour
     * of back-pressure before the server gives up on a slow reader, and a server that sends
     * nothing for {@code SLUICE_MYSQL_READ_TIMEOUT} (frozen, or the network gone) fails the read.
     */
    public Connection openForSnapshot() throws SQLException {
        Properties properties = properties();
        properties.setProperty("connectionTimeZone", "UTC");
        properties.setProperty("forceConnectionTimeZoneToSession", "true");
        properties.setProperty("netTimeoutForStreamingResults", "3600");
        properties.setProperty("zeroDateTimeBehavior", "EXCEPTION");
        properties.setProperty("socketTimeout", String.valueOf(mysql.readTimeout().toMillis()));
        Connection connection = DriverManager.getConnection(url(), properties);
        connection.setAutoCommit(false);
        return connection;
    }

    /** A small pool for periodic work (heartbeat writes, polls). */
    public SourcePool pool() throws SQLException {
        return new SourcePool(url(), properties(), mysql.user(), mysql.password().reveal());
    }

    private String url() throws SQLException {
        java.net.InetSocketAddress endpoint;
        try {
            endpoint = SshTunnel.endpoint(mysql);
        } catch (SshTunnelException e) {
            throw new SQLException(e.getMessage(), "08001", e);
        }
        return "jdbc:mysql://" + endpoint.getHostString() + ":" + endpoint.getPort() + "/";
    }

    private Properties properties() {
        Properties properties = new Properties();
        properties.setProperty("user", mysql.user());
        properties.setProperty("password", mysql.password().reveal());
        properties.putAll(MysqlTls.of(mysql).jdbcProperties());
        // caching_sha2_password without TLS needs the server's RSA key, unless the server cached the account.
        properties.setProperty("allowPublicKeyRetrieval", String.valueOf(mysql.allowPublicKeyRetrieval()));
        properties.setProperty("connectTimeout", String.valueOf(mysql.connectTimeout().toMillis()));
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("characterEncoding", "UTF-8");
        properties.setProperty("zeroDateTimeBehavior", "CONVERT_TO_NULL");
        return properties;
    }

    /** Opens a connection, translating failures into one line an operator can act on. */
    public Connection openOrExplain() {
        try {
            return open();
        } catch (SQLException e) {
            throw new SourceUnavailableException(explain(e), e);
        }
    }

    public String explain(SQLException e) {
        if (e.getCause() instanceof SshTunnelException tunnel) {
            return tunnel.getMessage();
        }
        if (e.getErrorCode() == 1045) {
            return "MySQL at " + mysql.address() + " refused the login of user '" + mysql.user()
                    + "' (check SLUICE_MYSQL_USER and SLUICE_MYSQL_PASSWORD, and for an account that REQUIRE SSL or"
                    + " X509 also SLUICE_MYSQL_SSL_MODE and SLUICE_MYSQL_SSL_CERT): " + e.getMessage();
        }
        if (String.valueOf(e.getMessage()).contains("Public Key Retrieval is not allowed")) {
            return "MySQL at " + mysql.address() + " wants to send its RSA key so that the caching_sha2_password of '"
                    + mysql.user() + "' can be sent over a connection without TLS, and on an untrusted network a"
                    + " man in the middle could send his own: use TLS (SLUICE_MYSQL_SSL_MODE=required or stricter,"
                    + " with a server that offers it), or, on a network you trust, set"
                    + " SLUICE_MYSQL_ALLOW_PUBLIC_KEY_RETRIEVAL=true";
        }
        String tls = MysqlTls.explain(e, mysql);
        if (tls != null) {
            return tls;
        }
        Throwable root = rootCause(e);
        if (root instanceof ConnectException || root instanceof UnknownHostException
                || root instanceof SocketTimeoutException) {
            return "cannot reach MySQL at " + mysql.address() + " (" + root.getClass().getSimpleName() + ": "
                    + root.getMessage() + "); check SLUICE_MYSQL_HOST, SLUICE_MYSQL_PORT and the network";
        }
        return "MySQL at " + mysql.address() + " failed: " + e.getMessage();
    }

    /** What the operator should look at for a failure {@link #explain} described. */
    public String fix(SQLException e) {
        if (e.getCause() instanceof SshTunnelException) {
            return "check the SLUICE_SSH_* settings and that the SSH server can reach SLUICE_MYSQL_HOST:SLUICE_MYSQL_PORT";
        }
        if (MysqlTls.explain(e, mysql) != null) {
            return "check SLUICE_MYSQL_SSL_MODE, SLUICE_MYSQL_SSL_CA, SLUICE_MYSQL_SSL_CERT and SLUICE_MYSQL_SSL_KEY";
        }
        return "check SLUICE_MYSQL_HOST, SLUICE_MYSQL_PORT, SLUICE_MYSQL_USER and SLUICE_MYSQL_PASSWORD, and that the"
                + " server accepts connections from this host";
    }

    static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
