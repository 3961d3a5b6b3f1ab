package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks the topics a {@link RowWriter} run produced: completeness, duplicates, order per key. */
public final class StreamCheck {

    private StreamCheck() {
    }

    /** The number of item records delivered more than once; fails when any item is missing. */
    public static int checkItems(List<ConsumerRecord<String, String>> records, int total) {
        Map<Integer, Integer> seen = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode value = ChangeEvents.parse(record.value());
            assertEquals("c", value.get("op").asText(), "items only get inserts");
            int id = value.get("after").get("id").asInt();
            assertEquals(id, value.get("after").get("n").asInt());
            assertEquals("{\"id\":" + id + "}", record.key());
            seen.merge(id, 1, Integer::sum);
        }
        List<Integer> missing = new ArrayList<>();
        for (int id = 1; id <= total; id++) {
            if (!seen.containsKey(id)) {
                missing.add(id);
            }
        }
        assertTrue(missing.isEmpty(), missing.size() + " item(s) missing, first: "
                + missing.subList(0, Math.min(10, missing.size())));
        assertEquals(total, seen.size(), "no item outside 1.." + total);
        return records.size() - total;
    }

    /** True once every counter update has arrived (at least once). */
    public static boolean allCounterUpdates(List<ConsumerRecord<String, String>> records, int expectedUpdates) {
        Set<String> distinct = new HashSet<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode value = ChangeEvents.parse(record.value());
            distinct.add(record.key() + "=" + value.get("after").get("n").asInt());
        }
        return distinct.size() >= expectedUpdates;
    }

    /**
     * Counter updates per key: once replays (the same binlog event delivered again) are removed,
     * the values must rise by exactly one each time, which proves nothing lost and order kept.
     * Returns the number of replayed records.
     */
    public static int checkCounters(List<ConsumerRecord<String, String>> records, int expectedUpdates) {
        Map<String, List<Integer>> valuesByKey = new HashMap<>();
        Set<String> delivered = new HashSet<>();
        int replays = 0;
        for (ConsumerRecord<String, String> record : records) {
            JsonNode value = ChangeEvents.parse(record.value());
            JsonNode source = value.get("source");
            String identity = source.get("gtid").asText() + "/" + source.get("file").asText() + "/"
                    + source.get("pos").asText() + "/" + source.get("row").asText();
            if (!delivered.add(identity)) {
                replays++;
                continue;
            }
            valuesByKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(value.get("after").get("n").asInt());
        }
        int updates = 0;
        for (Map.Entry<String, List<Integer>> entry : valuesByKey.entrySet()) {
            List<Integer> values = entry.getValue();
            for (int i = 0; i < values.size(); i++) {
                assertEquals(i + 1, values.get(i), "counter " + entry.getKey() + " values in order: " + values);
            }
            updates += values.size();
        }
        assertEquals(expectedUpdates, updates, "every counter update delivered");
        return replays;
    }
}
