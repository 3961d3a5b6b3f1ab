package dev.sluice.ops;

import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.PipelineMetrics;
import dev.sluice.pipeline.StreamStatus;
import dev.sluice.schema.TableId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sluice's Prometheus metrics ({@code /q/metrics}); every one carries the {@code connector} tag.
 *
 * <ul>
 * <li>{@code sluice_lag_ms}: commit in the source to acknowledgement by Kafka, of the latest
 * record; 0 once the stream is at the binlog's end with nothing waiting (so it never freezes on
 * an idle database). {@code sluice_lag_histogram_ms}: its distribution over transactions (the
 * first record of each), with p50/p95/p99.</li>
 * <li>{@code sluice_binlog_bytes_behind}: binlog bytes between the acknowledged position and the
 * server's end.</li>
 * <li>{@code sluice_events_total{table,op}}, {@code sluice_transactions_total},
 * {@code sluice_bytes_sent_total}, {@code sluice_records_acknowledged_total},
 * {@code sluice_reconnects_total}, {@code sluice_errors_total{kind}},
 * {@code sluice_heartbeat_writes_total{result}}.</li>
 * <li>Gauges: queue size in events and bytes, records in flight, Kafka stall, snapshot rows and
 * state, heartbeat age and lag (read-only watch), seconds since the last offset commit and the
 * last binlog event.</li>
 * </ul>
 */
@ApplicationScoped
public class SluiceMetrics implements PipelineMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    Pipeline pipeline;

    private final AtomicLong lagMillis = new AtomicLong();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> eventCounts = new ConcurrentHashMap<>();
    private DistributionSummary lagHistogram;
    private Counter transactions;
    private Counter skippedStatements;
    private Counter reconnects;
    private Counter heartbeatOk;
    private Counter heartbeatFailed;

    void register(@Observes StartupEvent event) {
        Gauge.builder("sluice.lag.ms", lagMillis, AtomicLong::get)
                .description("Commit in the source to acknowledgement by Kafka of the latest record (0 when caught up)")
                .register(registry);
        lagHistogram = DistributionSummary.builder("sluice.lag.histogram.ms")
                .description("Commit in the source to acknowledgement by Kafka, per transaction (its first record)")
                .publishPercentiles(0.5, 0.95, 0.99).publishPercentileHistogram()
                .register(registry);
        transactions = Counter.builder("sluice.transactions").register(registry);
        skippedStatements = Counter.builder("sluice.statements.skipped")
                .description("Data changes of captured tables the binlog held as statements, skipped by setting")
                .register(registry);
        reconnects = Counter.builder("sluice.reconnects").register(registry);
        heartbeatOk = Counter.builder("sluice.heartbeat.writes").tag("result", "ok").register(registry);
        heartbeatFailed = Counter.builder("sluice.heartbeat.writes").tag("result", "failed").register(registry);
        for (String kind : new String[] {"mysql", "kafka", "schema", "fatal"}) {
            error(kind, 0);
        }
        Gauge.builder("sluice.binlog.bytes.behind", pipeline, Pipeline::binlogBytesBehind)
                .description("Binlog bytes between the acknowledged position and the server's end").register(registry);
        Gauge.builder("sluice.queue.events", pipeline.stream(), StreamStatus::queuedEvents).register(registry);
        Gauge.builder("sluice.binlog.tls", pipeline.stream(), StreamStatus::tls).register(registry);
        Gauge.builder("sluice.queue.bytes", pipeline.stream(), StreamStatus::queuedBytes).register(registry);
        Gauge.builder("sluice.kafka.in.flight", pipeline, p -> p.deliveryStats().inFlight()).register(registry);
        Gauge.builder("sluice.kafka.stalled.ms", pipeline, p -> p.deliveryStats().stalledMillis()).register(registry);
        FunctionCounter.builder("sluice.bytes.sent", pipeline, p -> p.deliveryStats().bytesSent()).register(registry);
        FunctionCounter.builder("sluice.records.acknowledged", pipeline,
                p -> p.deliveryStats().recordsAcknowledged()).register(registry);
        Gauge.builder("sluice.snapshot.running", pipeline, p -> p.snapshotStats().running() ? 1 : 0).register(registry);
        Gauge.builder("sluice.snapshot.rows.done", pipeline, p -> p.snapshotStats().rowsDone()).register(registry);
        Gauge.builder("sluice.snapshot.tables", pipeline, p -> p.snapshotStats().tables()).register(registry);
        Gauge.builder("sluice.heartbeat.age.ms", pipeline, SluiceMetrics::heartbeatAge).register(registry);
        Gauge.builder("sluice.heartbeat.lag.ms", pipeline,
                p -> p.heartbeatWatch().seenAny() ? p.heartbeatWatch().lagMillis() : Double.NaN).register(registry);
        Gauge.builder("sluice.offset.commit.age.seconds", pipeline, p -> ageSeconds(p.offsets() == null ? 0 : p.offsets().lastCommitMillis()))
                .register(registry);
        Gauge.builder("sluice.binlog.event.age.seconds", pipeline, p -> ageSeconds(p.stream().lastEventMillis()))
                .register(registry);
    }

    private static double heartbeatAge(Pipeline pipeline) {
        long age = pipeline.heartbeatWatch().ageMillis(System.currentTimeMillis());
        return age == Long.MAX_VALUE ? Double.NaN : age;
    }

    private static double ageSeconds(long millis) {
        return millis <= 0 ? Double.NaN : (System.currentTimeMillis() - millis) / 1000.0;
    }

    @Override
    public TableEvents table(TableId table) {
        String name = table.toString();
        LongAdder created = event(name, "c");
        LongAdder updated = event(name, "u");
        LongAdder deleted = event(name, "d");
        LongAdder read = event(name, "r");
        return new TableEvents() {
            public void created() {
                created.increment();
            }

            public void updated() {
                updated.increment();
            }

            public void deleted() {
                deleted.increment();
            }

            public void read() {
                read.increment();
            }
        };
    }

    /**
     * The count of one table's events of one kind, read when scraped: a counter's increment went
     * through the composite registry's list of registries once per event (1 to 2% of the
     * pipeline thread in profiles). Kept here, so that the sessions of one table count on.
     */
    private LongAdder event(String table, String op) {
        return eventCounts.computeIfAbsent(table + "\u0000" + op, key -> {
            LongAdder count = new LongAdder();
            FunctionCounter.builder("sluice.events", count, LongAdder::sum).tag("table", table).tag("op", op)
                    .register(registry);
            return count;
        });
    }

    @Override
    public void lag(long millis, boolean sample) {
        long value = Math.max(0, millis);
        lagMillis.set(value);
        if (sample) {
            lagHistogram.record(value);
        }
    }

    @Override
    public void caughtUp() {
        lagMillis.set(0);
    }

    @Override
    public void transaction() {
        transactions.increment();
    }

    @Override
    public void statementSkipped() {
        skippedStatements.increment();
    }

    @Override
    public void reconnect() {
        reconnects.increment();
    }

    @Override
    public void error(String kind) {
        error(kind, 1);
    }

    private void error(String kind, int count) {
        errors.computeIfAbsent(kind, k -> Counter.builder("sluice.errors").tag("kind", k).register(registry))
                .increment(count);
    }

    @Override
    public void heartbeatWrite(boolean succeeded) {
        (succeeded ? heartbeatOk : heartbeatFailed).increment();
    }
}
