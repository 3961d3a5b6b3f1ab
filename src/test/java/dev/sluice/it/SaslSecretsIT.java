package dev.sluice.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kafka through SASL_PLAINTEXT with the PLAIN mechanism (a dedicated broker with a SASL
 * listener), every secret read from a file, and a full run (snapshot, stream, check, health,
 * metrics) whose every output is searched for the secrets.
 */
class SaslSecretsIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int KAFKA_PORT = 19292;
    private static final int SASL_PORT = KAFKA_PORT + 2;
    private static final String SASL_PASSWORD = "sasl-secret-4711";
    private static final String MYSQL_PASSWORD = "mysql-secret-0815";
    private static final Path SECRETS = Path.of("target/secrets").toAbsolutePath();

    @BeforeAll
    static void startSaslBroker() throws IOException {
        String extra = "listeners=PLAINTEXT://127.0.0.1:" + KAFKA_PORT + ",CONTROLLER://127.0.0.1:" + (KAFKA_PORT + 1)
                + ",SASL_PLAINTEXT://127.0.0.1:" + SASL_PORT + "\n"
                + "advertised.listeners=PLAINTEXT://127.0.0.1:" + KAFKA_PORT + ",SASL_PLAINTEXT://127.0.0.1:" + SASL_PORT
                + "\n"
                + "sasl.enabled.mechanisms=PLAIN\n"
                + "listener.name.sasl_plaintext.plain.sasl.jaas.config="
                + "org.apache.kafka.common.security.plain.PlainLoginModule required user_sluice=\"" + SASL_PASSWORD + "\";\n";
        LocalStack.run("kafka.sh", Map.of("KAFKA_EXTRA_PROPERTIES", extra), "start", "sasl", String.valueOf(KAFKA_PORT));
        Files.createDirectories(SECRETS);
        Files.writeString(SECRETS.resolve("mysql-password"), MYSQL_PASSWORD + "\n");
        Files.writeString(SECRETS.resolve("jaas.conf"), jaas(SASL_PASSWORD));
        Files.writeString(SECRETS.resolve("jaas-wrong.conf"), jaas("not-the-password"));
        DbServer.mysql().execute("CREATE USER IF NOT EXISTS 'sluice_secret'@'%' IDENTIFIED BY '" + MYSQL_PASSWORD + "'",
                "GRANT REPLICATION SLAVE, REPLICATION CLIENT, RELOAD, SHOW DATABASES, SELECT ON *.* TO 'sluice_secret'@'%'");
    }

    @AfterAll
    static void stopSaslBroker() {
        LocalStack.run("kafka.sh", Map.of(), "wipe", "sasl", String.valueOf(KAFKA_PORT));
    }

    private static String jaas(String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"sluice\" password=\""
                + password + "\";\n";
    }

    private static Map<String, String> env(TestDatabase db, String jaasFile) {
        Map<String, String> env = SluiceProcess.env(DbServer.mysql(), db.connector(), db.name() + ".*");
        env.remove("SLUICE_MYSQL_PASSWORD");
        env.put("SLUICE_MYSQL_USER", "sluice_secret");
        env.put("SLUICE_MYSQL_PASSWORD_FILE", SECRETS.resolve("mysql-password").toString());
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + SASL_PORT);
        env.put("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        env.put("KAFKA_SASL_MECHANISM", "PLAIN");
        env.put("KAFKA_SASL_JAAS_CONFIG_FILE", SECRETS.resolve(jaasFile).toString());
        return env;
    }

    @Test
    void aFullRunThroughSaslShowsNoSecretAnywhere() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "sasl")) {
            server.execute("CREATE TABLE " + db.name() + ".t (id INT PRIMARY KEY, v VARCHAR(20))",
                    "INSERT INTO " + db.name() + ".t VALUES (1, 'one')");
            Map<String, String> env = env(db, "jaas.conf");
            env.put("SLUICE_SNAPSHOT_MODE", "initial");
            env.put("SLUICE_HEARTBEAT_INTERVAL", "1s");
            List<String> outputs = new ArrayList<>();
            try (SluiceProcess sluice = SluiceProcess.start("sasl-full-run", env)) {
                sluice.awaitStreaming();
                server.execute("INSERT INTO " + db.name() + ".t VALUES (2, 'two')");
                String bootstrap = "127.0.0.1:" + KAFKA_PORT;
                Await.until(WAIT, "both rows on the SASL broker",
                        () -> KafkaTopics.read(bootstrap, db.topic("t")).size() >= 2);
                String base = sluice.httpBase();
                outputs.add(Http.get(base + "/q/health").body());
                outputs.add(Http.get(base + "/q/health/ready").body());
                outputs.add(Http.get(base + "/q/metrics").body());
                sluice.stop();
                outputs.add(sluice.output());
            }
            for (String format : new String[] {"text", "json"}) {
                String[] args = format.equals("json") ? new String[] {"check", "--format", "json"} : new String[] {"check"};
                try (SluiceProcess check = SluiceProcess.start("sasl-check-" + format, env, args)) {
                    check.awaitExit(WAIT);
                    assertTrue(check.output().contains("kafka"), check.output());
                    outputs.add(check.output());
                }
            }
            for (String output : outputs) {
                assertFalse(output.contains(SASL_PASSWORD), "the SASL password leaked:\n" + output);
                assertFalse(output.contains(MYSQL_PASSWORD), "the MySQL password leaked:\n" + output);
            }
        }
    }

    @Test
    void aWrongSaslPasswordStopsStartUpWithOneLine() {
        try (TestDatabase db = new TestDatabase(DbServer.mysql(), "saslno")) {
            try (SluiceProcess sluice = SluiceProcess.start("sasl-wrong-password", env(db, "jaas-wrong.conf"))) {
                assertEquals(1, sluice.awaitExit(WAIT), sluice.output());
                assertTrue(sluice.output().contains("Kafka") && sluice.output().contains("authentication"),
                        sluice.output());
                assertFalse(sluice.output().contains("\tat "), "no stack trace:\n" + sluice.output());
                assertFalse(sluice.output().contains("not-the-password"), sluice.output());
            }
        }
    }
}
