package dev.sluice.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.sink.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * Signals from a Kafka topic, Debezium's way: the key is the connector name (other keys belong to
 * other connectors sharing the topic), the value {@code {"type": ..., "data": {...}}}. Read with a
 * consumer group of its own whose committed position survives restarts, so signals sent while
 * Sluice was down are acted on when it starts.
 */
public final class KafkaSignalChannel implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaSignalChannel.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final String connector;
    private final Queue<Signal> inbox;
    private final Thread thread;
    private volatile boolean stopping;

    public KafkaSignalChannel(KafkaClients clients, String topic, String connector, Queue<Signal> inbox) {
        Map<String, Object> props = clients.consumer();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "sluice-" + connector + "-signals");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "sluice-" + connector + "-signals");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(props);
        this.topic = topic;
        this.connector = connector;
        this.inbox = inbox;
        this.thread = new Thread(this::run, "sluice-signals");
        thread.setDaemon(true);
    }

    public void start() {
        consumer.subscribe(List.of(topic));
        thread.start();
        LOG.infof("Listening for signals on the Kafka topic %s (key %s)", topic, connector);
    }

    private void run() {
        try {
            while (!stopping) {
                var records = consumer.poll(Duration.ofSeconds(1));
                if (!records.isEmpty()) {
                    records.forEach(this::accept);
                    consumer.commitSync();
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            LOG.errorf("The signal topic %s cannot be read any more: %s; signals are ignored until Sluice restarts",
                    topic, e.getMessage());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        String id = "kafka:" + record.partition() + "@" + record.offset();
        if (!connector.equals(key)) {
            LOG.debugf("Signal %s is for '%s', not this connector; ignored", id, key);
            return;
        }
        try {
            inbox.add(parse(id, record.value()));
        } catch (MalformedSignalException e) {
            LOG.warnf("Signal '%s' on %s skipped: %s", id, topic, e.getMessage());
        }
    }

    /**
     * @throws MalformedSignalException saying what is wrong with the message
     */
    static Signal parse(String id, byte[] value) {
        if (value == null) {
            throw new MalformedSignalException("no value");
        }
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (IOException e) {
            throw new MalformedSignalException("the value is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new MalformedSignalException("the value is not a JSON object {\"type\": ..., \"data\": {...}}");
        }
        JsonNode data = node.get("data");
        String dataText = data == null || data.isNull() ? null : data.isTextual() ? data.asText() : data.toString();
        Signal signal = Signal.parse(Signal.abbreviated(node.path("id").asText(id), 255), node.path("type").asText(null), dataText);
        if (signal.isWatermark()) {
            throw new MalformedSignalException("window watermarks are not signals");
        }
        return signal;
    }

    @Override
    public void close() {
        stopping = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
