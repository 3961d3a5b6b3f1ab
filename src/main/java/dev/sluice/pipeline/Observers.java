package dev.sluice.pipeline;

import dev.sluice.heartbeat.HeartbeatWatch;
import dev.sluice.sink.DeliveryStats;

/** What watches the pipeline across its sessions: metrics, Kafka delivery, the heartbeat table. */
record Observers(PipelineMetrics metrics, DeliveryStats delivery, HeartbeatWatch heartbeatWatch) {
}
