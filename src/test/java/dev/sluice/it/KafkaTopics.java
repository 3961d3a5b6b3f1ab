package dev.sluice.it;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Reads whole topics of the local Kafka broker, for assertions. */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    public static String bootstrap() {
        return DbServer.env("SLUICE_TEST_KAFKA_BOOTSTRAP", "127.0.0.1:19092");
    }

    /** Every record currently in the topic (all partitions), or an empty list when it does not exist. */
    public static List<ConsumerRecord<String, String>> read(String topic) {
        return read(bootstrap(), topic);
    }

    /** The same, from another broker. */
    public static List<ConsumerRecord<String, String>> read(String bootstrap, String topic) {
        return read(bootstrap, topic, "read_uncommitted");
    }

    /** The records of committed Kafka transactions (and those written outside any), up to the last stable offset. */
    public static List<ConsumerRecord<String, String>> readCommitted(String topic) {
        return read(bootstrap(), topic, "read_committed");
    }

    private static List<ConsumerRecord<String, String>> read(String bootstrap, String topic, String isolation) {
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap, isolation)) {
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            if (assignWholeTopic(consumer, topic)) {
                readToEnd(consumer, topic, records);
            }
            return records;
        }
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap, String isolation) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
    }

    /** Assigns every partition of the topic from its beginning; false when the topic does not exist. */
    private static boolean assignWholeTopic(KafkaConsumer<String, String> consumer, String topic) {
        List<PartitionInfo> infos = consumer.listTopics(Duration.ofSeconds(30)).get(topic);
        if (infos == null) {
            return false;
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return true;
    }

    /** Adds what the assigned partitions hold up to their current ends. */
    private static void readToEnd(KafkaConsumer<String, String> consumer, String topic,
            List<ConsumerRecord<String, String>> records) {
        Set<TopicPartition> partitions = consumer.assignment();
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("could not read " + topic + " to its end within 60s");
            }
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
    }

    /** How many records the topic holds (its end offsets, summed over partitions), without reading them. */
    public static long size(String topic) {
        try (Admin admin = Admin.create(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (!names.contains(topic)) {
                return 0;
            }
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions();
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
            partitions.forEach(p -> latest.put(new TopicPartition(topic, p.partition()),
                    org.apache.kafka.clients.admin.OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException("sizing topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the topic holds at least {@code count} records and returns them all. */
    public static List<ConsumerRecord<String, String>> await(String topic, int count, Duration timeout) {
        return await(topic, count + " records", records -> records.size() >= count, timeout);
    }

    /** Waits until the topic holds records with at least {@code count} distinct keys. */
    public static List<ConsumerRecord<String, String>> awaitKeys(String topic, int count, Duration timeout) {
        return await(topic, count + " distinct keys",
                records -> records.stream().map(ConsumerRecord::key).distinct().count() >= count, timeout);
    }

    /** Waits until the topic's records satisfy the condition, and returns them. */
    public static List<ConsumerRecord<String, String>> await(String topic, String what,
            Predicate<List<ConsumerRecord<String, String>>> condition, Duration timeout) {
        return await(bootstrap(), topic, what, condition, timeout);
    }

    /**
     * The same, from another broker. One consumer follows the topic for the whole wait, reading on
     * to the topic's current end before each test (a new consumer reading from the start each
     * time cost CPU that Sluice and the brokers needed); as with {@link #read}, the records
     * returned are everything the topic held at that moment.
     */
    public static List<ConsumerRecord<String, String>> await(String bootstrap, String topic, String what,
            Predicate<List<ConsumerRecord<String, String>>> condition, Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap, "read_uncommitted")) {
            return Await.value(timeout, what + " in " + topic, () -> {
                if (consumer.assignment().isEmpty() && !assignWholeTopic(consumer, topic)) {
                    return null;
                }
                readToEnd(consumer, topic, records);
                return condition.test(records) ? new ArrayList<>(records) : null;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " (found " + records.size() + " records)", e);
        }
    }

    /** Creates a one-partition topic with these settings, as an operator would before starting Sluice. */
    public static void create(String topic, Map<String, String> configs) {
        create(bootstrap(), topic, configs);
    }

    /** The same, on another broker. */
    public static void create(String bootstrap, String topic, Map<String, String> configs) {
        try (Admin admin = Admin.create(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(configs))).all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("creating topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Sets (or, with a null value, removes) settings of an existing topic. */
    public static void alter(String topic, Map<String, String> configs) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        List<AlterConfigOp> ops = configs.entrySet().stream().map(e -> e.getValue() == null
                ? new AlterConfigOp(new ConfigEntry(e.getKey(), ""), AlterConfigOp.OpType.DELETE)
                : new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET)).toList();
        try (Admin admin = Admin.create(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("altering topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /** One effective setting of a topic. */
    public static String config(String topic, String name) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = Admin.create(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource).get(name)
                    .value();
        } catch (Exception e) {
            throw new IllegalStateException("describing topic " + topic + ": " + e.getMessage(), e);
        }
    }

    public static void delete(String topic) {
        try (Admin admin = Admin.create(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("deleting topic " + topic + ": " + e.getMessage(), e);
        }
    }

    public static Set<String> topics() {
        try (Admin admin = Admin.create(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("listing topics: " + e.getMessage(), e);
        }
    }
}
