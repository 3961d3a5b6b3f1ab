package dev.sluice.sink;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;

/**
 * The one Kafka producer of a pipeline: acks from all in-sync replicas, idempotent, ordered per
 * partition. {@link #send} blocks when the producer's buffer is full, which slows the binlog
 * reader instead of growing the heap.
 */
public final class KafkaSink implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final DeliveryStats stats;

    public KafkaSink(KafkaClients clients) {
        this(clients, new DeliveryStats());
    }

    /** @param stats shared across the sinks of successive sessions, so health sees one history */
    public KafkaSink(KafkaClients clients, DeliveryStats stats) {
        Lz4Native.load();
        this.producer = new KafkaProducer<>(clients.producer());
        this.stats = stats;
    }

    public void send(String topic, byte[] key, byte[] value, Callback callback) {
        stats.sent((key == null ? 0 : key.length) + (value == null ? 0 : value.length));
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                if (error == null) {
                    stats.acknowledged();
                } else {
                    stats.failed();
                }
                callback.onCompletion(metadata, error);
            });
        } catch (RuntimeException e) {
            stats.failed(); // refused before it was queued: no callback follows
            throw e;
        }
    }

    /** Waits until every record sent so far is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    public void close(Duration timeout) {
        producer.close(timeout);
    }
}
