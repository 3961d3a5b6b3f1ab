package dev.sluice.pipeline;

import dev.sluice.config.Settings;
import dev.sluice.heartbeat.HeartbeatEmitter;
import dev.sluice.heartbeat.HeartbeatWatch;
import dev.sluice.offset.OffsetCommitter;
import dev.sluice.offset.OffsetStore;
import dev.sluice.offset.SourceOffset;
import dev.sluice.sink.DeliveryStats;
import dev.sluice.sink.KafkaClients;
import dev.sluice.sink.Leadership;
import dev.sluice.sink.TopicAdmin;
import dev.sluice.snapshot.KafkaSignalChannel;
import dev.sluice.snapshot.Signal;
import io.quarkus.arc.ClientProxy;
import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sluice's one pipeline: {@link Startup}, then the {@link Supervisor}'s snapshot and stream
 * sessions, with offsets committed, heartbeats emitted and signals received beside them.
 */
@ApplicationScoped
public class Pipeline {

    private static final Logger LOG = Logger.getLogger(Pipeline.class);

    private final SnapshotStats snapshotStats = new SnapshotStats();
    private final DeliveryStats deliveryStats = new DeliveryStats();
    private final HeartbeatWatch heartbeatWatch = new HeartbeatWatch();
    private final Queue<Signal> signals = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final StreamStatus stream = new StreamStatus(() -> {
        Supervisor running = this.supervisor;
        return running == null ? null : running.session();
    });

    @Inject
    PipelineMetrics metrics;

    private volatile Settings settings;
    private volatile Startup startup;
    private volatile StartupState started;
    private volatile OffsetCommitter committer;
    private volatile Supervisor supervisor;
    private HeartbeatEmitter heartbeats;
    private KafkaSignalChannel signalChannel;
    private volatile long binlogBytesBehind = -1;
    /** With SLUICE_STANDBY: this instance's membership of the group that picks who streams. */
    private volatile Leadership leadership;
    private volatile boolean waitingForLead;
    private volatile boolean leadLost;

    /**
     * Begins what start-up can do before the preflight checks pass: reaching Kafka and reading the
     * stored offset, which takes as long as the checks and runs beside them. Only the first call
     * counts.
     */
    public synchronized void prepare(Settings settings) {
        if (startup == null) {
            startup = new Startup(settings);
            startup.beginKafka();
        }
    }

    /**
     * With SLUICE_STANDBY: waits until this instance holds the lead among those of its name. Nothing
     * is read before (the offset a standby would read early would be stale by the time it streams).
     * Losing the lead later (this instance froze or lost Kafka, and another took over) stops it.
     *
     * @return false when Sluice is stopping instead
     */
    public boolean awaitLead(Settings settings) throws InterruptedException {
        KafkaClients clients = new KafkaClients(settings.kafka(), settings.name());
        try (TopicAdmin admin = new TopicAdmin(clients)) {
            new OffsetStore(settings.offsetsTopic(), settings.name()).ensureTopic(admin, settings.topicReplicationFactor());
        }
        synchronized (this) {
            if (stopRequested.get()) {
                return false;
            }
            leadership = new Leadership(clients, settings.offsetsTopic(), settings.name(), this::onLeadLost);
            leadership.start();
        }
        waitingForLead = true;
        LOG.infof("Standby: waiting for the lead among the Sluices named '%s' (the one that streams holds it)",
                settings.name());
        long since = System.currentTimeMillis();
        try {
            if (!leadership.awaitLead()) {
                return false;
            }
        } finally {
            waitingForLead = false;
        }
        LOG.infof("Took the lead after %d ms of waiting: starting", System.currentTimeMillis() - since);
        return true;
    }

    private void onLeadLost() {
        leadLost = true;
        LOG.errorf("Lost the lead: another Sluice named '%s' took over (this one was frozen or cut off from Kafka"
                + " for longer than the group's session timeout); stopping. Changes it sent since may appear twice",
                settings == null ? "" : settings.name());
        Quarkus.asyncExit(1);
    }

    /** Whether the lead was taken away: the process ends with a failure, to be restarted as a standby. */
    public boolean hasLostLead() {
        return leadLost;
    }

