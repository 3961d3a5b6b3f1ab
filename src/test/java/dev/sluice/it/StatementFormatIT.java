package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session that switches itself to statement-format logging: its changes of captured tables are
 * not in the binlog as rows, so Sluice must stop (naming the statement and the fix) rather than
 * go on without them, unless told to skip them, which it then counts. Changes of tables it does
 * not capture pass.
 */
class StatementFormatIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    static Stream<DbServer> servers() {
        return Stream.of(DbServer.mysql(), DbServer.mariadb());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void statementFormatChangesOfCapturedTablesStopTheStreamUnlessSkipped(DbServer server) {
        try (TestDatabase db = new TestDatabase(server, "stmt")) {
            String d = db.name();
            server.execute("CREATE TABLE " + d + ".t (id INT PRIMARY KEY, v INT)",
                    "CREATE TABLE " + d + ".other (id INT PRIMARY KEY)");
            Map<String, String> env = SluiceProcess.env(server, db.connector(), d + ".t");
            String log = "stmt-" + server.label().replace(' ', '-');
            try (SluiceProcess sluice = SluiceProcess.start(log, env)) {
                sluice.awaitStreaming();
                server.execute("INSERT INTO " + d + ".t VALUES (1, 1)");
                server.execute("SET SESSION binlog_format = 'STATEMENT'", "INSERT INTO " + d + ".other VALUES (1)");
                server.execute("INSERT INTO " + d + ".t VALUES (2, 2)");
                KafkaTopics.await(db.topic("t"), 2, WAIT);

                server.execute("SET SESSION binlog_format = 'STATEMENT'", "INSERT INTO " + d + ".t VALUES (3, 3)",
                        "UPDATE " + d + ".t SET v = 4 WHERE id = 1");
                sluice.awaitLog("Stopped: INSERT of " + d + ".t at ", WAIT);
                String output = sluice.output();
                assertTrue(output.contains("INSERT INTO " + d + ".t VALUES (3, 3)"), "the statement is named:\n" + output);
                assertTrue(output.contains("binlog_format=ROW"), "the fix is named:\n" + output);
                String base = sluice.httpBase();
                Await.until(WAIT, "liveness DOWN after the stop", () -> Http.get(base + "/q/health/live").status() == 503);
            }

            env.put("SLUICE_BINLOG_SKIP_STATEMENT_CHANGES", "true");
            try (SluiceProcess sluice = SluiceProcess.start(log, env)) {
                sluice.awaitStreaming();
                server.execute("INSERT INTO " + d + ".t VALUES (5, 5)");
                List<ConsumerRecord<String, String>> records = KafkaTopics.await(db.topic("t"), 3, WAIT);
                List<Integer> ids = records.stream().map(r -> ChangeEvents.parse(r.value()).get("after"))
                        .map(JsonNode.class::cast).map(after -> after.get("id").asInt()).toList();
                assertEquals(List.of(1, 2, 5), ids, "the skipped statements' rows are not invented");
                sluice.awaitLog("Skipped INSERT of " + d + ".t", WAIT);
                sluice.awaitLog("Skipped UPDATE of " + d + ".t", WAIT);
                assertEquals(2.0, Http.metric(sluice.httpBase(), "sluice_statements_skipped_total"));
            }
        }
    }
}
