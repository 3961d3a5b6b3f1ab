package dev.sluice.ops;

import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.PipelineState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** Liveness: the pipeline can still recover by itself. Readiness: it is connected and streaming. */
public final class PipelineHealth {

    private PipelineHealth() {
    }

    static HealthCheckResponseBuilder describe(Pipeline pipeline, String name) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(name)
                .withData("state", pipeline.state().name())
                .withData("binlogConnected", pipeline.isConnected());
        if (pipeline.lastError() != null) {
            builder.withData("lastError", pipeline.lastError());
        }
        return builder;
    }

    @Liveness
    @ApplicationScoped
    public static class Live implements HealthCheck {
        @Inject
        Pipeline pipeline;

        @Override
        public HealthCheckResponse call() {
            PipelineState state = pipeline.state();
            boolean dead = state == PipelineState.FAILED
                    || ((state == PipelineState.STREAMING || state == PipelineState.RECONNECTING
                            || state == PipelineState.SNAPSHOT) && !pipeline.isThreadAlive());
            return describe(pipeline, "sluice-pipeline").status(!dead).build();
        }
    }

    @Readiness
    @ApplicationScoped
    public static class Ready implements HealthCheck {
        @Inject
        Pipeline pipeline;

        @Override
        public HealthCheckResponse call() {
            PipelineState state = pipeline.state();
            boolean ready = (state == PipelineState.STREAMING && pipeline.isConnected())
                    || state == PipelineState.SNAPSHOT;
            HealthCheckResponseBuilder builder = describe(pipeline, "sluice-stream");
            if (state == PipelineState.SNAPSHOT) {
                builder.withData("snapshotRowsDone", pipeline.snapshotStats().rowsDone());
            }
            return builder.status(ready).build();
        }
    }
}
