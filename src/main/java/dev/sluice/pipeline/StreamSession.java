package dev.sluice.pipeline;

import dev.sluice.config.Settings;
import dev.sluice.config.SslMode;
import dev.sluice.offset.OffsetTracker;
import dev.sluice.offset.SourceOffset;
import dev.sluice.schema.SchemaTracker;
import dev.sluice.schema.TableId;
import dev.sluice.sink.KafkaSink;
import dev.sluice.sink.KafkaFailures;
import dev.sluice.sink.TopicAdmin;
import dev.sluice.sink.TopicNames;
import dev.sluice.snapshot.IncrementalSnapshotter;
import dev.sluice.source.BinlogStream;
import dev.sluice.source.ServerFlavor;
import dev.sluice.source.ServerInfo;
import dev.sluice.source.SourceUnavailableException;
import dev.sluice.source.binlog.BinlogInterpreter;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * One binlog connection's lifetime: the binlog stream read on the calling thread, its events
 * dispatched to Kafka. It ends when stopped or on the first failure; either way
 * every record sent is acknowledged or failed before {@link #run} returns, so
 * {@link #acknowledged()} is exact.
 */
final class StreamSession implements Delivery {

    private static final Logger LOG = Logger.getLogger(StreamSession.class);

    private final Settings settings;
    private final ServerInfo server;
    private final SchemaTracker schema;
    private final TopicAdmin admin;
    private final KafkaSink sink;
    /** An at-least-once producer is the delivery's own; the exactly-once one is the pipeline's. */
    private final boolean ownsSink;
    private final OffsetTracker tracker;
    private final SourceOffset start;
    private final Observers observers;
    private final BinlogStream stream;
    private final StreamDispatcher.Outputs outputs;
    private final IncrementalSnapshotter snapshotter;
    private volatile RuntimeException sendFailure;
    /** Touched only by the producer's I/O thread, which runs every acknowledgement callback. */
    private long lastSampledCommitMillis = Long.MIN_VALUE;
    private volatile boolean stopRequested;
    private volatile boolean connected;

    /** @param transactional the pipeline's exactly-once producer; null for a producer of its own */
    StreamSession(Settings settings, StartupState started, SourceOffset start, Observers observers,
            KafkaSink transactional) {
        this.settings = settings;
        this.server = started.server();
        this.schema = started.schema();
        this.admin = started.admin();
        this.start = start;
        this.observers = observers;
        this.ownsSink = transactional == null;
        this.sink = ownsSink ? new KafkaSink(started.clients(), observers.delivery()) : transactional;
        this.tracker = new OffsetTracker(start);
        BinlogInterpreter.Options options = new BinlogInterpreter.Options(server.flavor(), server.gtidMode(),
                schema.collationCharsets(), settings.queueMaxBytes());
        BinlogInterpreter.Resume resume = new BinlogInterpreter.Resume(start.file(), start.pos(), start.gtids(),
                start.event(), start.row(), start.xaPrepared());
        this.stream = new BinlogStream(settings.mysql(), server, started.pool(), options, resume,
                server.resumesByGtids(start.sourceServer()), settings.queueMaxEvents(), settings.queueMaxBytes());
        this.outputs = new StreamDispatcher.Outputs(new TopicNames(settings.topicPrefix(),
                settings.topicRouting()), this::ensureTopic,
                settings.includeSchemaChanges(), settings.tombstonesOnDelete(), settings.provideTransactionMetadata(),
                settings.skippedOperations(), settings.gtidSources(), this::send);
        this.snapshotter = snapshotter(started);
    }

    private IncrementalSnapshotter snapshotter(StartupState started) {
        IncrementalRecords records = new IncrementalRecords(outputs, settings.conversion(),
                server.flavor().connectorName(), observers.metrics(), sink::inOneTransaction);
        IncrementalSnapshotter.Options options = new IncrementalSnapshotter.Options(
                settings.signalTableName() == null ? null
                        : new TableId(settings.signalTableDatabase(), settings.signalTableName()),
                settings.readOnly(), server.flavor() == ServerFlavor.MYSQL && server.gtidMode(),
                settings.incrementalChunkSize(), settings.incrementalChunkTimeout(),
                settings.signalConditionsAllowed());
        return new IncrementalSnapshotter(schema, started.jdbc(), records, observers.signals(), options,
                start.incremental());
    }

    private void ensureTopic(String topic) {
        admin.ensureTopic(topic, settings.topicPartitions(), settings.topicReplicationFactor(), Map.of());
    }

    /** Streams until {@link #stop()} or a failure, which it throws. */
    void run() throws Exception {
        StreamDispatcher dispatcher = dispatcher();
        try {
            stream.start();
            connected = true;
            String from = start + (server.resumesByGtids(start.sourceServer()) && start.gtids() != null
                    ? ", asking for the transactions after its GTIDs" : ", at its file and position");
            if (stream.isEncrypted()) {
                LOG.infof("Streaming from %s over TLS", from);
            } else if (settings.mysql().sslMode() == SslMode.DISABLED) {
                LOG.infof("Streaming from %s, unencrypted (SLUICE_MYSQL_SSL_MODE=disabled)", from);
            } else {
                LOG.warnf("Streaming from %s over an UNENCRYPTED connection: the server offered no TLS and"
                        + " SLUICE_MYSQL_SSL_MODE=preferred accepts that; set required (or stricter) to refuse", from);
            }
            while (!stopRequested) {
                BinlogStream.Step step;
                try {
                    step = stream.next(200, dispatcher);
                } catch (SourceUnavailableException e) {
                    if (stopRequested) {
                        break;
                    }
                    throw e;
                }
                if (step == BinlogStream.Step.HEARTBEAT) {
                    dispatcher.idle();
                    if (stream.queuedEvents() == 0 && tracker.inFlight() == 0) {
                        observers.metrics().caughtUp(); // the server only sends heartbeats when we are at its end
                    }
                } else if (step == BinlogStream.Step.IDLE) {
                    dispatcher.idle();
                }
                if (sendFailure != null) {
                    throw sendFailure;
                }
                if (sink.isFenced()) {
                    throw sink.fencedFailure(); // even while idle: a newer instance of this name streams
                }
            }
        } finally {
            stream.close();
            snapshotter.close();
            try {
                sink.flush();
            } catch (RuntimeException e) {
                LOG.debugf("flushing the producer: %s", e.getMessage());
            }
        }
    }

    private StreamDispatcher dispatcher() {
        TableId heartbeatTable = settings.heartbeat().hasTable()
                ? new TableId(settings.heartbeat().tableDatabase(), settings.heartbeat().tableName()) : null;
        return new StreamDispatcher(schema, settings.conversion(), outputs, tracker, server, stream, observers,
                heartbeatTable, snapshotter);
    }

    private void send(String topic, byte[] key, byte[] value, SourceOffset offsetAfter, long commitMillis) {
        OffsetTracker.Pending pending = tracker.register(offsetAfter);
        sink.send(topic, key, value, (metadata, error) -> {
            if (error == null) {
                tracker.acknowledge(pending);
                boolean firstOfTransaction = commitMillis != lastSampledCommitMillis;
                lastSampledCommitMillis = commitMillis;
                observers.metrics().lag(System.currentTimeMillis() - commitMillis, firstOfTransaction);
            } else if (sendFailure == null) {
                sendFailure = KafkaFailures.ofRecord("a change event", topic, size(key, value), error);
            }
        });
    }

    static long size(byte[] key, byte[] value) {
        return (key == null ? 0 : key.length) + (value == null ? 0 : (long) value.length);
    }

    @Override
    public SourceOffset acknowledged() {
        return tracker.acknowledged();
    }

    @Override
    public KafkaSink sink() {
        return sink;
    }

    /** Whether this session reached the binlog at all (it may have lost the connection since). */
    boolean everConnected() {
        return connected;
    }

    boolean isConnected() {
        return stream.isConnected();
    }

    boolean isEncrypted() {
        return stream.isEncrypted();
    }

    long lastEventMillis() {
        return stream.lastEventMillis();
    }

    int queuedEvents() {
        return stream.queuedEvents();
    }

    long queuedBytes() {
        return stream.queuedBytes();
    }

    void stop() {
        stopRequested = true;
        stream.stop();
    }

    @Override
    public void close() {
        if (ownsSink) {
            sink.close();
        }
    }
}
