package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MySQL sessions with {@code binlog_row_value_options=PARTIAL_JSON} log JSON_SET, JSON_REPLACE and
 * JSON_REMOVE updates as changes to the before image. Sluice rebuilds the whole document, so the
 * event carries what a full-image update carries: the text MySQL returns for the column.
 */
class PartialJsonIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Member names that need quoting in a path, or are not ASCII, beside plain ones. */
    private static final String[] KEYS = {"a", "b", "id", "name", "b c", "ü", "日本", "q\"uote", "back\\slash", "1st",
        "$x", "", "emoji😀", "tab\tkey", "longer_key_name_for_sorting"};

    @Test
    void theSessionFromTheReportAndItsLaterUpdates() throws SQLException {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "pjson")) {
            String t = db.name() + ".t";
            server.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, j JSON, v INT)");
            try (SluiceProcess sluice = SluiceProcess.start("partial-json-report",
                    SluiceProcess.env(server, db.connector(), t)); Connection c = server.admin();
                    Statement s = c.createStatement()) {
                sluice.awaitStreaming();
                List<String> since = binlogEnd(server);
                s.execute("INSERT INTO " + t + " VALUES (1, '{\"a\": 1, \"b\": [1, 2]}', 0)");
                s.execute("SET SESSION binlog_row_value_options = 'PARTIAL_JSON'");
                s.execute("UPDATE " + t + " SET j = JSON_SET(j, '$.a', 2), v = 1 WHERE id = 1");
                s.execute("UPDATE " + t + " SET v = 2 WHERE id = 1");
                s.execute("UPDATE " + t + " SET j = JSON_REMOVE(j, '$.b[0]') WHERE id = 1");
                List<ConsumerRecord<String, String>> records = KafkaTopics.await(db.topic("t"), 4, WAIT);
                assertEquals(List.of("{\"id\":1,\"j\":\"{\\\"a\\\": 1, \\\"b\\\": [1, 2]}\",\"v\":0}",
                        "{\"id\":1,\"j\":\"{\\\"a\\\": 2, \\\"b\\\": [1, 2]}\",\"v\":1}",
                        "{\"id\":1,\"j\":\"{\\\"a\\\": 2, \\\"b\\\": [1, 2]}\",\"v\":2}",
                        "{\"id\":1,\"j\":\"{\\\"a\\\": 2, \\\"b\\\": [2]}\",\"v\":2}"),
                        records.stream().map(r -> ChangeEvents.parse(r.value()).get("after").toString()).toList());
                assertEquals(3, partialEvents(server, since), "the session's three updates were logged as partial updates");
            }
        }
    }

    @Test
    void withoutTheBeforeImageTheStreamStopsWithTheFix() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "pjmin")) {
            String t = db.name() + ".t";
            server.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, j JSON, v INT)",
                    "INSERT INTO " + t + " VALUES (1, '{\"a\": 1}', 0)");
            try (SluiceProcess sluice = SluiceProcess.start("partial-json-minimal",
                    SluiceProcess.env(server, db.connector(), t))) {
                sluice.awaitStreaming();
                server.execute("SET SESSION binlog_row_image = 'MINIMAL'",
                        "SET SESSION binlog_row_value_options = 'PARTIAL_JSON'",
                        "UPDATE " + t + " SET j = JSON_SET(j, '$.a', 2) WHERE id = 1");
                sluice.awaitLog("Stopped", WAIT);
                assertTrue(sluice.output().contains("binlog_row_image=FULL"), sluice.output());
                String base = sluice.httpBase();
                Await.until(WAIT, "liveness DOWN", () -> Http.get(base + "/q/health/live").status() == 503);
            }
        }
    }

    /**
     * Seeded random documents (nested objects and arrays, unicode keys and strings, documents past
     * 64 KB in MySQL's large format) and random JSON_SET/JSON_REPLACE/JSON_REMOVE updates, some
     * nested, some with several paths. After each commit the event's after image equals what
     * SELECT returns for the row. {@code -Dsluice.test.long=true} runs ten times as many updates.
     */
    @Test
    void randomDocumentsAndUpdatesRebuildExactly() throws SQLException {
        long seed = Long.getLong("sluice.test.seed", System.nanoTime());
        int updates = Boolean.getBoolean("sluice.test.long") ? 2_000 : 200;
        System.out.println("PartialJsonIT seed " + seed + " (-Dsluice.test.seed=" + seed + " repeats it)");
        Random random = new Random(seed);
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "pjrand")) {
            String t = db.name() + ".docs";
            server.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, j JSON NOT NULL)");
            int rows = 12;
            Map<String, String> env = SluiceProcess.env(server, db.connector(), t);
            env.put("SLUICE_QUEUE_MAX_BYTES", "16777216");
            try (SluiceProcess sluice = SluiceProcess.start("partial-json-random", env);
                    Connection c = server.admin(); Statement s = c.createStatement()) {
                sluice.awaitStreaming();
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + t + " VALUES (?, CAST(? AS JSON))")) {
                    for (int id = 0; id < rows; id++) {
                        insert.setInt(1, id);
                        insert.setString(2, document(random, id % 4 == 3).toString());
                        insert.execute();
                    }
                }
                s.execute("SET SESSION binlog_row_value_options = 'PARTIAL_JSON'");
                List<String> since = binlogEnd(server);
                List<String> expected = new ArrayList<>();
                List<String> statements = new ArrayList<>();
                while (expected.size() < updates) {
                    int id = random.nextInt(rows);
                    String before = select(s, t, id);
                    JsonNode current = ChangeEvents.parse(before);
                    Update update = update(random, current);
                    if (update == null) {
                        continue;
                    }
                    try (PreparedStatement ps = c.prepareStatement("UPDATE " + t + " SET j = " + update.sql
                            + " WHERE id = " + id)) {
                        for (int k = 0; k < update.parameters.size(); k++) {
                            ps.setString(k + 1, update.parameters.get(k));
                        }
                        ps.executeUpdate();
                    }
                    String after = select(s, t, id);
                    if (after.equals(before)) {
                        continue; // the document did not change: no row event
                    }
                    expected.add(id + " " + after);
                    statements.add(update.sql + " " + update.parameters);
                }
                List<ConsumerRecord<String, String>> records = KafkaTopics.await(db.topic("docs"), rows + updates,
                        Duration.ofSeconds(300));
                List<String> actual = records.stream().skip(rows).map(r -> ChangeEvents.parse(r.value()))
                        .map(v -> v.get("after").get("id").asInt() + " " + v.get("after").get("j").asText()).toList();
                for (int k = 0; k < updates; k++) {
                    assertEquals(expected.get(k), actual.get(k), "update " + k + " (seed " + seed + "): "
                            + statements.get(k));
                }
                long partial = partialEvents(server, since);
                System.out.printf("PartialJsonIT: %d updates compared, %d logged as partial JSON updates%n", updates,
                        partial);
                assertTrue(partial > updates / 2, "most updates were logged as partial JSON (" + partial + ")");
            }
        }
    }

    private static String select(Statement s, String table, int id) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT j FROM " + table + " WHERE id = " + id)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The server's current binlog file and position. */
    private static List<String> binlogEnd(DbServer server) {
        return server.query("SHOW BINARY LOG STATUS").get(0);
    }

    /** PARTIAL_UPDATE_ROWS events logged since a position of {@link #binlogEnd}. */
    private static long partialEvents(DbServer server, List<String> since) {
        long count = 0;
        for (List<String> file : server.query("SHOW BINARY LOGS")) {
            if (file.get(0).compareTo(since.get(0)) < 0) {
                continue;
            }
            String from = file.get(0).equals(since.get(0)) ? " FROM " + since.get(1) : "";
            count += server.query("SHOW BINLOG EVENTS IN '" + file.get(0) + "'" + from).stream()
                    .filter(row -> row.get(2).equals("Update_rows_partial")).count();
        }
        return count;
    }

    // ---------------------------------------------------------------- random documents and updates

    private static ObjectNode document(Random random, boolean large) {
        ObjectNode doc = NODES.objectNode();
        int members = 1 + random.nextInt(6);
        for (int i = 0; i < members; i++) {
            doc.set(KEYS[random.nextInt(KEYS.length)], value(random, 3));
        }
        if (large) {
            ArrayNode big = doc.putArray("big");
            for (int i = 0; i < 3_000; i++) {
                big.add("element " + i + " of a document past sixty-four kilobytes");
            }
        }
        return doc;
    }

    private static JsonNode value(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 11 : 8);
        return switch (kind) {
            case 0 -> NODES.numberNode(random.nextInt(200) - 100);
            case 1 -> NODES.numberNode(random.nextLong());
            case 2 -> NODES.numberNode(Math.round(random.nextDouble() * 1e6) / 1e3);
            case 3 -> NODES.textNode(text(random));
            case 4 -> NODES.booleanNode(random.nextBoolean());
            case 5 -> NODES.nullNode();
            case 6 -> NODES.numberNode(70_000 + random.nextInt(1_000_000));
            case 7 -> NODES.textNode("");
            case 8, 9 -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(KEYS[random.nextInt(KEYS.length)], value(random, depth - 1));
                }
                yield object;
            }
            default -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    array.add(value(random, depth - 1));
                }
                yield array;
            }
        };
    }

    private static String text(Random random) {
        String[] parts = {"plain", "ünïcödé", "日本語", "emoji 😀", "quote \" and \\ backslash", "new\nline", "tab\t",
            "ctrl \u0001", "€uro"};
        return parts[random.nextInt(parts.length)] + " " + random.nextInt(1000);
    }

    /** An UPDATE's new value for j, with its parameters (paths and JSON values). */
    private record Update(String sql, List<String> parameters) {
    }

    private static Update update(Random random, JsonNode current) {
        List<String> parameters = new ArrayList<>();
        String expression = "j";
        int steps = random.nextInt(5) == 0 ? 2 : 1;
        for (int step = 0; step < steps; step++) {
            List<List<Object>> paths = new ArrayList<>();
            collectPaths(current, new ArrayList<>(), paths);
            int operation = random.nextInt(3);
            if (operation == 2) {
                List<List<Object>> removable = paths.stream().filter(p -> !p.isEmpty()).toList();
                if (removable.isEmpty()) {
                    return null;
                }
                parameters.add(path(removable.get(random.nextInt(removable.size()))));
                expression = "JSON_REMOVE(" + expression + ", ?)";
                continue;
            }
            String function = operation == 0 ? "JSON_SET" : "JSON_REPLACE";
            int pairs = random.nextInt(3) == 0 ? 2 : 1;
            int added = 0;
            StringBuilder call = new StringBuilder(function + "(" + expression);
            for (int k = 0; k < pairs; k++) {
                List<Object> target = paths.get(random.nextInt(paths.size()));
                if (operation == 0 && random.nextBoolean()) {
                    target = newPath(random, current, target);
                }
                if (target == null || target.isEmpty()) {
                    continue;
                }
                parameters.add(path(target));
                parameters.add(value(random, 2).toString());
                call.append(", ?, CAST(? AS JSON)");
                added++;
            }
            if (added == 0) {
                return null;
            }
            expression = call.append(')').toString();
        }
        return new Update(expression, parameters);
    }

    /** A path that does not exist yet under an existing object or array (a new member, or past an array's end). */
    private static List<Object> newPath(Random random, JsonNode root, List<Object> parent) {
        JsonNode node = root;
        for (Object leg : parent) {
            node = leg instanceof Integer index ? node.get(index) : node.get((String) leg);
        }
        List<Object> path = new ArrayList<>(parent);
        if (node.isObject()) {
            String key = KEYS[random.nextInt(KEYS.length)] + random.nextInt(3);
            if (node.has(key)) {
                return null;
            }
            path.add(key);
        } else if (node.isArray()) {
            path.add(node.size() + random.nextInt(3));
        } else {
            return null;
        }
        return path;
    }

    private static void collectPaths(JsonNode node, List<Object> at, List<List<Object>> into) {
        into.add(at);
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                List<Object> next = new ArrayList<>(at);
                next.add(member.getKey());
                collectPaths(member.getValue(), next, into);
            }
        } else if (node.isArray() && node.size() < 50) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> next = new ArrayList<>(at);
                next.add(i);
                collectPaths(node.get(i), next, into);
            }
        }
    }

    /** MySQL path text: members always quoted (escaped as JSON strings), array cells by index. */
    private static String path(List<Object> legs) {
        StringBuilder path = new StringBuilder("$");
        for (Object leg : legs) {
            if (leg instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append('.').append(NODES.textNode((String) leg));
            }
        }
        return path.toString();
    }
}
