package dev.sluice.pipeline;

import dev.sluice.heartbeat.HeartbeatEmitter;
import dev.sluice.schema.TableId;

/**
 * What the pipeline reports as it works; the ops package turns it into Prometheus metrics.
 * Called on the hot path: implementations must be cheap and never block.
 */
public interface PipelineMetrics extends HeartbeatEmitter.Outcomes {

    /** Counts the change events of one table. */
    interface TableEvents {
        void created();

        void updated();

        void deleted();

        void read();
    }

    TableEvents table(TableId table);

    /**
     * A record reached Kafka {@code millis} after its transaction committed in the source.
     *
     * @param sample also add it to the lag distribution: once per transaction, so a large
     *     transaction does not outweigh the rest and the per-record path stays cheap
     */
    void lag(long millis, boolean sample);

    /** The stream is at the end of the binlog with nothing waiting: no lag. */
    void caughtUp();

    void transaction();

    /** A statement-format data change of captured tables was skipped (SLUICE_BINLOG_SKIP_STATEMENT_CHANGES). */
    void statementSkipped();

    void reconnect();

    /** Something failed; {@code kind} is a short word (mysql, kafka, schema, heartbeat...). */
    void error(String kind);

    void heartbeatWrite(boolean succeeded);

    @Override
    default void kafkaError() {
        error("kafka");
    }

    @Override
    default void tableWrite(boolean succeeded) {
        heartbeatWrite(succeeded);
    }
}
