package dev.sluice.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsValidatorTest {

    private static final Map<String, Object> KAFKA = Map.of("bootstrap.servers", "k:9092");

    @Test
    void completeSettingsResolveWithDefaults() {
        Settings settings = SettingsValidator.validate(new Config(), KAFKA);
        assertEquals("shop", settings.name());
        assertEquals("shop", settings.topicPrefix(), "the prefix defaults to the name");
        assertEquals("shop.offsets", settings.offsetsTopic());
        assertEquals("shop.schema-history", settings.schemaHistory().topic());
        assertEquals("__sluice-heartbeat.shop", settings.heartbeat().topic());
        assertFalse(settings.heartbeat().hasTable());
        assertEquals(SnapshotMode.INITIAL, settings.snapshotMode());
        assertEquals(SslMode.PREFERRED, settings.mysql().sslMode());
        assertEquals("secret", settings.mysql().password().reveal());
        assertTrue(settings.mysql().serverId() >= 1_000_000_000L, "a derived server id");
        assertEquals(settings.mysql().serverId(), SettingsValidator.validate(new Config(), KAFKA).mysql().serverId(),
                "the derived id is stable");
    }

    @Test
    void everyProblemIsOneLineNamingTheVariable() {
        Config config = new Config();
        config.name = Optional.empty();
        config.host = Optional.of("  ");
        config.tables = Optional.empty();
        config.port = 70000;
        config.snapshotMode = "maybe";
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> SettingsValidator.validate(config, Map.of()));
        assertEquals(List.of(
                "SLUICE_NAME is required: the connector name (offsets key, metrics tag)",
                "SLUICE_MYSQL_HOST is required: the MySQL host name or address",
                "SLUICE_MYSQL_PORT: expected a TCP port between 1 and 65535, got 70000",
                "SLUICE_TABLES is required: the tables to capture: comma-separated db.table, db.* or /regex/"
                        + " (or SLUICE_TABLES_FILE)",
                "SLUICE_SNAPSHOT_MODE: expected one of initial, initial_only, no_data, when_needed, never, recovery, got"
                        + " 'maybe'",
                "KAFKA_BOOTSTRAP_SERVERS is required: the Kafka brokers, e.g. kafka-1:9092,kafka-2:9092"),
                e.problems());
    }

    @Test
    void passwordFromFileWithoutItsTrailingNewline() throws Exception {
        Path file = Files.createTempFile("pw", ".txt");
        Files.writeString(file, "from-file\n");
        Config config = new Config();
        config.password = Optional.empty();
        config.passwordFile = Optional.of(file.toString());
        assertEquals("from-file", SettingsValidator.validate(config, KAFKA).mysql().password().reveal());
        Files.delete(file);
    }

    @Test
    void unreadablePasswordFileAndBothSourcesAreRefused() {
        Config config = new Config();
        config.password = Optional.empty();
        config.passwordFile = Optional.of("/nonexistent/pw");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> SettingsValidator.validate(config, KAFKA));
        assertTrue(e.problems().get(0).startsWith("SLUICE_MYSQL_PASSWORD_FILE: expected a readable file"));
        config.password = Optional.of("x");
        config.passwordFile = Optional.of("/nonexistent/pw");
        assertEquals(List.of("SLUICE_MYSQL_PASSWORD_FILE: expected either SLUICE_MYSQL_PASSWORD or "
                + "SLUICE_MYSQL_PASSWORD_FILE, not both"),
                assertThrows(ConfigurationException.class, () -> SettingsValidator.validate(config, KAFKA)).problems());
    }

    @Test
    void secretsNeverPrintThemselves() {
        Settings settings = SettingsValidator.validate(new Config(), KAFKA);
        assertFalse(settings.toString().contains("secret"), settings.toString());
    }

    @Test
    void heartbeatTableIsDbDotTable() {
        Config config = new Config();
        config.heartbeatTable = Optional.of("ops.heartbeat");
        Settings settings = SettingsValidator.validate(config, KAFKA);
        assertEquals("ops", settings.heartbeat().tableDatabase());
        assertEquals("heartbeat", settings.heartbeat().tableName());
        config.heartbeatTable = Optional.of("heartbeat");
        assertEquals(List.of("SLUICE_HEARTBEAT_TABLE: expected db.table, got 'heartbeat'"),
                assertThrows(ConfigurationException.class, () -> SettingsValidator.validate(config, KAFKA)).problems());
    }

    @Test
    void bulkTableListFromCsv() throws Exception {
        Path file = Files.createTempFile("tables", ".csv");
        Files.writeString(file, "shop,orders\n\n  shop , customers \n\"crm\",\"accounts\"\nshop,orders\n");
        Config config = new Config();
        config.tables = Optional.empty();
        config.tablesFile = Optional.of(file.toString());
        TableFilter filter = SettingsValidator.validate(config, KAFKA).tableFilter();
        assertEquals(List.of("shop.orders", "shop.customers", "crm.accounts"), filter.includePatterns(),
                "duplicates merged, spaces and blank lines ignored");
        assertTrue(filter.isCaptured("crm", "accounts"));
        assertFalse(filter.isCaptured("shop", "other"));

        Files.writeString(file, "shop,orders\njust-one-field\nshop,*\n");
        assertEquals(List.of("SLUICE_TABLES_FILE: line 2 of " + file + " is not schema,table: 'just-one-field'",
                "SLUICE_TABLES_FILE: line 3 of " + file + " is not schema,table: 'shop,*'"),
                assertThrows(ConfigurationException.class, () -> SettingsValidator.validate(config, KAFKA)).problems());
        Files.delete(file);
    }

    @Test
    void handlingModesUseDebeziumSpellings() {
        Config config = new Config();
        config.binaryMode = "base64-url-safe";
        config.zone = "Asia/Kolkata";
        Settings settings = SettingsValidator.validate(config, KAFKA);
        assertEquals(ConversionOptions.BinaryMode.BASE64_URL_SAFE, settings.conversion().binaryMode());
        assertEquals(java.time.ZoneId.of("Asia/Kolkata"), settings.connectionTimezone());
        config.binaryMode = "octal";
        config.zone = "Mars/Olympus";
        assertEquals(List.of("SLUICE_BINARY_HANDLING_MODE: expected one of bytes, base64, base64-url-safe, hex, got 'octal'",
                "SLUICE_CONNECTION_TIMEZONE: expected SERVER or an IANA time zone such as Europe/Berlin, got 'Mars/Olympus'"),
                assertThrows(ConfigurationException.class, () -> SettingsValidator.validate(config, KAFKA)).problems());
    }

    @Test
    void tlsFilesAreReadAndMisuseIsExplained(@TempDir Path dir) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        Path pkcs8File = dir.resolve("key-pkcs8.pem");
        Files.writeString(pkcs8File, pem("PRIVATE KEY", pkcs8));
        Path pkcs1File = dir.resolve("key-pkcs1.pem");
        Files.writeString(pkcs1File, pem("RSA PRIVATE KEY", innerOctets(pkcs8)));
        assertEquals(pair.getPrivate(), TlsMaterial.privateKey(pkcs8File));
        assertEquals(pair.getPrivate(), TlsMaterial.privateKey(pkcs1File), "PKCS#1 RSA keys, as MySQL writes them");

        Path notPem = dir.resolve("ca.pem");
        Files.writeString(notPem, "hello");
        Config config = new Config();
        config.sslMode = "required";
        config.sslCa = Optional.of(notPem.toString());
        config.sslCert = Optional.of(dir.resolve("missing.pem").toString());
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> SettingsValidator.validate(config, KAFKA));
        assertEquals(4, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith("SLUICE_MYSQL_SSL_CA: a CA only verifies the server with"));
        assertEquals("SLUICE_MYSQL_SSL_KEY: a client certificate needs both SLUICE_MYSQL_SSL_CERT and"
                + " SLUICE_MYSQL_SSL_KEY", e.problems().get(1));
        assertTrue(e.problems().get(2).startsWith("SLUICE_MYSQL_SSL_CA: cannot use '" + notPem + "': not a PEM"),
                e.problems().get(2));
        assertTrue(e.problems().get(3).endsWith("missing.pem': no such file"), e.problems().get(3));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The OCTET STRING at the end of a PKCS#8 RSA key: the PKCS#1 key inside it. */
    private static byte[] innerOctets(byte[] pkcs8) {
        for (int i = 0; i < pkcs8.length - 4; i++) {
            if (pkcs8[i] == 0x05 && pkcs8[i + 1] == 0x00 && pkcs8[i + 2] == 0x04 && pkcs8[i + 3] == (byte) 0x82) {
                int length = (pkcs8[i + 4] & 0xFF) << 8 | (pkcs8[i + 5] & 0xFF);
                return java.util.Arrays.copyOfRange(pkcs8, i + 6, i + 6 + length);
            }
        }
        throw new AssertionError("no PKCS#1 key inside");
    }

    @Test
    void sshSettingsAreCheckedBeforeAnyConnection(@TempDir Path dir) throws Exception {
        Config config = new Config();
        config.sshEnabled = true;
        config.sslMode = "verify_identity";
        config.sshKnownHosts = Optional.of(dir.resolve("known_hosts").toString());
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> SettingsValidator.validate(config, KAFKA));
        assertEquals(List.of("SLUICE_SSH_USER is required: the SSH user",
                "SLUICE_SSH_PRIVATE_KEY or SLUICE_SSH_PRIVATE_KEY_FILE is required: the SSH private key",
                "SLUICE_SSH_KNOWN_HOSTS_FILE: expected a readable known_hosts file; cannot read '"
                        + dir.resolve("known_hosts") + "'",
                "SLUICE_MYSQL_SSL_MODE: verify_identity checks the host Sluice dials, which through an SSH tunnel"
                        + " is the tunnel's local end; use verify_ca with SLUICE_SSH_ENABLED"),
                e.problems());

        Path key = dir.resolve("id_ed25519");
        Files.writeString(key, "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n");
        config.sshKeyFile = Optional.of(key.toString());
        config.sshKnownHosts = Optional.empty();
        config.sslMode = "verify_ca";
        ConfigurationException onlyUser = assertThrows(ConfigurationException.class,
                () -> SettingsValidator.validate(config, KAFKA));
        assertEquals(List.of("SLUICE_SSH_USER is required: the SSH user"), onlyUser.problems());
    }

    @Test
    void columnListsAndKeyColumnsNameTheirVariable() {
        Config config = new Config();
        config.columnIncludes = Optional.of("shop.users.id");
        config.columnExcludes = Optional.of("shop.users.password");
        config.keyColumns = Optional.of("shop.users");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> SettingsValidator.validate(config, KAFKA));
        assertTrue(e.getMessage().contains("SLUICE_MESSAGE_KEY_COLUMNS: 'shop.users' is not db.table:column1"),
                e.getMessage());
        config.keyColumns = Optional.of("shop.users:tenant");
        e = assertThrows(ConfigurationException.class, () -> SettingsValidator.validate(config, KAFKA));
        assertTrue(e.getMessage().contains("SLUICE_COLUMN_EXCLUDE_LIST: cannot be set together with"
                + " SLUICE_COLUMN_INCLUDE_LIST"), e.getMessage());
        config.columnIncludes = Optional.empty();
        ColumnControls controls = SettingsValidator.validate(config, KAFKA).conversion().columns();
        assertFalse(controls.writes("shop", "users", "PASSWORD"));
        assertEquals(List.of("tenant"), controls.keyColumns("shop", "users"));
    }

    @Test
    void masksNeedKnownDigestsAndASaltThatIsNeverPrinted() {
        Config config = new Config();
        config.masks = Optional.of("shop.users.email=hash(SHA-256); shop.users.ssn=mask(4); shop.*.bio=truncate(x)");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> SettingsValidator.validate(config, KAFKA));
        assertTrue(e.getMessage().contains("SLUICE_COLUMN_MASKS: 'shop.*.bio=truncate(x)': x is not a character count"),
                e.getMessage());
        config.masks = Optional.of("shop.users.email=hash(SHA-257)");
        e = assertThrows(ConfigurationException.class, () -> SettingsValidator.validate(config, KAFKA));
        assertTrue(e.getMessage().contains("SHA-257 is not a digest algorithm"), e.getMessage());
        config.masks = Optional.of("shop.users.email=hash(SHA-256)");
        e = assertThrows(ConfigurationException.class, () -> SettingsValidator.validate(config, KAFKA));
        assertTrue(e.getMessage().contains("SLUICE_COLUMN_MASK_HASH_SALT"), e.getMessage());
        config.salt = Optional.of("pepper-123");
        ColumnControls controls = SettingsValidator.validate(config, KAFKA).conversion().columns();
        assertEquals(ColumnMask.Kind.HASH, controls.mask("shop", "users", "EMAIL").kind());
        assertTrue(controls.mask("shop", "users", "id") == null);
        assertFalse(controls.toString().contains("pepper"));
        assertFalse(controls.hashSalt().toString().contains("pepper"));
    }

    @Test
    void topicRoutingNeedsBothPartsAndGroupsTheExpressionHas() {
        Config config = new Config();
        config.routingReplacement = Optional.of("shop.orders");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> SettingsValidator.validate(config, KAFKA));
        assertTrue(e.getMessage().contains("SLUICE_TOPIC_ROUTING_REGEX: is required"), e.getMessage());
        config.routingRegex = Optional.of("shop\\.shard_(\\d+)\\.orders");
        config.routingReplacement = Optional.of("shop.$2.orders");
        e = assertThrows(ConfigurationException.class, () -> SettingsValidator.validate(config, KAFKA));
        assertTrue(e.getMessage().contains("SLUICE_TOPIC_ROUTING_REPLACEMENT: 'shop.$2.orders' refers to group $2"),
                e.getMessage());
        config.routingReplacement = Optional.of("shop.all_orders");
        TopicRouting routing = SettingsValidator.validate(config, KAFKA).topicRouting();
        assertEquals("shop.all_orders", routing.route("shop.shard_7.orders"));
        assertEquals("shop.shard_7.items", routing.route("shop.shard_7.items"));
        assertEquals("shop.shard_7.orders", routing.keyIdentifier("shop.shard_7.orders"));
    }

    @Test
    void envNames() {
        assertEquals("SLUICE_MYSQL_SERVER_ID", SettingsValidator.envName("sluice.mysql.server-id"));
    }

    /** A hand-filled configuration: SluiceConfig is a plain interface. */
    static final class Config implements SluiceConfig {
        Optional<String> name = Optional.of("shop");
        Optional<String> gtidSourceIncludes = Optional.empty();
        Optional<String> gtidSourceExcludes = Optional.empty();
        Optional<String> host = Optional.of("db");
        int port = 3306;
        Optional<String> password = Optional.of("secret");
        Optional<String> passwordFile = Optional.empty();
        Optional<String> tables = Optional.of("shop.*");
        String snapshotMode = "initial";
        Optional<String> heartbeatTable = Optional.empty();
        Optional<String> tablesFile = Optional.empty();
        String binaryMode = "bytes";
        String zone = "SERVER";
        String sslMode = "preferred";
        Optional<String> sslCa = Optional.empty();
        Optional<String> sslCert = Optional.empty();
        Optional<String> sslKey = Optional.empty();
        boolean sshEnabled = false;
        Optional<String> sshKeyFile = Optional.empty();
        Optional<String> sshKnownHosts = Optional.empty();
        Optional<String> columnIncludes = Optional.empty();
        Optional<String> columnExcludes = Optional.empty();
        Optional<String> keyColumns = Optional.empty();
        Optional<String> masks = Optional.empty();
        Optional<String> routingRegex = Optional.empty();
        Optional<String> routingReplacement = Optional.empty();
        Optional<String> salt = Optional.empty();

        @Override
        public Optional<String> name() {
            return name;
        }

        @Override
        public Optional<String> topicPrefix() {
            return Optional.empty();
        }

        @Override
        public Mysql mysql() {
            return new Mysql() {
                public Optional<String> host() {
                    return host;
                }

                public int port() {
                    return port;
                }

                public Optional<String> user() {
                    return Optional.of("sluice");
                }

                public Optional<String> password() {
                    return password;
                }

                public Optional<String> passwordFile() {
                    return passwordFile;
                }

                public OptionalLong serverId() {
                    return OptionalLong.empty();
                }

                public String sslMode() {
                    return sslMode;
                }

                public Optional<String> sslCa() {
                    return sslCa;
                }

                public Optional<String> sslCert() {
                    return sslCert;
                }

                public Optional<String> sslKey() {
                    return sslKey;
                }

                public Duration connectTimeout() {
                    return Duration.ofSeconds(30);
                }

                public Duration readTimeout() {
                    return Duration.ofMinutes(5);
                }

                public boolean allowPublicKeyRetrieval() {
                    return false;
                }
            };
        }

        @Override
        public Ssh ssh() {
            return new Ssh() {
                public boolean enabled() {
                    return sshEnabled;
                }

                public Optional<String> host() {
                    return Optional.of("bastion");
                }

                public int port() {
                    return 22;
                }

                public Optional<String> user() {
                    return Optional.empty();
                }

                public Optional<String> privateKey() {
                    return Optional.empty();
                }

                public Optional<String> privateKeyFile() {
                    return sshKeyFile;
                }

                public Optional<String> passphrase() {
                    return Optional.empty();
                }

                public Optional<String> passphraseFile() {
                    return Optional.empty();
                }

                public Optional<String> knownHostsFile() {
                    return sshKnownHosts;
                }

                public Duration connectTimeout() {
                    return Duration.ofSeconds(30);
                }
            };
        }

        @Override
        public Optional<String> tables() {
            return tables;
        }

        @Override
        public Optional<String> tablesExclude() {
            return Optional.empty();
        }

        @Override
        public Optional<String> tablesFile() {
            return tablesFile;
        }

        @Override
        public String snapshotMode() {
            return snapshotMode;
        }

        @Override
        public String binaryHandlingMode() {
            return binaryMode;
        }

        @Override
        public String decimalHandlingMode() {
            return "precise";
        }

        @Override
        public String timePrecisionMode() {
            return "adaptive_time_microseconds";
        }

        @Override
        public String bigintUnsignedHandlingMode() {
            return "long";
        }

        @Override
        public String connectionTimezone() {
            return zone;
        }

        @Override
        public Optional<String> columnIncludeList() {
            return columnIncludes;
        }

        @Override
        public Optional<String> columnExcludeList() {
            return columnExcludes;
        }

        @Override
        public Optional<String> messageKeyColumns() {
            return keyColumns;
        }

        @Override
        public Optional<String> columnMasks() {
            return masks;
        }

        @Override
        public Optional<String> columnMaskHashSalt() {
            return salt;
        }

        @Override
        public Optional<String> columnMaskHashSaltFile() {
            return Optional.empty();
        }

        @Override
        public Optional<String> topicRoutingRegex() {
            return routingRegex;
        }

        @Override
        public Optional<String> topicRoutingReplacement() {
            return routingReplacement;
        }

        @Override
        public boolean topicRoutingKeyEnforceUniqueness() {
            return true;
        }

        @Override
        public String topicRoutingKeyFieldName() {
            return "__dbz__physicalTableIdentifier";
        }

        @Override
        public Optional<String> topicRoutingKeyFieldRegex() {
            return Optional.empty();
        }

        @Override
        public Optional<String> topicRoutingKeyFieldReplacement() {
            return Optional.empty();
        }

        @Override
        public boolean flatRows() {
            return false;
        }

        @Override
        public String flatRowsDeleteHandling() {
            return "tombstone";
        }

        @Override
        public Optional<String> flatRowsAddFields() {
            return Optional.empty();
        }

        @Override
        public boolean tombstonesOnDelete() {
            return true;
        }

        @Override
        public boolean schemasEnable() {
            return false;
        }

        @Override
        public Binlog binlog() {
            return () -> false;
        }

        public SchemaHistory schemaHistory() {
            return new SchemaHistory() {
                public Optional<String> topic() {
                    return Optional.empty();
                }

                public boolean capturedDatabasesOnly() {
                    return false;
                }

                public boolean capturedTablesOnly() {
                    return false;
                }

                public boolean skipUnparseableDdl() {
                    return false;
                }
            };
        }

        @Override
        public Optional<String> gtidSourceIncludes() {
            return gtidSourceIncludes;
        }

        @Override
        public Optional<String> gtidSourceExcludes() {
            return gtidSourceExcludes;
        }

        @Override
        public boolean exactlyOnce() {
            return false;
        }

        @Override
        public boolean standby() {
            return false;
        }

        @Override
        public String skippedOperations() {
            return "t";
        }

        @Override
        public boolean provideTransactionMetadata() {
            return false;
        }

        @Override
        public boolean includeSchemaChanges() {
            return true;
        }

        @Override
        public Heartbeat heartbeat() {
            return new Heartbeat() {
                public boolean enabled() {
                    return true;
                }

                public Duration interval() {
                    return Duration.ofSeconds(10);
                }

                public Optional<String> topic() {
                    return Optional.empty();
                }

                public Optional<String> table() {
                    return heartbeatTable;
                }

                public Duration maxAge() {
                    return Duration.ofMinutes(3);
                }
            };
        }

        @Override
        public Signal signal() {
            return new Signal() {
                public Optional<String> table() {
                    return Optional.empty();
                }

                public Optional<String> kafkaTopic() {
                    return Optional.empty();
                }

                public boolean allowAdditionalConditions() {
                    return true;
                }
            };
        }

        @Override
        public IncrementalSnapshot incrementalSnapshot() {
            return new IncrementalSnapshot() {
                @Override
                public int chunkSize() {
                    return 1024;
                }

                @Override
                public Duration chunkTimeout() {
                    return Duration.ofSeconds(60);
                }
            };
        }

        @Override
        public Metrics metrics() {
            return () -> Duration.ofSeconds(10);
        }

        @Override
        public Health health() {
            return () -> Duration.ofSeconds(60);
        }

        @Override
        public boolean readOnly() {
            return false;
        }

        @Override
        public Topics topics() {
            return new Topics() {
                public int partitions() {
                    return 1;
                }

                public OptionalInt replicationFactor() {
                    return OptionalInt.empty();
                }
            };
        }

        @Override
        public Queue queue() {
            return new Queue() {
                public int maxEvents() {
                    return 100;
                }

                public long maxBytes() {
                    return 1000;
                }
            };
        }

        @Override
        public Offsets offsets() {
            return new Offsets() {
                public Optional<String> topic() {
                    return Optional.empty();
                }

                public Duration flushInterval() {
                    return Duration.ofSeconds(1);
                }
            };
        }
    }
}
