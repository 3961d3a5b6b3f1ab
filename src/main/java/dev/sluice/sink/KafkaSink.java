package dev.sluice.sink;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one Kafka producer of a pipeline: acks from all in-sync replicas, idempotent, ordered per
 * partition. {@link #send} blocks when the producer's buffer is full, which slows the binlog
 * reader instead of growing the heap.
 *
 * <p>With exactly-once delivery the producer is transactional: every record goes into the open
 * Kafka transaction, and {@link #commitTransaction} closes it together with the offset record.
 * Its transactional id is the connector's, so a new producer of the same name fences every older
 * one. One such sink serves a pipeline for its whole life: were each delivery to start its own,
 * two instances of one name would fence each other in turn, forever, instead of the older one
 * stopping.
 */
public final class KafkaSink implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final DeliveryStats stats;
    private final boolean transactional;
    /** Sends wait while a transaction commits: the offset written must follow exactly the records in it. */
    private final Object transaction = new Object();
    private boolean open;
    /** Why the records sent since the last commit are gone (the transaction was aborted or fenced). */
    private volatile RuntimeException broken;
    private volatile boolean fenced;

    public KafkaSink(KafkaClients clients) {
        this(clients, new DeliveryStats());
    }

    /** @param stats shared across the sinks of successive sessions, so health sees one history */
    public KafkaSink(KafkaClients clients, DeliveryStats stats) {
        this(clients, stats, null);
    }

    /**
     * @param transactionalId null for at-least-once delivery; otherwise every record goes into a
     *     Kafka transaction, and this producer fences older ones with the same id
     */
    public KafkaSink(KafkaClients clients, DeliveryStats stats, String transactionalId) {
        Lz4Native.load();
        Map<String, Object> props = clients.producer();
        if (transactionalId != null) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        this.producer = new KafkaProducer<>(props);
        this.stats = stats;
        this.transactional = transactionalId != null;
        if (transactional) {
            try {
                producer.initTransactions();
            } catch (KafkaException e) {
                producer.close(Duration.ZERO);
                throw new KafkaUnavailableException("could not start the transactional producer '" + transactionalId
                        + "': " + e.getMessage(), e);
            }
        }
    }

    public boolean isTransactional() {
        return transactional;
    }

    /**
     * @throws IllegalStateException when another producer of this name fenced this one (fatal)
     * @throws KafkaUnavailableException when the open transaction was aborted: the stretch since the
     *     last commit must be read again
     */
    public void send(String topic, byte[] key, byte[] value, Callback callback) {
        if (!transactional) {
            doSend(topic, key, value, callback);
            return;
        }
        synchronized (transaction) {
            try {
                ensureOpen();
                doSend(topic, key, value, callback);
            } catch (KafkaException e) {
                if (isFencing(e)) {
                    throw fenced(e);
                }
                throw e;
            }
        }
    }

    /**
     * Runs {@code sends} so that no commit falls between them: with exactly-once delivery their
     * records all land in one Kafka transaction. Records whose offsets cannot resume between them
     * (an incremental snapshot's chunk) need that, or a commit among them would store an offset
     * that reads the chunk again after a crash, and a read_committed consumer would see its first
     * part twice.
     */
    public void inOneTransaction(Runnable sends) {
        if (!transactional) {
            sends.run();
            return;
        }
        synchronized (transaction) {
            sends.run();
        }
    }

    /** Holding the transaction's lock: fails when the sink is broken, and opens a transaction when none is. */
    private void ensureOpen() {
        if (broken != null) {
            throw broken;
        }
        if (!open) {
            producer.beginTransaction();
            open = true;
        }
    }

    private RuntimeException fenced(Throwable e) {
        fenced = true;
        broken = new IllegalStateException("another Sluice with this name started and fenced this one (its"
                + " transactional producer took over the id); this one stops", e);
        return broken;
    }

    /** Whether a producer error, or one it wraps, says a newer producer of the same id exists. */
    private static boolean isFencing(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof ProducerFencedException || e instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    /** Exactly once: a newer instance of this name fenced this one, which must stop. */
    public boolean isFenced() {
        return fenced;
    }

    /** The reason this sink was fenced, to stop with. */
    public IllegalStateException fencedFailure() {
        return (IllegalStateException) broken;
    }

    /**
     * Exactly once: a new delivery reads again from the committed offset, so an aborted
     * transaction no longer stands in its way (a fence does).
     */
    public void resumeAfterAbort() {
        synchronized (transaction) {
            if (!fenced) {
                broken = null;
            }
        }
    }

    private void doSend(String topic, byte[] key, byte[] value, Callback callback) {
        stats.sent((key == null ? 0 : key.length) + (value == null ? 0 : value.length));
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                if (error == null) {
                    stats.acknowledged();
                } else {
                    stats.failed();
                    if (transactional && isFencing(error)) {
                        fenced(error);
                    }
                }
                callback.onCompletion(metadata, error);
            });
        } catch (RuntimeException e) {
            stats.failed(); // refused before it was queued: no callback follows
            throw e;
        }
    }

    /**
     * Exactly once: waits until Kafka has every record of the open transaction, lets {@code last}
     * add its records (the offset after them, computed now that nothing else can be sent), and
     * commits them all as one transaction.
     *
     * @return what {@code last} returned
     * @throws RuntimeException when the transaction could not commit; it is aborted then, and
     *     every later send fails until a new sink reads the stretch again
     */
    public <T> T commitTransaction(Supplier<T> last) {
        synchronized (transaction) {
            if (broken != null) {
                throw broken; // not caught below: a fenced sink stays fenced
            }
            try {
                ensureOpen();
                producer.flush();
                T result = last.get();
                producer.commitTransaction();
                open = false;
                return result;
            } catch (RuntimeException e) {
                if (isFencing(e)) {
                    throw fenced(e);
                }
                abortQuietly();
                broken = new KafkaUnavailableException("the Kafka transaction was aborted (" + e.getMessage()
                        + "); the changes since the last commit are read again", e);
                throw broken;
            }
        }
    }

    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            // the producer is unusable; a new sink starts over from the committed offset
        }
        open = false;
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
