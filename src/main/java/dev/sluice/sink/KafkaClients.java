package dev.sluice.sink;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Client properties for Sluice's producer, admin client and offsets reader: the operator's
 * {@code kafka.*} properties, Sluice's throughput defaults underneath, and the delivery
 * guarantees on top (they cannot be weakened).
 */
public final class KafkaClients {

    private final Map<String, Object> operator;
    private final String clientIdPrefix;

    public KafkaClients(Map<String, Object> operatorProperties, String name) {
        this.operator = Map.copyOf(operatorProperties);
        this.clientIdPrefix = "sluice-" + name;
    }

    public String bootstrapServers() {
        return String.valueOf(operator.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    }

    public Map<String, Object> producer() {
        Map<String, Object> props = new HashMap<>();
        // 2 ms rather than Kafka's 5: about 2 ms less from commit to Kafka at moderate rates (the
        // benchmark's p50 at 1,000 rows/s: 7.5 and 7.7 ms with 5, 5.3 and 5.2 with 2); a catch-up fills
        // its 256 KB batches in about that time anyway (its CPU per event did not change beyond noise).
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        // Change events are repetitive JSON: LZ4 shrinks them several times over for little CPU, and
        // the broker's share of the machine fell from 0.65 to 0.37 of a core in the benchmark.
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // Kafka's 32 MB default fills when the broker falls behind, and the heap keeps it: with 8 MB
        // the benchmark's highest peak RSS fell from 253 to 188 MB, throughput within its noise.
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 8L * 1024 * 1024);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        props.putAll(known(ProducerConfig.configNames()));
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG); // SLUICE_EXACTLY_ONCE sets it, for the data producer only
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientIdPrefix + "-producer");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }

    /** The data producer's transactional id with exactly-once delivery: one per connector name. */
    public String transactionalId() {
        return clientIdPrefix;
    }

    public Map<String, Object> admin() {
        Map<String, Object> props = new HashMap<>();
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        props.putAll(known(AdminClientConfig.configNames()));
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientIdPrefix + "-admin");
        return props;
    }

    public Map<String, Object> consumer() {
        Map<String, Object> props = new HashMap<>(known(ConsumerConfig.configNames()));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientIdPrefix + "-offsets-reader");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Sluice creates its topics with their settings (a compacted offsets topic); a read must not.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }

    /** Only properties the client knows, so a producer-only setting does not warn in the admin client. */
    private Map<String, Object> known(Set<String> names) {
        Map<String, Object> props = new HashMap<>();
        operator.forEach((key, value) -> {
            if (names.contains(key) || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                props.put(key, value);
            }
        });
        return props;
    }
}
