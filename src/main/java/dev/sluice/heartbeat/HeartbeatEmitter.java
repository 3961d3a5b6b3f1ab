package dev.sluice.heartbeat;

import dev.sluice.config.Settings.HeartbeatSettings;
import dev.sluice.sink.KafkaSink;
import dev.sluice.sink.TopicAdmin;
import dev.sluice.source.SourcePool;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What a heartbeat does besides committing the offset. Layer 1: a record on the heartbeat topic,
 * through the current producer, so a Kafka that stops acknowledging shows in health even on an
 * idle database. Layer 2 (read-write): a touch of the source heartbeat table.
 */
public final class HeartbeatEmitter {

    /** Where the outcomes are counted. */
    public interface Outcomes {
        void kafkaError();

        void tableWrite(boolean succeeded);
    }

    private static final Logger LOG = Logger.getLogger(HeartbeatEmitter.class);

    private final HeartbeatSettings settings;
    private final HeartbeatMessage message;
    private final HeartbeatTableWriter tableWriter;
    private final TopicAdmin admin;
    private final OptionalInt replicationFactor;
    private final Outcomes outcomes;
    private volatile boolean topicReady;

    /** @param writeTable whether layer 2 writes the heartbeat table (never in read-only mode) */
    public HeartbeatEmitter(HeartbeatSettings settings, String topicPrefix, boolean schemas, boolean writeTable,
            SourcePool pool, String connectorName, TopicAdmin admin, OptionalInt replicationFactor, Outcomes outcomes) {
        this.settings = settings;
        this.message = new HeartbeatMessage(topicPrefix, schemas);
        this.tableWriter = writeTable && settings.hasTable()
                ? new HeartbeatTableWriter(pool, settings.tableDatabase(), settings.tableName(), connectorName)
                : null;
        this.admin = admin;
        this.replicationFactor = replicationFactor;
        this.outcomes = outcomes;
    }

    /** Layer 1, when enabled: the record waits in the producer, where readiness sees it stall. */
    public void sendRecord(KafkaSink sink) {
        if (!settings.enabled()) {
            return;
        }
        try {
            if (!topicReady) {
                // Once only: an admin call to a Kafka that is away blocks for a minute and sends nothing.
                admin.ensureTopic(settings.topic(), 1, replicationFactor, Map.of());
                topicReady = true;
            }
            sink.send(settings.topic(), message.key(), message.value(System.currentTimeMillis()),
                    (metadata, error) -> {
                        if (error != null) {
                            outcomes.kafkaError();
                        }
                    });
        } catch (RuntimeException e) {
            outcomes.kafkaError();
            LOG.debugf("heartbeat record: %s", e.getMessage());
        }
    }

    /** Layer 2, when configured: moves the binlog even when no captured table changes. */
    public void touchTable() {
        if (tableWriter == null) {
            return;
        }
        try {
            tableWriter.beat();
            outcomes.tableWrite(true);
        } catch (SQLException e) {
            outcomes.tableWrite(false);
            LOG.warnf("Could not update the heartbeat table %s.%s: %s", settings.tableDatabase(),
                    settings.tableName(), e.getMessage());
        }
    }
}
