package dev.sluice.sink;

import net.jpountz.lz4.LZ4Factory;
import net.jpountz.util.Native;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaClientsTest {

    @Test
    void producerCompressesWithLz4UnlessTheOperatorChoosesOtherwise() {
        Map<String, Object> defaults = new KafkaClients(Map.of("bootstrap.servers", "k:9092"), "orders").producer();
        assertEquals("lz4", defaults.get(ProducerConfig.COMPRESSION_TYPE_CONFIG));

        Map<String, Object> chosen = new KafkaClients(Map.of("bootstrap.servers", "k:9092",
                "compression.type", "zstd", "acks", "1"), "orders").producer();
        assertEquals("zstd", chosen.get(ProducerConfig.COMPRESSION_TYPE_CONFIG));
        assertEquals("all", chosen.get(ProducerConfig.ACKS_CONFIG), "delivery guarantees cannot be weakened");
    }

    @Test
    void producerLingersTwoMillisecondsUnlessTheOperatorChoosesOtherwise() {
        Map<String, Object> defaults = new KafkaClients(Map.of("bootstrap.servers", "k:9092"), "orders").producer();
        assertEquals(2, defaults.get(ProducerConfig.LINGER_MS_CONFIG));

        Map<String, Object> chosen = new KafkaClients(Map.of("bootstrap.servers", "k:9092", "linger.ms", "20"),
                "orders").producer();
        assertEquals("20", chosen.get(ProducerConfig.LINGER_MS_CONFIG));
    }

    @Test
    void readersNeverCreateTopicsEvenWhenTheOperatorAllowsIt() {
        Map<String, Object> reader = new KafkaClients(Map.of("bootstrap.servers", "k:9092",
                "allow.auto.create.topics", "true"), "orders").consumer();
        assertEquals(false, reader.get(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG),
                "the stored offset is read before the offsets topic is created with its settings");
    }

    @Test
    void loadsLz4sNativeCodeSoTheProducerPicksIt() {
        Lz4Native.load();
        assertTrue(Native.isLoaded(), "lz4-java's JNI library is loaded on this platform");
        assertEquals("LZ4JNICompressor", LZ4Factory.fastestInstance().fastCompressor().getClass().getSimpleName());
    }
}
