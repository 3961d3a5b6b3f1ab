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

    public KafkaSink(KafkaClients clients) {
        this.producer = new KafkaProducer<>(clients.producer());
    }

    public void send(String topic, byte[] key, byte[] value, Callback callback) {
        producer.send(new ProducerRecord<>(topic, key, value), callback);
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
