package dev.sluice.pipeline;

import dev.sluice.heartbeat.HeartbeatWatch;
import dev.sluice.sink.DeliveryStats;

/**
 * What outlives the pipeline's sessions: metrics, Kafka delivery, the heartbeat table, and the
 * signals that arrived on the signal topic.
 */
record Observers(PipelineMetrics metrics, DeliveryStats delivery, HeartbeatWatch heartbeatWatch,
        java.util.Queue<dev.sluice.snapshot.Signal> signals) {
}
