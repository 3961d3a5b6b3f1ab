package dev.sluice.sink;

import dev.sluice.schema.SchemaHistoryStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The schema history in a Kafka topic with one partition (order matters) kept forever. Each
 * append waits for the broker's acknowledgement.
 */
public final class KafkaSchemaHistoryStore implements SchemaHistoryStore, AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final KafkaClients clients;
    private final String topic;
    private final byte[] key;
    private final KafkaProducer<byte[], byte[]> producer;

    public KafkaSchemaHistoryStore(KafkaClients clients, String topic, String server) {
        this.clients = clients;
        this.topic = topic;
        this.key = server.getBytes(StandardCharsets.UTF_8);
        this.producer = new KafkaProducer<>(clients.producer());
    }

    public void ensureTopic(TopicAdmin admin, OptionalInt replicationFactor) {
        admin.ensureTopic(topic, 1, replicationFactor,
                Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1"));
        int partitions = admin.partitions(topic);
        if (partitions != 1) {
            throw new IllegalStateException("the schema history topic " + topic + " has " + partitions
                    + " partitions; it needs exactly one so its records stay in order");
        }
        admin.configs(topic).ifPresent(this::checkKeptForever);
    }

    /** Every record is needed to rebuild the definitions: none may expire or be compacted away. */
    private void checkKeptForever(Map<String, String> configs) {
        String policy = configs.getOrDefault("cleanup.policy", "");
        String retentionMs = configs.getOrDefault("retention.ms", "");
        String retentionBytes = configs.getOrDefault("retention.bytes", "");
        if (!policy.equals("delete") || !retentionMs.equals("-1") || !retentionBytes.equals("-1")) {
            throw new IllegalStateException("the schema history topic " + topic + " has cleanup.policy=" + policy
                    + ", retention.ms=" + retentionMs + ", retention.bytes=" + retentionBytes + ": its records would"
                    + " be lost, and with them the table definitions a restart needs. Set cleanup.policy=delete,"
                    + " retention.ms=-1 and retention.bytes=-1 on it (kafka-configs.sh --alter --entity-type topics"
                    + " --entity-name " + topic + " --add-config ...)");
        }
    }

    @Override
    public List<byte[]> readAll() {
        return TopicReader.readAll(clients, topic, TIMEOUT).stream().map(ConsumerRecord::value)
                .filter(value -> value != null).toList();
    }

    @Override
    public void append(byte[] record) {
        try {
            producer.send(new ProducerRecord<>(topic, 0, key, record)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            KafkaRefusedException refused = KafkaFailures.refusal("writing the schema history", topic, e.getCause());
            if (refused != null) {
                throw refused;
            }
            throw new KafkaUnavailableException("could not write to the schema history " + topic + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("writing to the schema history " + topic + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while writing the schema history", e);
        }
    }

    @Override
    public String describe() {
        return "topic " + topic;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
