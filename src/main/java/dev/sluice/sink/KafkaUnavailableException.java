package dev.sluice.sink;

/** Kafka could not be reached or refused an operation; the message says which and why. */
public class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
