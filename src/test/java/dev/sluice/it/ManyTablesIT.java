package dev.sluice.it;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server with hundreds of tables: the schema history's snapshot of their definitions is larger
 * than one Kafka record may be, and start-up and a restart must still work.
 */
class ManyTablesIT {

    private static final int TABLES = 400;
    private static final Duration WAIT = Duration.ofSeconds(180);

    @Test
    void fourHundredTablesStartAndRestart() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "many")) {
            List<String> ddl = new ArrayList<>();
            for (int k = 0; k < TABLES; k++) {
                StringBuilder create = new StringBuilder("CREATE TABLE " + db.name() + ".t" + k + " (id INT PRIMARY KEY");
                for (int c = 0; c < 10; c++) {
                    create.append(", a_rather_descriptive_column_name_").append(c)
                            .append(" VARCHAR(200) NOT NULL DEFAULT 'some default text'");
                }
                ddl.add(create.append(")").toString());
            }
            server.execute(ddl.toArray(String[]::new));
            Map<String, String> env = SluiceProcess.env(server, db.connector(), db.name() + ".*");
            String last = db.name() + ".t" + (TABLES - 1);
            try (SluiceProcess first = SluiceProcess.start("many-tables", env)) {
                first.awaitStreaming();
                server.execute("INSERT INTO " + last + " (id) VALUES (1)");
                KafkaTopics.await(db.topic("t" + (TABLES - 1)), 1, WAIT);
                first.stop();
            }
            try (SluiceProcess second = SluiceProcess.start("many-tables", env)) {
                second.awaitStreaming();
                // the history holds every table on the server, so other databases may add to the 400
                java.util.regex.Matcher rebuilt = java.util.regex.Pattern.compile("Rebuilt (\\d+) table definitions")
                        .matcher(second.output());
                assertTrue(rebuilt.find() && Integer.parseInt(rebuilt.group(1)) >= TABLES, second.output());
                server.execute("INSERT INTO " + last + " (id) VALUES (2)");
                KafkaTopics.await(db.topic("t" + (TABLES - 1)), 2, WAIT);
            }
        }
    }
}
