package dev.sluice.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An operator's request, from a signal table row or a message on the signal topic, in Debezium's
 * shape: {@code type} and a JSON {@code data} field. Only incremental snapshots are supported.
 *
 * @param collections for execute-snapshot, the tables to read; for stop-snapshot, the tables to
 *     drop from the running snapshot (empty: all of it)
 * @param conditions per table, an extra SQL condition on the rows read (Debezium's
 *     {@code additional-conditions})
 */
public record Signal(String id, Kind kind, List<String> collections, Map<String, String> conditions) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Kind {
        EXECUTE_SNAPSHOT("execute-snapshot"),
        STOP_SNAPSHOT("stop-snapshot"),
        PAUSE_SNAPSHOT("pause-snapshot"),
        RESUME_SNAPSHOT("resume-snapshot"),
        LOG("log"),
        /** The watermarks Sluice itself writes around a chunk read (read-write mode). */
        WINDOW_OPEN("snapshot-window-open"),
        WINDOW_CLOSE("snapshot-window-close");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        static Kind of(String type) {
            String wanted = type.trim().toLowerCase(Locale.ROOT);
            for (Kind kind : values()) {
                if (kind.text.equals(wanted)) {
                    return kind;
                }
            }
            return null;
        }
    }

    public Signal {
        id = id == null ? null : abbreviated(id, 255);
        collections = List.copyOf(collections);
        conditions = Map.copyOf(conditions);
    }

    public boolean isWatermark() {
        return kind == Kind.WINDOW_OPEN || kind == Kind.WINDOW_CLOSE;
    }

    /**
     * @throws MalformedSignalException saying what is wrong, for the log line that skips it
     */
    public static Signal parse(String id, String type, String data) {
        if (type == null || type.isBlank()) {
            throw new MalformedSignalException("no type");
        }
        Kind kind = Kind.of(type);
        if (kind == null) {
            throw new MalformedSignalException("unknown type '" + abbreviated(type, 64) + "' (expected execute-snapshot,"
                    + " stop-snapshot, pause-snapshot, resume-snapshot or log)");
        }
        return switch (kind) {
            case EXECUTE_SNAPSHOT -> execute(id, object(data, true));
            case STOP_SNAPSHOT -> stop(id, object(data, false));
            case LOG -> new Signal(id, kind, List.of(), Map.of("message",
                    abbreviated(object(data, true).path("message").asText(""), 1_000)));
            default -> new Signal(id, kind, List.of(), Map.of());
        };
    }

    private static Signal execute(String id, JsonNode data) {
        checkIncremental(data);
        List<String> collections = collections(data, true);
        Map<String, String> conditions = new LinkedHashMap<>();
        JsonNode additional = data.get("additional-conditions");
        if (additional != null && !additional.isNull()) {
            if (!additional.isArray()) {
                throw new MalformedSignalException("additional-conditions must be an array of"
                        + " {\"data-collection\": ..., \"filter\": ...}");
            }
            for (JsonNode condition : additional) {
                String table = condition.path("data-collection").asText("");
                String filter = condition.path("filter").asText("");
                if (table.isBlank() || filter.isBlank()) {
                    throw new MalformedSignalException("each additional condition needs a data-collection and a filter");
                }
                conditions.put(normalise(table), filter);
            }
        }
        return new Signal(id, Kind.EXECUTE_SNAPSHOT, collections, conditions);
    }

    private static Signal stop(String id, JsonNode data) {
        if (data == null) {
            return new Signal(id, Kind.STOP_SNAPSHOT, List.of(), Map.of());
        }
        checkIncremental(data);
        return new Signal(id, Kind.STOP_SNAPSHOT, collections(data, false), Map.of());
    }

    private static void checkIncremental(JsonNode data) {
        String type = data.path("type").asText("incremental");
        if (!type.equalsIgnoreCase("incremental")) {
            throw new MalformedSignalException("snapshot type '" + abbreviated(type, 64) + "' is not supported (only incremental)");
        }
    }

    private static List<String> collections(JsonNode data, boolean required) {
        JsonNode node = data.get("data-collections");
        if (node == null || node.isNull()) {
            if (required) {
                throw new MalformedSignalException("data-collections is missing (expected [\"db.table\", ...])");
            }
            return List.of();
        }
        if (!node.isArray() || (required && node.isEmpty())) {
            throw new MalformedSignalException("data-collections must be a non-empty array of \"db.table\" names");
        }
        List<String> collections = new ArrayList<>();
        for (JsonNode entry : node) {
            // MySQL names are at most 64 characters: a longer entry cannot name a table
            if (!entry.isTextual() || entry.asText().indexOf('.') <= 0 || entry.asText().length() > 129) {
                throw new MalformedSignalException("data-collections entry " + abbreviated(entry.toString(), 100)
                        + " is not a \"db.table\" name");
            }
            collections.add(normalise(entry.asText()));
        }
        return collections;
    }

    /** The parser's complaint without its location, which quotes nothing useful. */
    private static String parserMessage(com.fasterxml.jackson.core.JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        for (String tail : List.of(" (for ", " (start marker", " at [Source", "[Source")) {
            int at = message.indexOf(tail);
            if (at > 0) {
                message = message.substring(0, at);
            }
        }
        return abbreviated(message, 200);
    }

    /**
     * Text from outside as a log line may show it: control characters escaped (a line break would
     * let a signal forge log lines) and cut, so that one signal cannot flood the log.
     */
    public static String abbreviated(String text, int max) {
        String cut = text.length() <= max ? text : text.substring(0, max);
        StringBuilder shown = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return cut.length() == text.length() ? shown.toString()
                : shown + "... (" + text.length() + " characters)";
    }

    private static String normalise(String table) {
        return table.trim().toLowerCase(Locale.ROOT);
    }

    private static JsonNode object(String data, boolean required) {
        if (data == null || data.isBlank()) {
            if (required) {
                throw new MalformedSignalException("no data (expected a JSON object)");
            }
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MalformedSignalException("data is not JSON (" + parserMessage(e) + ")");
        } catch (IOException e) {
            throw new MalformedSignalException("data is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new MalformedSignalException("data is not a JSON object");
        }
        return node;
    }
}
