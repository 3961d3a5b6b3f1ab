package dev.sluice.pipeline;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The pipeline's periodic work, on quarkus-scheduler. */
@ApplicationScoped
public class PipelineSchedules {

    @Inject
    Pipeline pipeline;

    /** Layer-1 heartbeat records and layer-2 heartbeat-table writes. */
    @Scheduled(every = "${sluice.heartbeat.interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void heartbeat() {
        pipeline.heartbeat();
    }

    /** The binlog distance behind the server, for the metric. */
    @Scheduled(every = "${sluice.metrics.binlog-poll-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void binlogDistance() {
        pipeline.pollBinlogDistance();
    }
}
