package dev.sluice.source;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializationException;
import com.github.shyiko.mysql.binlog.network.AuthenticationException;
import com.github.shyiko.mysql.binlog.network.SSLMode;
import com.github.shyiko.mysql.binlog.network.ServerException;
import dev.sluice.config.Settings.MysqlSettings;
import dev.sluice.config.SslMode;
import dev.sluice.source.binlog.BinlogDeserializer;
import dev.sluice.source.binlog.UnsupportedBinlogException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One replication connection to the source: reads binlog events from a start position and hands
 * each to a {@link Handler} on the reader thread. It never reconnects by itself: a reconnect must
 * restart from a transaction boundary, which only the pipeline knows, so any disconnect ends the
 * reader and {@link #failure()} says why. A reader made with {@link #toEnd} reads what the binlog
 * holds now and ends there without a failure, for reading a stretch of it again.
 */
public final class BinlogReader {

    /** Receives events on the reader thread; may block (that is the back-pressure). */
    public interface Handler {
        void onEvent(Event event) throws InterruptedException;
    }

    private static final Logger LOG = Logger.getLogger(BinlogReader.class);

    private final MysqlSettings mysql;
    private final BinaryLogClient client;
    private final boolean toEnd;
    private final BinlogPosition start;
    private final CountDownLatch connectedOrFailed = new CountDownLatch(1);
    private volatile Throwable failure;
    private volatile boolean stopping;
    private volatile long lastEventMillis;
    private volatile boolean encrypted;
    private Thread thread;

    /**
     * @param server the server start-up examined: the connection refuses to read another one's binlog
     * @param byGtids ask for the transactions after {@code start}'s GTIDs rather than for its file
     *     and position (see {@link ServerInfo#resumesByGtids})
     */
    public BinlogReader(MysqlSettings mysql, ServerInfo server, BinlogPosition start, boolean byGtids,
            Handler handler) {
        this(mysql, server, start, handler, false, byGtids);
    }

    /**
     * A reader that starts at a file and position (never by GTID) and ends at the end of the binlog
     * as it is now. It registers no replica (server id 0), so it runs beside the main stream.
     */
    public static BinlogReader toEnd(MysqlSettings mysql, ServerInfo server, String file, long position,
            Handler handler) {
        return new BinlogReader(mysql, server, new BinlogPosition(file, position, null), handler, true, false);
    }

    private BinlogReader(MysqlSettings mysql, ServerInfo server, BinlogPosition start, Handler handler,
            boolean toEnd, boolean byGtids) {
        this.mysql = mysql;
        this.toEnd = toEnd;
        this.start = start;
        java.net.InetSocketAddress endpoint = SshTunnel.endpoint(mysql);
        this.client = new VerifiedBinlogClient(endpoint.getHostString(), endpoint.getPort(), mysql.user(),
                mysql.password().reveal(), server);
        client.setServerId(mysql.serverId());
        client.setSSLMode(SSLMode.valueOf(mysql.sslMode().name()));
        if (mysql.sslMode() != SslMode.DISABLED) {
            com.github.shyiko.mysql.binlog.network.SSLSocketFactory tls = MysqlTls.of(mysql).binlogSocketFactory();
            client.setSslSocketFactory(socket -> {
                javax.net.ssl.SSLSocket upgraded = tls.createSocket(socket);
                encrypted = true; // the client asks for TLS only when the server offers it (or the mode demands it)
                return upgraded;
            });
        }
        client.setConnectTimeout(mysql.connectTimeout().toMillis());
        client.setKeepAlive(false);
        client.setBlocking(!toEnd);
        client.setHeartbeatInterval(toEnd ? 0 : TimeUnit.SECONDS.toMillis(5));
        client.setEventDeserializer(new BinlogDeserializer());
        if (!toEnd && byGtids && start.gtids() != null) {
            client.setGtidSet(start.gtids());
        } else {
            client.setBinlogFilename(start.file());
            client.setBinlogPosition(start.position());
        }
        client.registerEventListener(event -> deliver(handler, event));
        client.registerLifecycleListener(new BinaryLogClient.AbstractLifecycleListener() {
            @Override
            public void onConnect(BinaryLogClient c) {
                connectedOrFailed.countDown();
            }

            @Override
            public void onCommunicationFailure(BinaryLogClient c, Exception ex) {
                fail(ex);
            }

            @Override
            public void onEventDeserializationFailure(BinaryLogClient c, Exception ex) {
                // The client would skip the event and carry on: that loses rows, so stop instead.
                fail(undecodable(ex));
                disconnectQuietly();
            }
        });
    }

    /**
     * Connects on a new thread and returns once the stream is open.
     *
     * @throws SourceUnavailableException when the connection or the dump request fails
     */
    public void start() throws InterruptedException {
        loginWithoutKeyRetrieval();
        thread = new Thread(this::run, "sluice-binlog-reader");
        thread.setDaemon(true);
        thread.start();
        long waitMillis = mysql.connectTimeout().toMillis() * 2 + 5_000;
        if (!connectedOrFailed.await(waitMillis, TimeUnit.MILLISECONDS)) {
            stop();
            throw new SourceUnavailableException("the binlog connection to " + mysql.address()
                    + " did not open within " + waitMillis + " ms");
        }
        if (failure != null) {
            throw failureException();
        }
    }

    /**
     * The failure as the pipeline must treat it: a binlog the server no longer has (error 1236), a
     * privilege revoked (1227) or a login refused stop it, since retrying cannot change the answer;
     * anything else is retried.
     */
    public RuntimeException failureException() {
        if (failure instanceof VerifiedBinlogClient.OtherServerException other) {
            return new IllegalStateException("The binlog connection to " + mysql.address() + " reached server "
                    + other.reached() + ", but Sluice started reading server " + other.expected() + ": the address now"
                    + " leads to another server, as after a failover. A binlog file and position of one server mean"
                    + " nothing on another, so Sluice stops rather than read the wrong place; its next start checks"
                    + " the new server and resumes there after the stored offset's GTIDs (README: Failover of the"
                    + " source)", failure);
        }
        if (failure instanceof ServerException server && server.getErrorCode() == 1236
                && !String.valueOf(server.getMessage()).contains("same server_uuid/server_id")) {
            return new IllegalStateException("MySQL at " + mysql.address() + " cannot send the binlog from " + start
                    + ": " + server.getMessage() + " (error 1236). The changes after that position are no longer on"
                    + " the server (purged binlog files or GTIDs), and Sluice stops rather than skip them. Take a new"
                    + " snapshot (restart with SLUICE_SNAPSHOT_MODE=when_needed), and keep binlogs longer"
                    + " (binlog_expire_logs_seconds) than Sluice may be away", failure);
        }
        if (failure instanceof ServerException server && server.getErrorCode() == 1227) {
            return new IllegalStateException("MySQL at " + mysql.address() + " refuses the binlog to user '"
                    + mysql.user() + "': " + server.getMessage() + " (error 1227). The account lost a privilege since"
                    + " Sluice started, and retrying cannot restore it, so Sluice stops. Fix: GRANT REPLICATION SLAVE,"
                    + " REPLICATION CLIENT ON *.* TO '" + mysql.user() + "'@'<its host>'; then restart Sluice",
                    failure);
        }
        if (failure instanceof AuthenticationException) {
            return new IllegalStateException(explain(failure) + ". The login worked when Sluice started: the password"
                    + " or the account changed. Sluice stops (liveness DOWN) so that a restart reads"
                    + " the current SLUICE_MYSQL_PASSWORD (or SLUICE_MYSQL_PASSWORD_FILE)", failure);
        }
        return new SourceUnavailableException(explain(failure), failure);
    }

    /**
     * The binlog client fetches the server's RSA key over a connection without TLS whenever
     * caching_sha2_password needs it, and a man in the middle could answer with his own. A JDBC
     * login just before, which may not fetch it, either fails with that explanation or leaves the
     * account in the server's cache, so the binlog login that follows needs no key.
     */
    private void loginWithoutKeyRetrieval() {
        if (mysql.allowPublicKeyRetrieval() || mysql.sslMode().compareTo(SslMode.REQUIRED) >= 0) {
            return;
        }
        JdbcConnector jdbc = new JdbcConnector(mysql);
        try {
            jdbc.open().close();
        } catch (java.sql.SQLException e) {
            if (String.valueOf(e.getMessage()).contains("Public Key Retrieval is not allowed")) {
                throw new IllegalStateException(jdbc.explain(e), e);
            }
            throw new SourceUnavailableException(jdbc.explain(e), e);
        }
    }

    private void run() {
        try {
            client.connect();
            if (!toEnd && !stopping && failure == null) {
                fail(new IOException("the server closed the binlog connection"));
            }
        } catch (Throwable e) {
            fail(e);
        } finally {
            connectedOrFailed.countDown();
        }
    }

    private void deliver(Handler handler, Event event) {
        if (stopping || failure != null) {
            return;
        }
        lastEventMillis = System.currentTimeMillis();
        try {
            handler.onEvent(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            disconnectQuietly();
        } catch (Throwable e) {
            // The client would log and continue with the next event; nothing may be skipped.
            fail(e);
            disconnectQuietly();
        }
    }

    private void fail(Throwable e) {
        if (failure == null && !stopping) {
            failure = e;
        }
    }

    /** An event the decoders could not read: the same bytes will fail again, so this is not retried. */
    private UnsupportedBinlogException undecodable(Exception ex) {
        Throwable cause = ex instanceof EventDataDeserializationException && ex.getCause() != null ? ex.getCause() : ex;
        String where = "";
        if (ex instanceof EventDataDeserializationException d && d.getEventHeader() instanceof EventHeaderV4 h) {
            where = " (type " + h.getEventType() + ", at position " + h.getPosition() + " of the current binlog file)";
        }
        return new UnsupportedBinlogException("Sluice could not decode a binlog event" + where + ": "
                + cause.getMessage() + ". Skipping it could lose changes; check the source's settings for this"
                + " event's feature", cause);
    }

    public boolean isRunning() {
        return thread != null && thread.isAlive();
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Whether this connection runs over TLS (known once {@link #start()} returned). */
    public boolean isEncrypted() {
        return encrypted;
    }

    /** Wall-clock time of the last event (server heartbeats included), 0 before the first. */
    public long lastEventMillis() {
        return lastEventMillis;
    }

    /** Why the reader stopped on its own; null while it runs or after {@link #stop()}. */
    public Throwable failure() {
        return failure;
    }

    public String failureMessage() {
        return failure == null ? null : explain(failure);
    }

    /** Closes the connection and waits for the reader thread; the handler must not be blocked. */
    public void stop() {
        stopping = true;
        disconnectQuietly();
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void disconnectQuietly() {
        try {
            client.disconnect();
        } catch (IOException | RuntimeException e) {
            LOG.debugf("closing the binlog connection: %s", e.getMessage());
        }
    }

    private String explain(Throwable e) {
        if (e instanceof AuthenticationException) {
            return "MySQL at " + mysql.address() + " refused the replication login of user '" + mysql.user()
                    + "': " + e.getMessage();
        }
        String tls = MysqlTls.explain(e, mysql);
        if (tls != null) {
            return tls;
        }
        if (e instanceof ServerException server) {
            String sameId = String.valueOf(server.getMessage()).contains("same server_uuid/server_id")
                    ? "; another replica uses SLUICE_MYSQL_SERVER_ID " + mysql.serverId() + ": give each its own" : "";
            return "MySQL at " + mysql.address() + " ended the binlog stream: " + server.getMessage()
                    + " (error " + server.getErrorCode() + ")" + sameId;
        }
        Throwable root = JdbcConnector.rootCause(e);
        String detail = root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
        return "binlog connection to " + mysql.address() + " failed: " + detail;
    }
}
