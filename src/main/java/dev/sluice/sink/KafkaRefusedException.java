package dev.sluice.sink;

/**
 * Kafka refused a record or an operation for a reason that retrying cannot change (a record too
 * large, a missing permission, an invalid topic name): the pipeline stops, and the message names
 * the setting or grant that fixes it.
 */
public final class KafkaRefusedException extends IllegalStateException {

    public KafkaRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
