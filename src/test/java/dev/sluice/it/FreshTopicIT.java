package dev.sluice.it;

import dev.sluice.sink.KafkaClients;
import dev.sluice.sink.TopicAdmin;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A topic Sluice has just created is read at once (the offsets topic's settings are checked at
 * every start). A KRaft broker learns of a new topic a moment after the controller made it, and
 * asked in that moment it answers that the topic does not exist: a start must wait for it.
 */
class FreshTopicIT {

    @Test
    void theSettingsOfATopicJustCreatedAreReadAtOnce() {
        String prefix = "fresh-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaClients clients = new KafkaClients(Map.of("bootstrap.servers", KafkaTopics.bootstrap()), prefix);
        List<String> created = new ArrayList<>();
        try (TopicAdmin admin = new TopicAdmin(clients)) {
            for (int i = 0; i < 40; i++) {
                String name = prefix + "-" + i;
                admin.ensureTopic(name, 1, OptionalInt.empty(), Map.of("cleanup.policy", "compact"));
                created.add(name);
                assertEquals("compact", admin.configs(name).orElseThrow().get("cleanup.policy"), name);
            }
        } finally {
            created.forEach(KafkaTopics::delete);
        }
    }
}
