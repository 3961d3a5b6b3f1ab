package dev.sluice.offset;

import dev.sluice.sink.KafkaClients;
import dev.sluice.sink.KafkaSink;
import dev.sluice.sink.KafkaFailures;
import dev.sluice.sink.KafkaRefusedException;
import dev.sluice.sink.KafkaUnavailableException;
import dev.sluice.sink.TopicAdmin;
import dev.sluice.sink.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The compacted offsets topic: one record per connector name, the latest one wins. */
public final class OffsetStore {

    /** The stored offset, and the tables whose rows Sluice has delivered (null when never recorded). */
    public record Stored(Optional<SourceOffset> offset, List<String> capturedTables) {
    }

    private static final Logger LOG = Logger.getLogger(OffsetStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final byte[] key;
    private final byte[] tablesKey;
    private final String name;

    public OffsetStore(String topic, String connectorName) {
        this.topic = topic;
        this.name = connectorName;
        this.key = connectorName.getBytes(StandardCharsets.UTF_8);
        this.tablesKey = (connectorName + "#tables").getBytes(StandardCharsets.UTF_8);
    }

    public String topic() {
        return topic;
    }

    /**
     * Creates the topic compacted, or checks that an existing one is: under {@code delete} the
     * offset expires with the topic's retention, and the next start would look like a first one.
     */
    public void ensureTopic(TopicAdmin admin, OptionalInt replicationFactor) {
        admin.ensureTopic(topic, 1, replicationFactor, Map.of("cleanup.policy", "compact"));
        admin.configs(topic).ifPresent(configs -> {
            String policy = configs.getOrDefault("cleanup.policy", "");
            if (!policy.equals("compact")) {
                throw new IllegalStateException("the offsets topic " + topic + " has cleanup.policy=" + policy
                        + ": its records expire, and then Sluice would start over as if for the first time. Set it"
                        + " to compact (kafka-configs.sh --alter --entity-type topics --entity-name " + topic
                        + " --add-config cleanup.policy=compact) or choose another SLUICE_OFFSETS_TOPIC");
            }
        });
    }

    /**
     * Reads the topic to its end and returns this connector's latest offset.
     *
     * @throws IllegalStateException when the stored value cannot be used, naming the way out
     */
    public Stored load(KafkaClients clients, Duration timeout) {
        byte[] latest = null;
        byte[] tables = null;
        for (ConsumerRecord<byte[], byte[]> record : TopicReader.readAll(clients, topic, timeout)) {
            if (record.key() != null && Arrays.equals(record.key(), key)) {
                latest = record.value();
            } else if (record.key() != null && Arrays.equals(record.key(), tablesKey)) {
                tables = record.value();
            }
        }
        return new Stored(latest == null ? Optional.empty() : Optional.of(parse(latest)), parseTables(tables));
    }

    private SourceOffset parse(byte[] value) {
        try {
            return SourceOffset.fromJson(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the offset of '" + name + "' in topic " + topic + " is unusable ("
                    + e.getMessage() + "); fix it, or write a tombstone for key '" + name
                    + "' to start over from the current position", e);
        }
    }

    private List<String> parseTables(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode list = JSON.readTree(value);
            if (list != null && list.isArray()) {
                List<String> tables = new ArrayList<>();
                list.forEach(node -> tables.add(node.asText()));
                return tables;
            }
        } catch (IOException e) {
            // reported below
        }
        LOG.warnf("The list of captured tables (key '%s#tables') in %s is unreadable; tables added to SLUICE_TABLES"
                + " since the last run are not snapshotted on their own: send an execute-snapshot signal for them",
                name, topic);
        return null;
    }

    /** Records the tables whose rows Sluice delivers, so tables added later are snapshotted on their own. */
    public void saveCapturedTables(KafkaSink sink, List<String> tables, Duration timeout) {
        try {
            write(sink, tablesKey, JSON.writeValueAsBytes(tables), timeout);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the offset and waits for Kafka's acknowledgement. */
    public void save(KafkaSink sink, SourceOffset offset, Duration timeout) {
        write(sink, key, offset.toJson(), timeout);
    }

    private void write(KafkaSink sink, byte[] recordKey, byte[] value, Duration timeout) {
        java.util.concurrent.CompletableFuture<Void> acked = new java.util.concurrent.CompletableFuture<>();
        sink.send(topic, recordKey, value, (metadata, error) -> {
            if (error == null) {
                acked.complete(null);
            } else {
                acked.completeExceptionally(error);
            }
        });
        try {
            acked.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            KafkaRefusedException refused = KafkaFailures.refusal("writing the offset", topic, e.getCause());
            if (refused != null) {
                throw refused;
            }
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
