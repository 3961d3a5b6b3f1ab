package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The table a consumer would build from a change topic: the last {@code after} per key, deletes applied. */
public final class TopicState {

    private TopicState() {
    }

    public static Map<String, JsonNode> of(List<ConsumerRecord<String, String>> records) {
        Map<String, JsonNode> state = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            if (record.value() == null) {
                state.remove(record.key());
                continue;
            }
            JsonNode after = ChangeEvents.parse(record.value()).get("after");
            if (after == null || after.isNull()) {
                state.remove(record.key());
            } else {
                state.put(record.key(), after);
            }
        }
        return state;
    }
}
