package dev.sluice.sink;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicAdminTest {

    /**
     * A cluster that does not answer fails the check through the call's own timeout, not through
     * giving up on a call that runs on: closing the admin client would wait for that one (up to
     * 10 s, which 'sluice check' spent after every unreachable Kafka).
     */
    @Test
    void anUnreachableClusterFailsTheCheckWithNothingLeftPending() {
        KafkaClients clients = new KafkaClients(Map.of("bootstrap.servers", "127.0.0.1:9"), "unreachable");
        try (TopicAdmin admin = new TopicAdmin(clients)) {
            KafkaUnavailableException failure = assertThrows(KafkaUnavailableException.class,
                    () -> admin.checkReachable(Duration.ofSeconds(1)));
            assertTrue(failure.getMessage().startsWith("cannot reach Kafka at 127.0.0.1:9 within 1s"),
                    failure.getMessage());
            assertInstanceOf(org.apache.kafka.common.errors.TimeoutException.class, failure.getCause(),
                    "the call timed out by itself");
        }
    }
}
