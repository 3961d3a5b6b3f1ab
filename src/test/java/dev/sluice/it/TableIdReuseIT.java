package dev.sluice.it;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * MySQL numbers tables as it opens them, and starts again from the same number after a restart:
 * a catch-up that reads across restarts sees one table id name two tables. Each table's rows must
 * still be decoded with its own definition and reach its own topic.
 */
class TableIdReuseIT {

    private static final String NAME = "tableid";
    private static final int PORT = 13346;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void aTableIdReusedAfterARestartNamesTheRightTable() throws Exception {
        try {
            HeartbeatHealthIT.stack("mysql.sh", "start", NAME, PORT);
            DbServer server = new DbServer("MySQL 9.7 (table ids)", "127.0.0.1", PORT, "admin", "admin-pw", "sluice",
                    "sluice-pw");
            String d = "tid_" + UUID.randomUUID().toString().substring(0, 8);
            server.execute("CREATE DATABASE " + d, "CREATE TABLE " + d + ".a (id INT PRIMARY KEY, v INT)",
                    "CREATE TABLE " + d + ".b (id INT PRIMARY KEY, v INT)");
            Map<String, String> env = SluiceProcess.env(server, d.replace('_', '-'), d + ".*");
            try (SluiceProcess sluice = SluiceProcess.start("table-id-reuse", env)) {
                sluice.awaitStreaming();
                sluice.stop();
            }
            restart();
            server.execute("INSERT INTO " + d + ".a VALUES (1, 10)");
            restart();
            server.execute("INSERT INTO " + d + ".b VALUES (2, 20)");
            assertEquals(tableId(server, d + ".a"), tableId(server, d + ".b"),
                    "precondition: after the restarts MySQL gave b the id a had");

            String prefix = d.replace('_', '-') + "." + d + ".";
            try (SluiceProcess sluice = SluiceProcess.start("table-id-reuse", env)) {
                sluice.awaitStreaming();
                List<ConsumerRecord<String, String>> b = KafkaTopics.await(prefix + "b", 1, WAIT);
                List<ConsumerRecord<String, String>> a = KafkaTopics.await(prefix + "a", 1, WAIT);
                assertEquals(List.of("{\"id\":1,\"v\":10}"), afters(a), "a's topic holds a's row only");
                assertEquals(List.of("{\"id\":2,\"v\":20}"), afters(b));
            }
        } finally {
            HeartbeatHealthIT.stack("mysql.sh", "stop", NAME, PORT);
        }
    }

    private static void restart() throws Exception {
        HeartbeatHealthIT.stack("mysql.sh", "stop", NAME, PORT);
        HeartbeatHealthIT.stack("mysql.sh", "start", NAME, PORT);
    }

    /** The table id of the last TABLE_MAP event for the table in the server's binlog files. */
    private static String tableId(DbServer server, String table) {
        String id = null;
        for (List<String> file : server.query("SHOW BINARY LOGS")) {
            for (List<String> event : server.query("SHOW BINLOG EVENTS IN '" + file.get(0) + "'")) {
                String info = event.get(5);
                if (event.get(2).equals("Table_map") && info.endsWith("(" + table + ")")) {
                    id = info.substring(0, info.indexOf(' ', "table_id: ".length()));
                }
            }
        }
        return id;
    }

    private static List<String> afters(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> ChangeEvents.parse(r.value()).get("after").toString()).toList();
    }
}
