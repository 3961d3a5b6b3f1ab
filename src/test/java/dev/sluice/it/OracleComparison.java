package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Sluice's records against Debezium's, topic by topic and record by record: keys and values,
 * payloads and schemas, field order included, after dropping only what must differ (times,
 * binlog positions, the connector's version). Each difference must be one of the intended
 * deviations listed in {@code src/test/resources/oracle/deviations.json}; anything else is
 * unexplained and fails the test.
 */
final class OracleComparison {

    /** One field that differs; {@code path} is a JSON pointer into {@code key} or {@code value}. */
    record Difference(String topic, int index, String path, String sluice, String debezium) {
        @Override
        public String toString() {
            return topic + " #" + index + " " + path + ": Sluice " + shortened(sluice) + ", Debezium "
                    + shortened(debezium);
        }

        private static String shortened(String text) {
            return text.length() > 240 ? text.substring(0, 240) + "..." : text;
        }
    }

    /**
     * An intended deviation: Debezium's behaviour, Sluice's, and why Sluice is right.
     *
     * @param topics {@code data}, {@code schema} or {@code any}
     * @param servers {@code mysql}, {@code mariadb} or {@code any}
     */
    record Deviation(String id, String why, String servers, String topics, Pattern path, Pattern sluice,
            Pattern debezium) {

        boolean explains(Difference d, boolean mariadb, boolean schemaTopic) {
            return (servers.equals("any") || servers.equals(mariadb ? "mariadb" : "mysql"))
                    && (topics.equals("any") || topics.equals(schemaTopic ? "schema" : "data"))
                    && path.matcher(d.path()).matches() && sluice.matcher(d.sluice()).matches()
                    && debezium.matcher(d.debezium()).matches();
        }
    }

    /** The outcome: records compared, identical, explained by deviations (counted by id), unexplained. */
    static final class Report {
        int compared;
        int identical;
        final Map<String, Integer> deviations = new TreeMap<>();
        final List<Difference> unexplained = new ArrayList<>();

        @Override
        public String toString() {
            return summary(60);
        }

        /** The counts, and the first {@code limit} unexplained differences. */
        String summary(int limit) {
            StringBuilder out = new StringBuilder("compared " + compared + " records: " + identical + " identical, "
                    + (compared - identical) + " different; deviations by kind " + deviations + "; "
                    + unexplained.size() + " unexplained differences");
            unexplained.stream().limit(limit).forEach(d -> out.append("\n  ").append(d));
            return out.toString();
        }
    }

    private static final List<String> VOLATILE_SOURCE = List.of("version", "ts_ms", "ts_us", "ts_ns", "file", "pos");
    private static final List<String> VOLATILE_ENVELOPE = List.of("ts_ms", "ts_us", "ts_ns");

    private OracleComparison() {
    }

    static List<Deviation> deviations() {
        try (InputStream in = OracleComparison.class.getResourceAsStream("/oracle/deviations.json")) {
            List<Deviation> list = new ArrayList<>();
            for (JsonNode d : ChangeEvents.JSON.readTree(in)) {
                list.add(new Deviation(d.get("id").asText(), d.get("why").asText(), d.path("servers").asText("any"),
                        d.path("topics").asText("any"), Pattern.compile(d.get("path").asText()),
                        Pattern.compile(d.path("sluice").asText(".*"), Pattern.DOTALL),
                        Pattern.compile(d.path("debezium").asText(".*"), Pattern.DOTALL)));
            }
            return list;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param database the test's database: Debezium's snapshot also announces the tables of every
     *     other database on the server (DROP TABLE IF EXISTS, DROP/CREATE DATABASE), which Sluice,
     *     announcing what it captures, does not; those events are set aside as a deviation
     */
    static Report compare(List<DebeziumOracle.Captured> sluice, List<DebeziumOracle.Captured> debezium,
            String schemaTopic, String database, boolean mariadb) {
        List<Deviation> deviations = deviations();
        Report report = new Report();
        List<DebeziumOracle.Captured> relevant = new ArrayList<>();
        String transactionTopic = schemaTopic + ".transaction";
        java.util.Set<String> emptyTransactions = emptyTransactions(debezium, transactionTopic);
        for (DebeziumOracle.Captured record : debezium) {
            String about = record.topic().equals(schemaTopic) ? databaseOf(record) : database;
            if (record.topic().equals(transactionTopic) && emptyTransactions.contains(transactionId(record))) {
                report.deviations.merge("transactions-without-captured-changes", 1, Integer::sum);
            } else if (about.isEmpty() || about.equals(database)) {
                relevant.add(record);
            } else {
                report.deviations.merge("schema-events-of-other-databases", 1, Integer::sum);
            }
        }
        Map<String, List<DebeziumOracle.Captured>> ours = byTopic(sluice);
        Map<String, List<DebeziumOracle.Captured>> theirs = byTopic(relevant);
        java.util.Set<String> topics = new java.util.TreeSet<>(ours.keySet());
        topics.addAll(theirs.keySet());
        for (String topic : topics) {
            List<DebeziumOracle.Captured> a = ours.getOrDefault(topic, List.of());
            List<DebeziumOracle.Captured> b = theirs.getOrDefault(topic, List.of());
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                report.compared++;
                List<Difference> differences = new ArrayList<>();
                if (i >= a.size() || i >= b.size()) {
                    differences.add(new Difference(topic, i, "", i < a.size() ? describe(a.get(i)) : "no record",
                            i < b.size() ? describe(b.get(i)) : "no record"));
                } else {
                    diff(topic, i, "/key", normalized(a.get(i).key()), normalized(b.get(i).key()), differences);
                    diff(topic, i, "/value", normalized(a.get(i).value()), normalized(b.get(i).value()), differences);
                }
                if (differences.isEmpty()) {
                    report.identical++;
                }
                for (Difference d : differences) {
                    Deviation known = deviations.stream().filter(v -> v.explains(d, mariadb, topic.equals(schemaTopic)))
                            .findFirst().orElse(null);
                    if (known == null) {
                        report.unexplained.add(d);
                    } else {
                        report.deviations.merge(known.id(), 1, Integer::sum);
                    }
                }
            }
        }
        return report;
    }

    /**
     * Debezium announces every transaction of the server, BEGIN and END with no events (on
     * MariaDB also a BEGIN without END for each DDL statement); Sluice only those with captured
     * changes. The ids of Debezium's transactions without an END that counts events.
     */
    private static java.util.Set<String> emptyTransactions(List<DebeziumOracle.Captured> records, String topic) {
        java.util.Set<String> all = new java.util.HashSet<>();
        java.util.Set<String> withEvents = new java.util.HashSet<>();
        for (DebeziumOracle.Captured record : records) {
            if (record.topic().equals(topic)) {
                JsonNode payload = payload(ChangeEvents.parse(record.value()));
                all.add(payload.path("id").asText());
                if (payload.path("status").asText().equals("END") && payload.path("event_count").asLong() > 0) {
                    withEvents.add(payload.path("id").asText());
                }
            }
        }
        all.removeAll(withEvents);
        return all;
    }

    private static String transactionId(DebeziumOracle.Captured record) {
        return payload(ChangeEvents.parse(record.key())).path("id").asText();
    }

    private static JsonNode payload(JsonNode node) {
        return node.has("schema") && node.has("payload") ? node.get("payload") : node;
    }

    private static String databaseOf(DebeziumOracle.Captured schemaChange) {
        JsonNode key = ChangeEvents.parse(schemaChange.key());
        JsonNode payload = key.has("payload") ? key.get("payload") : key;
        return payload.path("databaseName").asText("");
    }

    private static Map<String, List<DebeziumOracle.Captured>> byTopic(List<DebeziumOracle.Captured> records) {
        Map<String, List<DebeziumOracle.Captured>> byTopic = new LinkedHashMap<>();
        records.forEach(r -> byTopic.computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(r));
        return byTopic;
    }

    private static String describe(DebeziumOracle.Captured record) {
        String value = record.value() == null ? "tombstone" : record.value();
        return "key " + record.key() + " value " + (value.length() > 300 ? value.substring(0, 300) + "..." : value);
    }

    /** The record's JSON without the fields that must differ between any two connectors. */
    private static JsonNode normalized(String json) {
        if (json == null) {
            return null;
        }
        JsonNode node = ChangeEvents.parse(json);
        JsonNode payload = node.has("schema") && node.has("payload") ? node.get("payload") : node;
        if (payload instanceof ObjectNode envelope) {
            if (envelope.get("source") instanceof ObjectNode source) {
                VOLATILE_SOURCE.forEach(source::remove);
                VOLATILE_ENVELOPE.forEach(envelope::remove);
            } else if (envelope.has("status") && envelope.has("data_collections")) {
                envelope.remove("ts_ms"); // a transaction's BEGIN or END
            }
        }
        return node;
    }

    private static void diff(String topic, int index, String path, JsonNode a, JsonNode b, List<Difference> out) {
        if (a == null || b == null || a.getNodeType() != b.getNodeType()) {
            if (!(a == null && b == null) && (a == null || !a.equals(b))) {
                out.add(new Difference(topic, index, path, text(a), text(b)));
            }
            return;
        }
        if (a.isObject()) {
            List<String> aNames = names(a);
            List<String> bNames = names(b);
            if (new java.util.HashSet<>(aNames).equals(new java.util.HashSet<>(bNames)) && !aNames.equals(bNames)) {
                out.add(new Difference(topic, index, path + "/~order", aNames.toString(), bNames.toString()));
            }
            java.util.Set<String> all = new java.util.LinkedHashSet<>(aNames);
            all.addAll(bNames);
            for (String name : all) {
                diff(topic, index, path + "/" + name.replace("~", "~0").replace("/", "~1"), a.get(name), b.get(name), out);
            }
        } else if (a.isArray() && a.size() == b.size() && containsContainers((ArrayNode) a)) {
            for (int i = 0; i < a.size(); i++) {
                diff(topic, index, path + "/" + i, a.get(i), b.get(i), out);
            }
        } else if (!a.equals(b)) {
            out.add(new Difference(topic, index, path, text(a), text(b)));
        }
    }

    private static boolean containsContainers(ArrayNode array) {
        for (JsonNode element : array) {
            if (element.isContainerNode()) {
                return true;
            }
        }
        return false;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static String text(JsonNode node) {
        return node == null ? "absent" : node.toString();
    }
}
