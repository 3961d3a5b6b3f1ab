package dev.sluice.pipeline;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Commits the acknowledged position to the offsets topic every {@code sluice.offsets.flush-interval}. */
@ApplicationScoped
public class OffsetFlushSchedule {

    @Inject
    Pipeline pipeline;

    @Scheduled(every = "${sluice.offsets.flush-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void flush() {
        pipeline.flushOffsets();
    }
}
