package dev.sluice.sink;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Which of several Sluices of one name streams (SLUICE_STANDBY): they join one Kafka consumer
 * group on the offsets topic, and the member that is assigned its partition 0 holds the lead.
 * A member that dies or freezes sends no more heartbeats, and after the session timeout the group
 * hands the partition to one that waits: Kafka's own group membership, no lock of Sluice's own.
 * The cooperative assignor moves only partitions whose owner left, so a standby joining never
 * interrupts the one that streams.
 */
public final class Leadership implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Leadership.class);
    /** The broker's lowest allowed session timeout by default: a dead leader is replaced within it. */
    static final int SESSION_TIMEOUT_MS = 6_000;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final TopicPartition lead;
    private final Runnable onLost;
    private final CountDownLatch taken = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean holding;
    private volatile boolean closed;

    /** @param onLost called, on the group's thread, when the lead held is taken away */
    public Leadership(KafkaClients clients, String topic, String name, Runnable onLost) {
        Map<String, Object> props = clients.consumer();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "sluice-" + name + "-lead");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "sluice-" + name + "-lead");
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(CooperativeStickyAssignor.class));
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
        this.consumer = new KafkaConsumer<>(props);
        this.topic = topic;
        this.lead = new TopicPartition(topic, 0);
        this.onLost = onLost;
        this.thread = new Thread(this::run, "sluice-lead");
        thread.setDaemon(true);
    }

    /** Joins the group. */
    public void start() {
        thread.start();
    }

    /**
     * Blocks until this instance holds the lead.
     *
     * @return false when closed before that
     */
    public boolean awaitLead() throws InterruptedException {
        taken.await();
        return holding && !closed;
    }

    public boolean holding() {
        return holding;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    consumer.pause(partitions); // membership is all it is for; no record is read
                    if (partitions.contains(lead) && !holding) {
                        holding = true;
                        taken.countDown();
                    }
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    lose(partitions);
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    lose(partitions);
                }
            });
            while (!closed) {
                consumer.poll(Duration.ofMillis(500));
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.errorf("The standby group failed: %s", e.getMessage());
            if (holding) {
                holding = false;
                onLost.run();
            }
        } finally {
            taken.countDown();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void lose(Collection<TopicPartition> partitions) {
        if (holding && partitions.contains(lead)) {
            holding = false;
            if (!closed) {
                onLost.run();
            }
        }
    }

    /** Leaves the group, so that a standby takes over at once. */
    @Override
    public void close() {
        closed = true;
        if (!thread.isAlive()) {
            taken.countDown();
            if (thread.getState() == Thread.State.NEW) {
                consumer.close(Duration.ofSeconds(5));
            }
            return;
        }
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
