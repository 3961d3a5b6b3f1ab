package dev.sluice.ops;

import dev.sluice.config.Settings;
import dev.sluice.config.SslMode;
import dev.sluice.heartbeat.HeartbeatWatch;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.PipelineState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import java.util.ArrayList;
import java.util.List;

/**
 * Liveness: the pipeline can still recover by itself (its thread runs, no fatal state).
 * Readiness: data actually flows: the binlog connection is open and delivering (a socket that
 * delivers nothing is not ready), Kafka acknowledges what waits, and, in read-only mode, the
 * primary's heartbeat rows keep arriving. A snapshot in progress is ready, with its progress.
 */
public final class PipelineHealth {

    private PipelineHealth() {
    }

    static HealthCheckResponseBuilder describe(Pipeline pipeline, String name) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(name)
                .withData("state", pipeline.state().name())
                .withData("binlogConnected", pipeline.stream().isConnected());
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
            HealthCheckResponseBuilder builder = describe(pipeline, "sluice-stream");
            List<String> problems = problems(builder);
            if (!problems.isEmpty()) {
                builder.withData("problem", String.join("; ", problems));
            }
            return builder.status(problems.isEmpty()).build();
        }

        private List<String> problems(HealthCheckResponseBuilder builder) {
            List<String> problems = new ArrayList<>();
            PipelineState state = pipeline.state();
            Settings settings = pipeline.settings();
            long now = System.currentTimeMillis();
            long maxSilence = settings == null ? 60_000 : settings.healthMaxSilence().toMillis();
            long stalled = pipeline.deliveryStats().stalledMillis();
            builder.withData("kafkaInFlight", pipeline.deliveryStats().inFlight())
                    .withData("kafkaStalledMs", stalled);
            if (stalled > maxSilence) {
                problems.add("Kafka has acknowledged nothing for " + stalled / 1000 + "s while records wait");
            }
            long commitFailing = (pipeline.offsets() == null ? 0 : pipeline.offsets().failingMillis());
            if (commitFailing > maxSilence) {
                problems.add("no offset commit has succeeded for " + commitFailing / 1000 + "s ("
                        + pipeline.offsets().failure() + "): a restart now would repeat everything since the last one");
            }
            if (state == PipelineState.SNAPSHOT) {
                long snapshotStalled = pipeline.snapshotStats().stalledMillis();
                builder.withData("snapshotRowsDone", pipeline.snapshotStats().rowsDone())
                        .withData("snapshotStalledMs", snapshotStalled);
                if (snapshotStalled > maxSilence) {
                    problems.add("the snapshot has read no row for " + snapshotStalled / 1000 + "s: is the source"
                            + " frozen or unreachable? (a read fails after SLUICE_MYSQL_READ_TIMEOUT and is retried)");
                }
                return problems;
            }
            if (state == PipelineState.STANDBY) {
                problems.add("standby: another Sluice of this name streams; this one takes over when it stops");
                return problems;
            }
            if (state != PipelineState.STREAMING) {
                problems.add("not streaming (" + state + ")");
                return problems;
            }
            if (!pipeline.stream().isConnected()) {
                problems.add("the binlog connection is closed");
            } else if (pipeline.stream().tls() == 0 && settings != null
                    && settings.mysql().sslMode().compareTo(SslMode.REQUIRED) >= 0) {
                problems.add("the binlog connection is unencrypted although SLUICE_MYSQL_SSL_MODE="
                        + settings.mysql().sslMode().name().toLowerCase(java.util.Locale.ROOT));
            }
            long lastEvent = pipeline.stream().lastEventMillis();
            if (lastEvent > 0) {
                builder.withData("lastBinlogEventAgeMs", now - lastEvent);
                if (now - lastEvent > maxSilence) {
                    problems.add("no binlog event or server heartbeat for " + (now - lastEvent) / 1000 + "s");
                }
            }
            if (settings != null && settings.readOnly() && settings.heartbeat().hasTable()) {
                checkHeartbeatRows(builder, problems, settings, now);
            }
            return problems;
        }

        /** Read-only mode: the primary's event must keep updating the heartbeat table. */
        private void checkHeartbeatRows(HealthCheckResponseBuilder builder, List<String> problems, Settings settings,
                long now) {
            HeartbeatWatch watch = pipeline.heartbeatWatch();
            long maxAge = settings.heartbeat().maxAge().toMillis();
            String table = settings.heartbeat().tableDatabase() + "." + settings.heartbeat().tableName();
            if (watch.seenAny()) {
                builder.withData("heartbeatAgeMs", watch.ageMillis(now)).withData("heartbeatLagMs", watch.lagMillis());
            }
            boolean missing = watch.seenAny() ? watch.ageMillis(now) > maxAge
                    : now - pipeline.streamingSinceMillis() > maxAge;
            if (missing) {
                problems.add("no heartbeat row from " + table + " for over " + maxAge / 1000 + "s: check that"
                        + " event_scheduler=ON on the primary and that its heartbeat event is enabled (SHOW EVENTS)");
            }
        }
    }
}
