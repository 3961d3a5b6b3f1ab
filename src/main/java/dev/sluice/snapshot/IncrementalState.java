package dev.sluice.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.offset.StoredKey;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a running incremental snapshot still has to read, stored with every offset so a restart
 * continues it: the tables in order (the first is being read), the primary key of the last row
 * read from it and the largest key it had when its reading began (null: not begun), extra row
 * conditions per table, and whether it is paused. Key values are strings, or byte arrays for
 * binary keys. Immutable.
 */
public record IncrementalState(List<String> tables, List<Object> lastKey, List<Object> maxKey,
        Map<String, String> conditions, boolean paused) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public IncrementalState {
        tables = List.copyOf(tables);
        lastKey = lastKey == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(lastKey));
        maxKey = maxKey == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(maxKey));
        conditions = Map.copyOf(conditions);
    }

    public static IncrementalState of(List<String> tables, Map<String, String> conditions) {
        return new IncrementalState(tables, null, null, conditions, false);
    }

    public boolean isDone() {
        return tables.isEmpty();
    }

    public String currentTable() {
        return tables.isEmpty() ? null : tables.get(0);
    }

    /** Whether the current table's reading has begun (its maximum key is known). */
    public boolean begun() {
        return maxKey != null;
    }

    /** More tables, after the ones queued (a table already queued stays where it is). */
    public IncrementalState plus(List<String> more, Map<String, String> moreConditions) {
        List<String> all = new ArrayList<>(tables);
        more.stream().filter(t -> !all.contains(t)).forEach(all::add);
        Map<String, String> merged = new LinkedHashMap<>(conditions);
        merged.putAll(moreConditions);
        return new IncrementalState(all, lastKey, maxKey, merged, paused);
    }

    /** Without these tables (all of them when the list is empty). */
    public IncrementalState without(List<String> stopped) {
        if (stopped.isEmpty()) {
            return new IncrementalState(List.of(), null, null, Map.of(), false);
        }
        List<String> left = new ArrayList<>(tables);
        left.removeAll(stopped);
        boolean currentStopped = !tables.isEmpty() && stopped.contains(tables.get(0));
        Map<String, String> kept = new LinkedHashMap<>(conditions);
        stopped.forEach(kept::remove);
        return currentStopped ? new IncrementalState(left, null, null, kept, paused)
                : new IncrementalState(left, lastKey, maxKey, kept, paused);
    }

    public IncrementalState begin(List<Object> max) {
        return new IncrementalState(tables, null, max, conditions, paused);
    }

    public IncrementalState readUpTo(List<Object> key) {
        return new IncrementalState(tables, key, maxKey, conditions, paused);
    }

    public IncrementalState nextTable() {
        Map<String, String> kept = new LinkedHashMap<>(conditions);
        kept.remove(currentTable());
        return new IncrementalState(tables.subList(1, tables.size()), null, null, kept, paused);
    }

    public IncrementalState paused(boolean paused) {
        return new IncrementalState(tables, lastKey, maxKey, conditions, paused);
    }

    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode tableArray = node.putArray("tables");
        tables.forEach(tableArray::add);
        if (lastKey != null) {
            node.set("last_key", StoredKey.toJson(lastKey));
        }
        if (maxKey != null) {
            node.set("max_key", StoredKey.toJson(maxKey));
        }
        if (!conditions.isEmpty()) {
            ObjectNode conditionNode = node.putObject("conditions");
            conditions.forEach(conditionNode::put);
        }
        if (paused) {
            node.put("paused", true);
        }
        return node.toString();
    }

    /**
     * @throws IllegalArgumentException naming what is wrong with the stored text
     */
    public static IncrementalState fromJson(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("the stored incremental snapshot is not JSON: " + e.getMessage());
        }
        if (node == null || !node.path("tables").isArray()) {
            throw new IllegalArgumentException("the stored incremental snapshot has no tables: " + text);
        }
        List<String> tables = new ArrayList<>();
        node.path("tables").forEach(t -> tables.add(t.asText()));
        Map<String, String> conditions = new LinkedHashMap<>();
        node.path("conditions").fields().forEachRemaining(e -> conditions.put(e.getKey(), e.getValue().asText()));
        return new IncrementalState(tables, StoredKey.fromJson(node.get("last_key")), StoredKey.fromJson(node.get("max_key")), conditions,
                node.path("paused").asBoolean(false));
    }


    @Override
    public String toString() {
        return tables + (lastKey == null ? "" : " after key " + lastKey) + (paused ? " (paused)" : "");
    }
}
