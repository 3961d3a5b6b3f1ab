package dev.sluice.sink;

import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * Sorts Kafka's errors into the ones that pass (a broker away, a leader moving: reconnect and
 * retry) and the ones that do not (refusals: stop, and say what to change).
 */
public final class KafkaFailures {

    private KafkaFailures() {
    }

    /**
     * The exception for a record Kafka did not accept.
     *
     * @param what what the record was, for the message ("a change event", "a snapshot record")
     * @param bytes the record's key and value size, uncompressed
     */
    public static RuntimeException ofRecord(String what, String topic, long bytes, Throwable error) {
        if (error instanceof RecordTooLargeException) {
            return new KafkaRefusedException(what + " of " + bytes + " bytes for topic " + topic + " is larger than"
                    + " Kafka accepts (" + error.getMessage() + "). Raise the producer's max.request.size"
                    + " (KAFKA_MAX_REQUEST_SIZE) and the topic's max.message.bytes (the broker's message.max.bytes"
                    + " for topics Sluice did not create) above that size; Sluice creates new topics with"
                    + " max.message.bytes equal to KAFKA_MAX_REQUEST_SIZE", error);
        }
        RuntimeException refused = refusal("writing to topic " + topic, topic, error);
        if (refused != null) {
            return refused;
        }
        return new KafkaUnavailableException("Kafka did not accept " + what + " for topic " + topic + ": "
                + describe(error), error);
    }

    /** An error's message, or its kind where Kafka gave none (some broker errors arrive with an empty one). */
    public static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    /** A refusal that retrying cannot change, or null for an error that may pass. */
    public static KafkaRefusedException refusal(String doing, String topic, Throwable error) {
        if (error instanceof AuthorizationException) {
            return new KafkaRefusedException("Kafka denied " + doing + ": " + error.getMessage() + ". Grant Sluice's"
                    + " principal DESCRIBE and WRITE on topic " + topic + " (and CREATE, or create the topic"
                    + " beforehand)", error);
        }
        if (error instanceof InvalidTopicException) {
            return new KafkaRefusedException("Kafka refused the topic name " + topic + ": " + error.getMessage()
                    + ". Choose a SLUICE_TOPIC_PREFIX (or topic setting) of letters, digits, '.', '_' and '-'", error);
        }
        return null;
    }
}
