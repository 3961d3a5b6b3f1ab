package dev.sluice.it;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stored state that Sluice did not write as it is: offsets that are not JSON, cut short, edited by
 * hand or written by a newer version, records of another connector, a schema history that does not
 * parse. Each start either stops with one line naming the topic, the key and the way out, or (for
 * what is not Sluice's) goes on as if it were not there; none prints a stack trace.
 */
class HostileStateIT {

    private static final Duration EXIT = Duration.ofSeconds(120);
    private static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact");
    private static final Map<String, String> KEPT_FOREVER = Map.of("cleanup.policy", "delete", "retention.ms", "-1",
            "retention.bytes", "-1");

    @Test
    void unusableOffsetsStopStartUpNamingTheWayOut() {
        DbServer server = DbServer.mysql();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("not json", "is unusable (not JSON");
        cases.put("[1]", "is unusable (not a JSON object)");
        cases.put("{\"file\":\"mysql-bin.000001\"}", "needs a text 'file' and a numeric 'pos'");
        cases.put("{\"file\":\"mysql-bin.000001\",\"pos\":4,\"gtids\":\"3e11fa47-71ca-11e1-9e33", "is unusable (not JSON");
        cases.put("{\"file\":\"mysql-bin.000001\",\"pos\":4,\"format\":99}", "written by a newer Sluice (offset format 99");
        cases.put("{\"file\":\"mysql-bin.000001\",\"pos\":-5}", "is before the first event of a binlog file");
        cases.put("{\"file\":\"mysql-bin.000001\",\"pos\":4,\"event\":-1}", "cannot be negative");
        cases.put("{\"file\":\"mysql-bin.000001\",\"pos\":4,\"gtids\":\"all of them\"}", "'gtids' is not a GTID set");
        cases.put("{\"file\":\"mysql-bin.999999\",\"pos\":4}", "mysql-bin.999999");
        int n = 0;
        try (TestDatabase db = new TestDatabase(server, "hoststate")) {
            for (Map.Entry<String, String> c : cases.entrySet()) {
                String name = db.connector() + "-" + (++n);
                KafkaTopics.create(name + ".offsets", COMPACTED);
                send(name + ".offsets", name, c.getKey());
                Map<String, String> env = SluiceProcess.env(server, name, db.name() + ".*");
                env.put("SLUICE_SNAPSHOT_MODE", "never");
                try (SluiceProcess sluice = SluiceProcess.start("hostile-state-offset-" + n, env)) {
                    assertEquals(1, sluice.awaitExit(EXIT), c.getKey() + ":\n" + sluice.output());
                    String out = sluice.output();
                    assertTrue(out.contains("Cannot start: ") && out.contains(c.getValue()),
                            c.getKey() + " must be answered with \"" + c.getValue() + "\":\n" + out);
                    assertFalse(out.contains("\tat "), "no stack trace:\n" + out);
                    assertFalse(out.contains("[Source:"), "one line, without the parser's location:\n" + out);
                    if (!c.getValue().equals("mysql-bin.999999")) {
                        assertTrue(out.contains("write a tombstone for key '" + name + "'"), out);
                    }
                }
            }
        }
        System.out.println("HostileStateIT: " + cases.size() + " unusable offsets tried");
    }

    @Test
    void recordsThatAreNotThisConnectorsAreLeftAlone() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "hostforeign")) {
            String name = db.connector();
            KafkaTopics.create(name + ".offsets", COMPACTED);
            send(name + ".offsets", "another-connector", "{\"file\":\"mysql-bin.999999\",\"pos\":4}");
            send(name + ".offsets", name + "#tables", "{not a list");
            Map<String, String> env = SluiceProcess.env(server, name, db.name() + ".*");
            env.put("SLUICE_SNAPSHOT_MODE", "never");
            try (SluiceProcess sluice = SluiceProcess.start("hostile-state-foreign", env).awaitStreaming()) {
                String out = sluice.output();
                assertTrue(out.contains("No stored offset"), "another connector's offset is not ours:\n" + out);
                assertTrue(out.contains("The list of captured tables (key '" + name + "#tables') in " + name
                        + ".offsets is unreadable"), out);
            }
        }
    }

    @Test
    void aSchemaHistoryThatDoesNotParseStopsStartUp() {
        DbServer server = DbServer.mysql();
        List<String> position = server.query("SHOW BINARY LOG STATUS").get(0);
        String offset = "{\"file\":\"" + position.get(0) + "\",\"pos\":" + position.get(1) + "}";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("garbage", "record 0 of the schema history");
        cases.put("{\"source\": {}}", "a record without a position");
        int n = 0;
        try (TestDatabase db = new TestDatabase(server, "hosthist")) {
            for (Map.Entry<String, String> c : cases.entrySet()) {
                String name = db.connector() + "-" + (++n);
                KafkaTopics.create(name + ".offsets", COMPACTED);
                KafkaTopics.create(name + ".schema-history", KEPT_FOREVER);
                send(name + ".offsets", name, offset);
                send(name + ".schema-history", null, c.getKey());
                Map<String, String> env = SluiceProcess.env(server, name, db.name() + ".*");
                try (SluiceProcess sluice = SluiceProcess.start("hostile-state-history-" + n, env)) {
                    assertEquals(1, sluice.awaitExit(EXIT), sluice.output());
                    String out = sluice.output();
                    assertTrue(out.contains("Cannot start: ") && out.contains(c.getValue()), out);
                    assertTrue(out.contains("SLUICE_SNAPSHOT_MODE=recovery"), "names the way out:\n" + out);
                    assertFalse(out.contains("\tat ") || out.contains("[Source:"), "one line, no stack trace:\n" + out);
                }
            }
        }
    }

    private static void send(String topic, String key, String value) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTopics.bootstrap()), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("writing to " + topic + ": " + e.getMessage(), e);
        }
    }
}
