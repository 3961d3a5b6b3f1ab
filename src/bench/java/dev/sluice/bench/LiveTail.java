package dev.sluice.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A read_committed consumer that follows a single-partition topic as it is written and notes when
 * each record became visible to it: the latency a consumer of SLUICE_EXACTLY_ONCE sees, which
 * the broker's append time does not show (a record is appended before its transaction commits).
 */
final class LiveTail implements AutoCloseable {

    private final Map<Long, Long> seenMillis = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    LiveTail(String bootstrap, String topic) {
        this.thread = new Thread(() -> follow(bootstrap, topic), "bench-live-tail");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (!closed) {
                var records = consumer.poll(Duration.ofMillis(100));
                long now = System.currentTimeMillis(); // when poll handed them over, not when it began waiting
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    seenMillis.putIfAbsent(record.offset(), now);
                }
            }
        }
    }

    /** Waits (up to {@code seconds}) until this consumer has received every one of the records. */
    void awaitSeen(List<ConsumerRecord<byte[], byte[]>> records, int seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!records.stream().allMatch(r -> seenMillis.containsKey(r.offset()))) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the live tail did not see every record within " + seconds + " s");
            }
            Thread.sleep(50);
        }
    }

    /** When this consumer first received the record (epoch millis). */
    long seenMillis(ConsumerRecord<byte[], byte[]> record) {
        Long seen = seenMillis.get(record.offset());
        if (seen == null) {
            throw new IllegalStateException("the live tail has not seen offset " + record.offset());
        }
        return seen;
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