    /**
     * Connects, reads the offset and the table definitions, and starts the supervisor.
     *
     * @throws RuntimeException with an operator-readable message when start-up cannot continue
     */
    public void start(Settings settings) throws SQLException {
        this.settings = settings;
        prepare(settings);
        started = startup.run();
        // Acks record the lag one by one: through the CDI client proxy, each call looked the bean up
        // in its context (17% of the producer's I/O thread in a catch-up's profile).
        PipelineMetrics metrics = ClientProxy.unwrap(this.metrics);
        Observers observers = new Observers(metrics, deliveryStats, heartbeatWatch, signals);
        if (settings.signalKafkaTopic() != null) {
            started.admin().ensureTopic(settings.signalKafkaTopic(), 1, settings.topicReplicationFactor(), Map.of());
            signalChannel = new KafkaSignalChannel(started.clients(), settings.signalKafkaTopic(), settings.name(),
                    signals);
            signalChannel.start();
        }
        heartbeats = new HeartbeatEmitter(settings.heartbeat(), settings.topicPrefix(),
                settings.conversion().schemasEnabled(), !settings.readOnly(), started.pool(), settings.name(),
                started.admin(), settings.topicReplicationFactor(), metrics);
        supervisor = new Supervisor(settings, started, observers, snapshotStats);
        committer = supervisor.committer();
        supervisor.start();
    }

    /** A heartbeat record, a commit of the acknowledged position, and a touch of the heartbeat table. */
    public void heartbeat() {
        Delivery current = current();
        if (current != null) {
            heartbeats.sendRecord(current.sink());
            committer.commit(current);
            heartbeats.touchTable();
        }
    }

    /** Polls the server's binlog end and computes how many binlog bytes the acknowledged position trails it. */
    public void pollBinlogDistance() {
        Delivery current = current();
        if (current != null) {
            try {
                binlogBytesBehind = BinlogDistance.bytesBehind(started.pool(), current.acknowledged());
            } catch (SQLException e) {
                LOG.debugf("binlog distance: %s", e.getMessage());
            }
        }
    }

    private Delivery current() {
        Supervisor running = supervisor;
        return running == null || running.stopping() ? null : running.delivery();
    }

    /** Stops streaming, waits for every sent record, and commits the final offset; then leaves the standby group. */
    public void stop() {
        if (!stopRequested.compareAndSet(false, true)) {
            return;
        }
        try {
            stopPipeline();
        } finally {
            synchronized (this) {
                if (leadership != null) {
                    leadership.close(); // after the final commit: the next leader reads it
                }
            }
        }
    }

    private void stopPipeline() {
        if (signalChannel != null) {
            signalChannel.close();
        }
        if (supervisor != null) {
            supervisor.stop(Duration.ofSeconds(60).toMillis());
        }
        if (committer != null) {
            committer.close();
        }
        if (started != null) {
            started.close();
        } else if (startup != null) {
            startup.abandon();
        }
        SourceOffset last = committer == null ? null : committer.committed();
        if (last != null) {
            LOG.infof("Stopped at %s", last);
        }
    }

    public PipelineState state() {
        Supervisor running = supervisor;
        if (running != null) {
            return running.state();
        }
        if (waitingForLead) {
            return PipelineState.STANDBY;
        }
        return settings == null ? PipelineState.NEW : stopRequested.get() ? PipelineState.STOPPED
                : PipelineState.STARTING;
    }

    public String lastError() {
        Supervisor running = supervisor;
        return running == null ? null : running.lastError();
    }

    public boolean isThreadAlive() {
        Supervisor running = supervisor;
        return running != null && running.isAlive();
    }

    /** The current stream session's connection and queue. */
    public StreamStatus stream() {
        return stream;
    }

    /** Bytes of binlog between the acknowledged position and the server's end; -1 before the first poll. */
    public long binlogBytesBehind() {
        return binlogBytesBehind;
    }

    /** When the current stream session began. */
    public long streamingSinceMillis() {
        Supervisor running = supervisor;
        return running == null ? 0 : running.streamingSinceMillis();
    }

    /** The offset commits: what was committed, and since when commits fail. Null before start. */
    public OffsetCommitter offsets() {
        return committer;
    }

    public DeliveryStats deliveryStats() {
        return deliveryStats;
    }

    public HeartbeatWatch heartbeatWatch() {
        return heartbeatWatch;
    }

    public SnapshotStats snapshotStats() {
        return snapshotStats;
    }

    public Settings settings() {
        return settings;
    }
}
