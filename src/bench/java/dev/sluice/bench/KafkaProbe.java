package dev.sluice.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Reads what the benchmark needs from Kafka: how many records a topic holds, and the records. */
final class KafkaProbe implements AutoCloseable {

    private final String bootstrap;
    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, List<TopicPartition>> partitions = new java.util.HashMap<>();

    KafkaProbe(String bootstrap) {
        this.bootstrap = bootstrap;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                // what consumers of SLUICE_EXACTLY_ONCE use; without Kafka transactions it reads the same
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    String bootstrap() {
        return bootstrap;
    }

    /** How many partitions the broker holds, internal topics included. */
    int brokerPartitions() throws Exception {
        var names = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                .names().get();
        return admin.describeTopics(names).allTopicNames().get().values().stream()
                .mapToInt(t -> t.partitions().size()).sum();
    }

    /**
     * The records a topic holds (sum of end offsets; 0 when it does not exist yet). The partitions
     * are looked up once: the benchmark polls this every 20 ms while Sluice runs, and should take
     * as little of the machine as it can.
     */
    long count(String topic) {
        List<TopicPartition> tps = partitions.get(topic);
        if (tps == null) {
            List<PartitionInfo> found = consumer.listTopics(Duration.ofSeconds(10)).get(topic);
            if (found == null) {
                return 0;
            }
            tps = found.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            partitions.put(topic, tps);
        }
        return consumer.endOffsets(tps, Duration.ofSeconds(10)).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Polls every 20 ms until the topic holds {@code expected} records; returns when they were seen. */
    long awaitCount(String topic, long expected, SluiceUnderTest sluice, long timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (count(topic) >= expected) {
                return System.nanoTime();
            }
            if (sluice != null) {
                sluice.checkAlive();
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(topic + " holds " + count(topic) + " of " + expected + " records after "
                + timeoutSeconds + " s");
    }

    /** Every record of a (single-partition) topic. */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        TopicPartition tp = new TopicPartition(topic, 0);
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
        long end = consumer.endOffsets(List.of(tp)).get(tp);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        while (consumer.position(tp) < end) {
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        consumer.unsubscribe();
        return records;
    }

    /** A topic's first record values (at most {@code sample}), and their mean key + value size. */
    RecordSample sample(String topic, int sample) {
        TopicPartition tp = new TopicPartition(topic, 0);
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
        List<byte[]> values = new ArrayList<>();
        long bytes = 0;
        while (values.size() < sample) {
            var batch = consumer.poll(Duration.ofMillis(500));
            if (batch.isEmpty()) {
                break;
            }
            for (ConsumerRecord<byte[], byte[]> r : batch) {
                if (values.size() < sample && r.value() != null) {
                    bytes += r.value().length + (r.key() == null ? 0 : r.key().length);
                    values.add(r.value());
                }
            }
        }
        consumer.unsubscribe();
        return new RecordSample(values, values.isEmpty() ? 0 : (int) (bytes / values.size()));
    }

    record RecordSample(List<byte[]> values, int meanRecordBytes) {
    }

    void createTopic(String topic) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    void createLogAppendTimeTopic(String topic) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                .configs(Map.of("message.timestamp.type", "LogAppendTime")))).all().get(30, TimeUnit.SECONDS);
    }

    /** Deletes every topic of a benchmark connector (its data, offsets, history and heartbeats). */
    void deleteTopicsOf(String connector) throws Exception {
        Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(t -> t.equals(connector) || t.startsWith(connector + ".") || t.endsWith("." + connector))
                .collect(Collectors.toSet());
        partitions.keySet().removeAll(names);
        if (!names.isEmpty()) {
            admin.deleteTopics(names).all().get(60, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        consumer.close();
        admin.close();
    }
}
