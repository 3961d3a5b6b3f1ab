package dev.sluice.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MySQL reached only through an SSH tunnel (a dedicated sshd from deploy/local/ssh.sh as the
 * bastion): snapshot and stream through it, a tunnel that drops mid-stream, the preflight check
 * through it, and the ways it can be refused (wrong key, a host key known_hosts does not hold).
 */
class SshIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String NAME = "it";
    private static final int SSH_PORT = 12223;
    private static final Path SSH_HOME = LocalStack.home().resolve("ssh-" + NAME);

    @BeforeAll
    static void startSshServer() {
        LocalStack.run("ssh.sh", Map.of(), "start", NAME, String.valueOf(SSH_PORT));
    }

    @AfterAll
    static void stopSshServer() {
        LocalStack.run("ssh.sh", Map.of(), "stop", NAME);
    }

    private static Map<String, String> env(TestDatabase db, String key, String knownHosts) {
        Map<String, String> env = SluiceProcess.env(DbServer.mysql(), db.connector(), db.name() + ".*");
        env.put("SLUICE_SSH_ENABLED", "true");
        env.put("SLUICE_SSH_HOST", "127.0.0.1");
        env.put("SLUICE_SSH_PORT", String.valueOf(SSH_PORT));
        env.put("SLUICE_SSH_USER", System.getProperty("user.name"));
        env.put("SLUICE_SSH_PRIVATE_KEY_FILE", SSH_HOME.resolve(key).toString());
        env.put("SLUICE_SSH_KNOWN_HOSTS_FILE", SSH_HOME.resolve(knownHosts).toString());
        env.put("SLUICE_SSH_CONNECT_TIMEOUT", "20s");
        return env;
    }

    @Test
    void snapshotsAndStreamsThroughTheTunnelAndOutlivesItsDrop() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "ssh")) {
            String table = db.name() + ".t";
            server.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v VARCHAR(20))",
                    "INSERT INTO " + table + " VALUES (1, 'snapshot'), (2, 'snapshot')");
            Map<String, String> env = env(db, "client-key", "known_hosts");
            env.put("SLUICE_SNAPSHOT_MODE", "initial");
            try (SluiceProcess sluice = SluiceProcess.start("ssh-tunnel", env)) {
                sluice.awaitStreaming();
                assertTrue(sluice.output().contains("SSH host key of 127.0.0.1:" + SSH_PORT + " verified"),
                        sluice.output());
                server.execute("INSERT INTO " + table + " VALUES (3, 'stream')");
                KafkaTopics.awaitKeys(db.topic("t"), 3, WAIT);

                LocalStack.run("ssh.sh", Map.of(), "drop", NAME);
                server.execute("INSERT INTO " + table + " VALUES (4, 'while dropped')",
                        "UPDATE " + table + " SET v = 'updated' WHERE id = 1");
                sluice.awaitLog("SSH tunnel reopened", WAIT);
                server.execute("INSERT INTO " + table + " VALUES (5, 'after')");
                KafkaTopics.await(db.topic("t"), "every change once the tunnel is back", records ->
                        records.stream().anyMatch(r -> r.value() != null && r.value().contains("\"after\""))
                                && records.stream().anyMatch(r -> r.value() != null && r.value().contains("updated"))
                                && records.stream().map(r -> r.key()).distinct().count() >= 5, WAIT);
                assertFalse(sluice.output().contains("\tat "), "no stack trace:\n" + sluice.output());
            }
        }
    }

    /**
     * Without known_hosts the first host key is pinned: a server presenting another one after a
     * drop (an impostor on the bastion's address) stops Sluice with both fingerprints.
     */
    @Test
    void withoutKnownHostsAChangedHostKeyOnAReconnectStopsSluice() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "sshpin")) {
            String table = db.name() + ".t";
            server.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY)");
            Map<String, String> env = env(db, "client-key", "known_hosts");
            env.remove("SLUICE_SSH_KNOWN_HOSTS_FILE");
            try (SluiceProcess sluice = SluiceProcess.start("ssh-pinned", env)) {
                sluice.awaitStreaming();
                assertTrue(sluice.output().contains("pinned for the life of this process"), sluice.output());
                server.execute("INSERT INTO " + table + " VALUES (1)");
                KafkaTopics.await(db.topic("t"), 1, WAIT);
                try {
                    LocalStack.run("ssh.sh", Map.of(), "drop", NAME);
                    LocalStack.run("ssh.sh", Map.of(), "stop", NAME);
                    LocalStack.run("ssh.sh", Map.of("SSH_HOST_KEY", "other-key"), "start", NAME,
                            String.valueOf(SSH_PORT));
                    sluice.awaitLog("Stopped:", WAIT);
                } finally {
                    LocalStack.run("ssh.sh", Map.of(), "stop", NAME);
                    LocalStack.run("ssh.sh", Map.of(), "start", NAME, String.valueOf(SSH_PORT));
                }
                String out = sluice.output();
                assertTrue(out.contains("now presents the host key") && out.contains("but this process pinned"), out);
                assertFalse(out.contains("SSH tunnel reopened"), out);
            }
        }
    }

    @Test
    void theCheckRunsThroughTheTunnel() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "sshcheck")) {
            try (SluiceProcess check = SluiceProcess.start("ssh-check", env(db, "client-key", "known_hosts"),
                    "check")) {
                check.awaitExit(WAIT);
                assertTrue(check.output().contains("logged in to " + server.host() + ":" + server.port()), check.output());
            }
        }
    }

    @Test
    void aKeyWithAPassphraseFromAFile() throws java.io.IOException {
        Path passphrase = Path.of("target/secrets").toAbsolutePath().resolve("ssh-passphrase");
        java.nio.file.Files.createDirectories(passphrase.getParent());
        java.nio.file.Files.writeString(passphrase, "tunnel-passphrase\n");
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "sshpass")) {
            Map<String, String> env = env(db, "passphrase-key", "known_hosts");
            env.put("SLUICE_SSH_PASSPHRASE_FILE", passphrase.toString());
            try (SluiceProcess check = SluiceProcess.start("ssh-passphrase-check", env, "check")) {
                check.awaitExit(WAIT);
                assertTrue(check.output().contains("logged in to " + server.host() + ":" + server.port()), check.output());
                assertFalse(check.output().contains("tunnel-passphrase"), check.output());
            }
            env.remove("SLUICE_SSH_PASSPHRASE_FILE");
            try (SluiceProcess withoutPassphrase = SluiceProcess.start("ssh-passphrase-missing", env)) {
                assertEquals(1, withoutPassphrase.awaitExit(WAIT), withoutPassphrase.output());
                assertTrue(withoutPassphrase.output().contains("the SSH private key is encrypted; set"
                        + " SLUICE_SSH_PASSPHRASE or SLUICE_SSH_PASSPHRASE_FILE"), withoutPassphrase.output());
            }
        }
    }

    @Test
    void aKeyTheServerDoesNotKnowStopsStartUpWithOneLine() {
        refuses("ssh-wrong-key", "other-key", "known_hosts", "refused the key of user");
    }

    @Test
    void aHostKeyKnownHostsDoesNotHoldStopsStartUpWithOneLine() {
        refuses("ssh-wrong-host-key", "client-key", "known_hosts-wrong", "presented a host key");
    }

    private static void refuses(String label, String key, String knownHosts, String explanation) {
        try (TestDatabase db = new TestDatabase(DbServer.mysql(), "sshno")) {
            try (SluiceProcess sluice = SluiceProcess.start(label, env(db, key, knownHosts))) {
                assertEquals(1, sluice.awaitExit(WAIT), sluice.output());
                assertTrue(sluice.output().contains(explanation), "expected '" + explanation + "' in:\n"
                        + sluice.output());
                assertFalse(sluice.output().contains("\tat "), "no stack trace:\n" + sluice.output());
            }
        }
    }
}
