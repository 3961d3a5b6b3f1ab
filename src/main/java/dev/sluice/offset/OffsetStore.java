package dev.sluice.offset;

import dev.sluice.sink.KafkaClients;
import dev.sluice.sink.KafkaSink;
import dev.sluice.sink.KafkaUnavailableException;
import dev.sluice.sink.TopicAdmin;
import dev.sluice.sink.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The compacted offsets topic: one record per connector name, the latest one wins. */
public final class OffsetStore {

    private final String topic;
    private final byte[] key;
    private final String name;

    public OffsetStore(String topic, String connectorName) {
        this.topic = topic;
        this.name = connectorName;
        this.key = connectorName.getBytes(StandardCharsets.UTF_8);
    }

    public String topic() {
        return topic;
    }

    public void ensureTopic(TopicAdmin admin, OptionalInt replicationFactor) {
        admin.ensureTopic(topic, 1, replicationFactor, Map.of("cleanup.policy", "compact"));
    }

    /**
     * Reads the topic to its end and returns this connector's latest offset.
     *
     * @throws IllegalStateException when the stored value cannot be used, naming the way out
     */
    public Optional<SourceOffset> load(KafkaClients clients, Duration timeout) {
        byte[] latest = null;
        boolean found = false;
        for (ConsumerRecord<byte[], byte[]> record : TopicReader.readAll(clients, topic, timeout)) {
            if (record.key() != null && Arrays.equals(record.key(), key)) {
                latest = record.value();
                found = true;
            }
        }
        if (!found || latest == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(SourceOffset.fromJson(latest));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the offset of '" + name + "' in topic " + topic + " is unusable ("
                    + e.getMessage() + "); fix it, or write a tombstone for key '" + name
                    + "' to start over from the current position", e);
        }
    }

    /** Writes the offset and waits for Kafka's acknowledgement. */
    public void save(KafkaSink sink, SourceOffset offset, Duration timeout) {
        java.util.concurrent.CompletableFuture<Void> acked = new java.util.concurrent.CompletableFuture<>();
        sink.send(topic, key, offset.toJson(), (metadata, error) -> {
            if (error == null) {
                acked.complete(null);
            } else {
                acked.completeExceptionally(error);
            }
        });
        try {
            acked.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new KafkaUnavailableException("could not write the offset to " + topic + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("writing the offset to " + topic + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while writing the offset", e);
        }
    }
}
