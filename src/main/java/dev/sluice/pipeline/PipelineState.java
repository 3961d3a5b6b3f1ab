package dev.sluice.pipeline;

/** Where the pipeline is in its life, as health and logs report it. */
public enum PipelineState {
    /** Not started (or configuration not yet validated). */
    NEW,
    /** Waiting as a standby while another instance of the same name streams. */
    STANDBY,
    /** Connecting to MySQL and Kafka, reading offsets and schemas. */
    STARTING,
    /** Delivering the rows of an initial snapshot. */
    SNAPSHOT,
    /** Reading the binlog and delivering events. */
    STREAMING,
    /** The stream was interrupted; waiting to reconnect. */
    RECONNECTING,
    /** Stopped because of a problem Sluice cannot recover from by itself. */
    FAILED,
    /** Stopped on request. */
    STOPPED
}
