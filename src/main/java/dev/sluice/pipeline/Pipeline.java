package dev.sluice.pipeline;

import dev.sluice.config.Settings;
import dev.sluice.config.SnapshotMode;
import dev.sluice.offset.OffsetStore;
import dev.sluice.offset.SourceOffset;
import dev.sluice.schema.InformationSchemaLoader;
import dev.sluice.schema.SchemaCatalog;
import dev.sluice.schema.SchemaMismatchException;
import dev.sluice.schema.TableId;
import dev.sluice.schema.TableSchema;
import dev.sluice.sink.KafkaClients;
import dev.sluice.sink.TopicAdmin;
import dev.sluice.source.BinlogPosition;
import dev.sluice.source.JdbcConnector;
import dev.sluice.source.ServerInfo;
import dev.sluice.source.ServerProbe;
import dev.sluice.source.SourceUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sluice's one pipeline: checks the source and Kafka at start-up, finds where to resume, then
 * runs stream sessions on its own thread, reconnecting with backoff from the last acknowledged
 * position whenever a session is interrupted.
 */
@ApplicationScoped
public class Pipeline {

    private static final Logger LOG = Logger.getLogger(Pipeline.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final StreamStats stats = new StreamStats();
    private final Object sessionLock = new Object();

    private Settings settings;
    private JdbcConnector jdbc;
    private KafkaClients clients;
    private TopicAdmin admin;
    private OffsetStore offsets;
    private ServerInfo server;
    private SchemaCatalog catalog;
    private volatile PipelineState state = PipelineState.NEW;
    private volatile String lastError;
    private volatile boolean stopping;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private volatile StreamSession session;
    private SourceOffset committed;
    private SourceOffset resumeFrom;
    private Thread thread;
    private final CountDownLatch stopSignal = new CountDownLatch(1);

    /**
     * Connects, reads the offset and the schemas, and starts streaming.
     *
     * @throws SourceUnavailableException, dev.sluice.sink.KafkaUnavailableException or
     *     IllegalStateException with an operator-readable message when start-up cannot continue
     */
    public void start(Settings settings) throws SQLException {
        this.settings = settings;
        state = PipelineState.STARTING;
        jdbc = new JdbcConnector(settings.mysql());
        BinlogPosition current;
        Map<TableId, TableSchema> tables;
        List<String> binlogFiles;
        try (Connection connection = jdbc.openOrExplain()) {
            ServerProbe probe = new ServerProbe(connection);
            server = probe.info();
            checkServerId();
            current = probe.currentPosition(server);
            binlogFiles = probe.binlogFiles();
            tables = new InformationSchemaLoader(connection).load(settings.tableFilter()::isCaptured);
        }
        LOG.infof("Connected to %s at %s (server id %d, GTIDs %s, row metadata %s)", server.describe(),
                settings.mysql().address(), server.serverId(), server.gtidMode() ? "on" : "off",
                server.fullRowMetadata() ? "FULL" : "MINIMAL");
        logCapturedTables(tables);
        catalog = new SchemaCatalog(tables, settings.tableFilter()::isCaptured, this::loadTable);

        clients = new KafkaClients(settings.kafka(), settings.name());
        admin = new TopicAdmin(clients);
        admin.checkReachable(KAFKA_TIMEOUT);
        offsets = new OffsetStore(settings.offsetsTopic(), settings.name());
        offsets.ensureTopic(admin, settings.topicReplicationFactor());
        Optional<SourceOffset> stored = offsets.load(clients, KAFKA_TIMEOUT);
        resumeFrom = stored.map(offset -> checkStillAvailable(offset, binlogFiles))
                .orElseGet(() -> startWithoutOffset(current));
        committed = stored.orElse(null);

        thread = new Thread(this::supervise, "sluice-pipeline");
        thread.start();
    }

    private void checkServerId() {
        if (server.serverId() == settings.mysql().serverId()) {
            throw new IllegalStateException("SLUICE_MYSQL_SERVER_ID " + settings.mysql().serverId()
                    + " equals the source server's own server_id; choose an id no server in the topology uses");
        }
    }

    private void logCapturedTables(Map<TableId, TableSchema> tables) {
        if (tables.isEmpty()) {
            LOG.warnf("No existing table matches SLUICE_TABLES %s; tables created later that match are captured",
                    settings.tableFilter().includePatterns());
        } else {
            LOG.infof("Capturing %d table(s): %s", tables.size(), tables.keySet());
        }
    }

    private SourceOffset checkStillAvailable(SourceOffset offset, List<String> binlogFiles) {
        if (!binlogFiles.contains(offset.file())) {
            throw new IllegalStateException("the stored offset points into binlog file " + offset.file()
                    + ", which the server no longer has (oldest: "
                    + (binlogFiles.isEmpty() ? "none" : binlogFiles.get(0)) + "); changes after it are lost. "
                    + "Re-snapshot with SLUICE_SNAPSHOT_MODE=when_needed, or delete the offset to start from now");
        }
        LOG.infof("Resuming from the stored offset %s", offset);
        return offset;
    }

    private SourceOffset startWithoutOffset(BinlogPosition current) {
        SnapshotMode mode = settings.snapshotMode();
        if (mode != SnapshotMode.NEVER && mode != SnapshotMode.NO_DATA) {
            throw new IllegalStateException("SLUICE_SNAPSHOT_MODE=" + mode.configValue()
                    + " needs an initial snapshot, which this build does not perform yet; "
                    + "set SLUICE_SNAPSHOT_MODE=never (or no_data) to stream changes from now on");
        }
        LOG.infof("No stored offset: streaming from the current position %s (snapshot mode %s)", current,
                mode.configValue());
        return new SourceOffset(current.file(), current.position(), current.gtids(), 0, 0, server.serverId(), 0);
    }

    private TableSchema loadTable(TableId id) throws SQLException {
        try (Connection connection = jdbc.open()) {
            return new InformationSchemaLoader(connection).loadTable(id);
        }
    }

    private void supervise() {
        long backoff = 1_000;
        while (!stopping) {
            long began = System.currentTimeMillis();
            StreamSession current = new StreamSession(settings, server, catalog, clients, admin, resumeFrom, stats);
            synchronized (sessionLock) {
                session = current;
            }
            try {
                persistStartPosition(current);
                state = PipelineState.STREAMING;
                current.run();
            } catch (SchemaMismatchException | IllegalStateException e) {
                fail(e.getMessage());
            } catch (Exception e) {
                lastError = e.getMessage();
            } finally {
                resumeFrom = current.acknowledged();
                commit(current);
                current.close();
            }
            if (stopping || state == PipelineState.FAILED) {
                break;
            }
            backoff = System.currentTimeMillis() - began > 60_000 ? 1_000 : backoff;
            state = PipelineState.RECONNECTING;
            LOG.warnf("Stream interrupted: %s; reconnecting in %ds from %s", lastError, backoff / 1000, resumeFrom);
            if (!pause(backoff)) {
                break;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
        if (state != PipelineState.FAILED) {
            state = PipelineState.STOPPED;
        }
    }

    /**
     * A first start records where it begins before reading anything: a crash before the first
     * regular commit must resume there, not at whatever the server's position is by then.
     */
    private void persistStartPosition(StreamSession current) {
        synchronized (this) {
            if (committed == null) {
                offsets.save(current.sink(), resumeFrom, KAFKA_TIMEOUT);
                committed = resumeFrom;
            }
        }
    }

    private void fail(String message) {
        lastError = message;
        state = PipelineState.FAILED;
        LOG.errorf("Stopped: %s", message);
    }

    private boolean pause(long millis) {
        try {
            return !stopSignal.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Writes the acknowledged position to the offsets topic when it moved. Called on a schedule. */
    public void flushOffsets() {
        StreamSession current;
        synchronized (sessionLock) {
            current = session;
        }
        if (current != null) {
            commit(current);
        }
    }

    private void commit(StreamSession from) {
        synchronized (this) {
            SourceOffset acknowledged = from.acknowledged();
            if (acknowledged == null || acknowledged.equals(committed)) {
                return;
            }
            try {
                offsets.save(from.sink(), acknowledged, KAFKA_TIMEOUT);
                committed = acknowledged;
            } catch (RuntimeException e) {
                LOG.warnf("Could not commit the offset %s: %s (retrying at the next flush)", acknowledged,
                        e.getMessage());
            }
        }
    }

    /** Stops streaming, waits for every sent record, and commits the final offset. */
    public void stop() {
        if (!stopRequested.compareAndSet(false, true)) {
            return;
        }
        stopping = true;
        stopSignal.countDown();
        StreamSession current;
        synchronized (sessionLock) {
            current = session;
        }
        if (current != null) {
            current.stop();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (admin != null) {
            admin.close();
        }
        if (committed != null) {
            LOG.infof("Stopped at %s", committed);
        }
    }

    public PipelineState state() {
        return state;
    }

    public String lastError() {
        return lastError;
    }

    public boolean isThreadAlive() {
        return thread != null && thread.isAlive();
    }

    public boolean isConnected() {
        StreamSession current = session;
        return current != null && current.isConnected();
    }

    public long lastEventMillis() {
        StreamSession current = session;
        return current == null ? 0 : current.lastEventMillis();
    }

    public StreamStats stats() {
        return stats;
    }

    public SourceOffset committedOffset() {
        synchronized (this) {
            return committed;
        }
    }
}
