package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parses change-event values and separates what a test can state literally from what changes
 * run to run (timestamps, binlog coordinates), which it checks for shape instead.
 */
public final class ChangeEvents {

    public static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The envelope field order Debezium 3.6's schema defines: the table schema builder adds the
     * transaction block right after the source, and the envelope builder then op and the timestamps.
     */
    public static final List<String> ENVELOPE_FIELDS =
            List.of("before", "after", "source", "transaction", "op", "ts_ms", "ts_us", "ts_ns");

    /** Debezium's MySQL source block fields, in order. */
    public static final List<String> SOURCE_FIELDS = List.of("version", "connector", "name", "ts_ms", "snapshot",
            "db", "sequence", "ts_us", "ts_ns", "table", "server_id", "gtid", "file", "pos", "row", "thread", "query");

    private ChangeEvents() {
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /**
     * Checks the envelope's and source block's field order and the run-dependent fields, then
     * returns the value without them: what is left is stated literally by the tests.
     */
    public static ObjectNode stable(String valueJson, boolean mariadb) {
        ObjectNode value = (ObjectNode) parse(valueJson);
        assertEquals(ENVELOPE_FIELDS, fieldNames(value), "envelope fields: " + valueJson);
        checkTimestamps(value, "envelope");
        ObjectNode source = (ObjectNode) value.get("source");
        assertEquals(SOURCE_FIELDS, fieldNames(source), "source fields: " + valueJson);
        checkTimestamps(source, "source");
        long now = System.currentTimeMillis();
        assertTrue(Math.abs(now - source.get("ts_ms").asLong()) < 600_000, "source.ts_ms is a recent commit time");
        assertTrue(source.get("file").asText().matches(mariadb ? "mariadb-bin\\.\\d+" : "mysql-bin\\.\\d+"),
                "source.file: " + source.get("file"));
        assertTrue(source.get("pos").asLong() > 4, "source.pos");
        assertTrue(source.get("server_id").asLong() > 0, "source.server_id");
        String gtidPattern = mariadb ? "\\d+-\\d+-\\d+" : "[0-9a-f-]{36}:\\d+";
        assertTrue(source.get("gtid").asText().matches(gtidPattern), "source.gtid: " + source.get("gtid"));
        assertTrue(source.get("thread").isNull() || source.get("thread").asLong() > 0, "source.thread");
        value.remove(List.of("ts_ms", "ts_us", "ts_ns"));
        source.remove(List.of("ts_ms", "ts_us", "ts_ns", "file", "pos", "server_id", "gtid", "thread"));
        return value;
    }

    private static void checkTimestamps(JsonNode node, String where) {
        long ms = node.get("ts_ms").asLong();
        long us = node.get("ts_us").asLong();
        long ns = node.get("ts_ns").asLong();
        assertEquals(ms, us / 1000, where + " ts_ms vs ts_us");
        assertEquals(us * 1000, ns, where + " ts_us vs ts_ns");
    }

    public static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
