package dev.sluice.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Turns the raw configuration into {@link Settings}, collecting every problem as one line that
 * names the environment variable and what it expects. Secret values never appear in a message.
 */
public final class SettingsValidator {

    private final List<String> problems = new ArrayList<>();

    private SettingsValidator() {
    }

    /**
     * @param kafka the Kafka client properties ({@code kafka.*}, {@code KAFKA_*}) without the prefix
     * @throws ConfigurationException listing every problem found
     */
    public static Settings validate(SluiceConfig config, Map<String, Object> kafka) {
        return validate(config, kafka, System.getenv().keySet());
    }

    /** @param environment the names of the environment variables, where a misspelt setting is found */
    public static Settings validate(SluiceConfig config, Map<String, Object> kafka, Iterable<String> environment) {
        SettingsValidator validator = new SettingsValidator();
        validator.problems.addAll(KnownSettings.unknown(environment));
        return validator.run(config, kafka);
    }

    /** The environment variable that sets a property, e.g. {@code SLUICE_MYSQL_HOST}. */
    public static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private Settings run(SluiceConfig config, Map<String, Object> kafka) {
        String name = required(config.name(), "sluice.name", "the connector name (offsets key, metrics tag)");
        if (name != null && !name.matches("[A-Za-z0-9._-]+")) {
            problem("sluice.name", "expected letters, digits, '.', '_' or '-' only (it is part of topic names), got '"
                    + name + "'");
        }
        String prefix = config.topicPrefix().map(String::trim).filter(s -> !s.isEmpty()).orElse(name);
        if (prefix != null && !prefix.matches("[A-Za-z0-9._-]+")) {
            problem("sluice.topic-prefix", "expected letters, digits, '.', '_' or '-' only, got '" + prefix + "'");
        }
        Settings.MysqlSettings mysql = mysql(config.mysql(), name, config.ssh());
        TableFilter filter = tableFilter(config);
        SnapshotMode snapshotMode = parse(() -> SnapshotMode.parse(config.snapshotMode()), "sluice.snapshot-mode");
        positive(config.topics().partitions(), "sluice.topics.partitions");
        config.topics().replicationFactor().ifPresent(rf -> positive(rf, "sluice.topics.replication-factor"));
        positive(config.queue().maxEvents(), "sluice.queue.max-events");
        positive(config.queue().maxBytes(), "sluice.queue.max-bytes");
        positive(config.offsets().flushInterval(), "sluice.offsets.flush-interval");
        Settings.HeartbeatSettings heartbeat = heartbeat(config.heartbeat(), prefix);
        String[] signal = databaseAndTable(config.signal().table(), "sluice.signal.table");
        String signalTopic = config.signal().kafkaTopic().map(String::trim).filter(t -> !t.isEmpty()).orElse(null);
        int chunkSize = config.incrementalSnapshot().chunkSize();
        if (chunkSize < 1 || chunkSize > 1_000_000) {
            problem("sluice.incremental-snapshot.chunk-size", "expected a number of rows between 1 and 1000000, got "
                    + chunkSize);
        }
        positive(config.incrementalSnapshot().chunkTimeout(), "sluice.incremental-snapshot.chunk-timeout");
        ConversionOptions conversion = conversion(config);
        TopicRouting routing = topicRouting(config);
        SkippedOperations skipped = parse(() -> SkippedOperations.parse(config.skippedOperations()),
                "sluice.skipped-operations");
        GtidSourceFilter gtidSources = parse(() -> GtidSourceFilter.parse(config.gtidSourceIncludes(),
                config.gtidSourceExcludes()), "sluice.gtid-source-includes");
        java.time.ZoneId zone = connectionTimezone(config.connectionTimezone());
        positive(config.health().maxSilence(), "sluice.health.max-silence");
        positive(config.metrics().binlogPollInterval(), "sluice.metrics.binlog-poll-interval");
        Map<String, Object> kafkaProperties = kafka(kafka);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        String offsetsTopic = config.offsets().topic().map(String::trim).filter(s -> !s.isEmpty())
                .orElse(prefix + ".offsets");
        SluiceConfig.SchemaHistory history = config.schemaHistory();
        Settings.SchemaHistorySettings schemaHistory = new Settings.SchemaHistorySettings(
                history.topic().map(String::trim).filter(s -> !s.isEmpty()).orElse(prefix + ".schema-history"),
                history.capturedDatabasesOnly(), history.capturedTablesOnly(), history.skipUnparseableDdl());
        return new Settings(name, prefix, routing, mysql, filter, snapshotMode, config.tombstonesOnDelete(), skipped,
                gtidSources,
                config.topics().partitions(), config.topics().replicationFactor(),
                config.queue().maxEvents(), config.queue().maxBytes(), offsetsTopic,
                config.offsets().flushInterval(), schemaHistory, config.includeSchemaChanges(),
                config.provideTransactionMetadata(),
                config.binlog().skipStatementChanges(), heartbeat,
                config.health().maxSilence(), config.readOnly(), config.standby(),
                config.exactlyOnce(), signal == null ? null : signal[0],
                signal == null ? null : signal[1], signalTopic, config.signal().allowAdditionalConditions(), chunkSize,
                config.incrementalSnapshot().chunkTimeout(),
                conversion, zone, kafkaProperties);
    }

    private Settings.MysqlSettings mysql(SluiceConfig.Mysql mysql, String name, SluiceConfig.Ssh sshConfig) {
        Settings.SshSettings ssh = ssh(sshConfig);
        String host = required(mysql.host(), "sluice.mysql.host", "the MySQL host name or address");
        if (mysql.port() < 1 || mysql.port() > 65535) {
            problem("sluice.mysql.port", "expected a TCP port between 1 and 65535, got " + mysql.port());
        }
        String user = required(mysql.user(), "sluice.mysql.user", "the MySQL user Sluice connects as");
        Secret password = password(mysql);
        long serverId = mysql.serverId().orElseGet(() -> derivedServerId(name));
        if (serverId < 1 || serverId > 4294967295L) {
            problem("sluice.mysql.server-id", "expected a number between 1 and 4294967295, got " + serverId);
        }
        SslMode sslMode = parse(() -> SslMode.parse(mysql.sslMode()), "sluice.mysql.ssl-mode");
        TlsMaterial tls = tls(mysql, sslMode);
        if (ssh != null && sslMode == SslMode.VERIFY_IDENTITY) {
            problem("sluice.mysql.ssl-mode", "verify_identity checks the host Sluice dials, which through an SSH"
                    + " tunnel is the tunnel's local end; use verify_ca with SLUICE_SSH_ENABLED");
        }
        positive(mysql.connectTimeout(), "sluice.mysql.connect-timeout");
        positive(mysql.readTimeout(), "sluice.mysql.read-timeout");
        return new Settings.MysqlSettings(host, mysql.port(), user, password, serverId, sslMode, tls,
                mysql.connectTimeout(), mysql.readTimeout(), mysql.allowPublicKeyRetrieval(), ssh);
    }

    private Settings.SshSettings ssh(SluiceConfig.Ssh ssh) {
        if (!ssh.enabled()) {
            return null;
        }
        String host = required(ssh.host(), "sluice.ssh.host", "the SSH server that reaches MySQL");
        if (ssh.port() < 1 || ssh.port() > 65535) {
            problem("sluice.ssh.port", "expected a TCP port between 1 and 65535, got " + ssh.port());
        }
        String user = required(ssh.user(), "sluice.ssh.user", "the SSH user");
        Secret key = secret(ssh.privateKey(), ssh.privateKeyFile(), "sluice.ssh.private-key", "the SSH private key");
        Secret passphrase = secret(ssh.passphrase(), ssh.passphraseFile(), "sluice.ssh.passphrase", null);
        String knownHostsFile = ssh.knownHostsFile().map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        Path knownHosts = null;
        try {
            knownHosts = knownHostsFile == null ? null : Path.of(knownHostsFile);
        } catch (java.nio.file.InvalidPathException e) {
            knownHosts = null;
        }
        if (knownHostsFile != null && (knownHosts == null || !Files.isReadable(knownHosts))) {
            problem("sluice.ssh.known-hosts-file", "expected a readable known_hosts file; cannot read '"
                    + knownHostsFile + "'");
        }
        positive(ssh.connectTimeout(), "sluice.ssh.connect-timeout");
        return new Settings.SshSettings(host, ssh.port(), user, key, passphrase, knownHosts, ssh.connectTimeout());
    }

    /**
     * A secret given directly ({@code X}) or in a file ({@code X_FILE}), not both.
     *
     * @param requiredAs what the secret is, when it is required; null when it is optional
     */
    private Secret secret(Optional<String> value, Optional<String> file, String property, String requiredAs) {
        Optional<String> path = file.map(String::trim).filter(s -> !s.isEmpty());
        Optional<String> direct = value.filter(s -> !s.isBlank());
        if (path.isPresent() && direct.isPresent()) {
            problem(property + "-file", "expected either " + envName(property) + " or " + envName(property)
                    + "_FILE, not both");
            return null;
        }
        if (path.isPresent()) {
            String content = readSecretFile(path.get(), envName(property + "-file"), "");
            return content == null ? null : new Secret(content);
        }
        if (direct.isEmpty() && requiredAs != null) {
            problems.add(envName(property) + " or " + envName(property) + "_FILE is required: " + requiredAs);
        }
        return direct.map(Secret::new).orElse(null);
    }

    /**
     * A secret's file (a mounted Kubernetes secret), without the trailing line break editors add;
     * null, with the problem recorded against {@code variable}, when it cannot be read.
     */
    private String readSecretFile(String path, String variable, String holding) {
        try {
            String content = Files.readString(Path.of(path), StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "");
            if (content.isEmpty()) {
                problems.add(variable + ": the file '" + path + "' is empty; expected it to hold the secret (a mount"
                        + " that failed leaves an empty file)");
                return null;
            }
            return content;
        } catch (IOException | java.nio.file.InvalidPathException e) {
            problems.add(variable + ": expected a readable file" + holding + "; cannot read '" + path + "' ("
                    + e.getClass().getSimpleName() + ")");
            return null;
        }
    }

    private TlsMaterial tls(SluiceConfig.Mysql mysql, SslMode mode) {
        Optional<String> ca = mysql.sslCa().map(String::trim).filter(s -> !s.isEmpty());
        Optional<String> cert = mysql.sslCert().map(String::trim).filter(s -> !s.isEmpty());
        Optional<String> key = mysql.sslKey().map(String::trim).filter(s -> !s.isEmpty());
        if (ca.isPresent() && mode != SslMode.VERIFY_CA && mode != SslMode.VERIFY_IDENTITY) {
            problem("sluice.mysql.ssl-ca", "a CA only verifies the server with SLUICE_MYSQL_SSL_MODE=verify_ca or"
                    + " verify_identity (it is " + (mode == null ? "invalid" : mode.name().toLowerCase(Locale.ROOT))
                    + "); set one of them, or remove SLUICE_MYSQL_SSL_CA");
        }
        if (cert.isPresent() != key.isPresent()) {
            problem(cert.isPresent() ? "sluice.mysql.ssl-key" : "sluice.mysql.ssl-cert",
                    "a client certificate needs both SLUICE_MYSQL_SSL_CERT and SLUICE_MYSQL_SSL_KEY");
        }
        if (mode == SslMode.DISABLED && cert.isPresent()) {
            problem("sluice.mysql.ssl-cert", "a client certificate needs TLS; SLUICE_MYSQL_SSL_MODE is disabled");
        }
        List<java.security.cert.X509Certificate> caCertificates = ca.map(f -> readPem(f, "sluice.mysql.ssl-ca",
                TlsMaterial::certificates)).orElse(List.of());
        List<java.security.cert.X509Certificate> chain = cert.map(f -> readPem(f, "sluice.mysql.ssl-cert",
                TlsMaterial::certificates)).orElse(List.of());
        java.security.PrivateKey privateKey = key.map(f -> readPem(f, "sluice.mysql.ssl-key", TlsMaterial::privateKey))
                .orElse(null);
        return new TlsMaterial(caCertificates == null ? List.of() : caCertificates, chain == null ? List.of() : chain,
                privateKey);
    }

    @FunctionalInterface
    private interface PemReader<T> {
        T read(Path file) throws IOException;
    }

    private <T> T readPem(String file, String property, PemReader<T> reader) {
        try {
            return reader.read(Path.of(file));
        } catch (IOException | RuntimeException e) {
            problem(property, "cannot use '" + file + "': " + (e instanceof java.nio.file.NoSuchFileException
                    ? "no such file" : e.getMessage()));
            return null;
        }
    }

    private Secret password(SluiceConfig.Mysql mysql) {
        Optional<String> file = mysql.passwordFile().map(String::trim).filter(s -> !s.isEmpty());
        if (file.isPresent() && mysql.password().isPresent()) {
            problem("sluice.mysql.password-file", "expected either SLUICE_MYSQL_PASSWORD or SLUICE_MYSQL_PASSWORD_FILE, not both");
            return null;
        }
        if (file.isPresent()) {
            String content = readSecretFile(file.get(), "SLUICE_MYSQL_PASSWORD_FILE", " holding the password");
            return content == null ? null : new Secret(content);
        }
        return new Secret(mysql.password().orElse(""));
    }

    private TableFilter tableFilter(SluiceConfig config) {
        String fromFile = config.tablesFile().map(String::trim).filter(s -> !s.isEmpty())
                .map(this::tablesFromFile).orElse(null);
        Optional<String> listed = config.tables().map(String::trim).filter(s -> !s.isEmpty());
        if (fromFile != null) {
            listed = Optional.of(listed.map(s -> s + ",").orElse("") + fromFile);
        }
        String include = required(listed, "sluice.tables",
                "the tables to capture: comma-separated db.table, db.* or /regex/ (or SLUICE_TABLES_FILE)");
        if (include == null) {
            return null;
        }
        TableFilter included;
        try {
            included = TableFilter.parse(include, "");
        } catch (IllegalArgumentException e) {
            problem("sluice.tables", e.getMessage());
            return null;
        }
        if (included.includesNothing()) {
            problem("sluice.tables", "no table pattern in '" + include + "'; expected comma-separated db.table, db.*"
                    + " or /regex/");
            return null;
        }
        try {
            return TableFilter.parse(include, config.tablesExclude().orElse(""));
        } catch (IllegalArgumentException e) {
            problem("sluice.tables-exclude", e.getMessage());
            return null;
        }
    }

    private Settings.HeartbeatSettings heartbeat(SluiceConfig.Heartbeat heartbeat, String prefix) {
        positive(heartbeat.interval(), "sluice.heartbeat.interval");
        positive(heartbeat.maxAge(), "sluice.heartbeat.max-age");
        String[] table = databaseAndTable(heartbeat.table(), "sluice.heartbeat.table");
        String topic = heartbeat.topic().map(String::trim).filter(s -> !s.isEmpty())
                .orElse("__sluice-heartbeat." + prefix);
        return new Settings.HeartbeatSettings(heartbeat.enabled(), heartbeat.interval(), topic,
                table == null ? null : table[0], table == null ? null : table[1], heartbeat.maxAge());
    }

    private ConversionOptions conversion(SluiceConfig config) {
        ConversionOptions.BinaryMode binary = parse(() -> ConversionOptions.mode(ConversionOptions.BinaryMode.class,
                config.binaryHandlingMode()), "sluice.binary-handling-mode");
        ConversionOptions.DecimalMode decimal = parse(() -> ConversionOptions.mode(ConversionOptions.DecimalMode.class,
                config.decimalHandlingMode()), "sluice.decimal-handling-mode");
        ConversionOptions.BigintUnsignedMode bigint = parse(() -> ConversionOptions.mode(
                ConversionOptions.BigintUnsignedMode.class, config.bigintUnsignedHandlingMode()),
                "sluice.bigint-unsigned-handling-mode");
        ConversionOptions.TimePrecisionMode time = parse(() -> ConversionOptions.mode(
                ConversionOptions.TimePrecisionMode.class, config.timePrecisionMode()), "sluice.time-precision-mode");
        return new ConversionOptions(binary, decimal, bigint, time, config.schemasEnable(), columnControls(config),
                flatRows(config));
    }

    /** Null when no regular expression is set. */
    private TopicRouting topicRouting(SluiceConfig config) {
        Optional<String> regex = config.topicRoutingRegex().filter(s -> !s.isBlank());
        Optional<String> replacement = config.topicRoutingReplacement();
        if (regex.isEmpty()) {
            if (replacement.isPresent()) {
                problem("sluice.topic-routing-regex", "is required with SLUICE_TOPIC_ROUTING_REPLACEMENT: the data"
                        + " topics to rename");
            }
            return null;
        }
        java.util.regex.Pattern pattern = parse(() -> TopicRouting.pattern(regex.get(), "the topics to route"),
                "sluice.topic-routing-regex");
        if (replacement.isEmpty() || replacement.get().isBlank()) {
            problem("sluice.topic-routing-replacement", "is required with SLUICE_TOPIC_ROUTING_REGEX: the topic"
                    + " the matched topics are written to, such as shop.all_orders or $1.orders");
            return null;
        }
        java.util.regex.Pattern keyRegex = config.topicRoutingKeyFieldRegex().filter(s -> !s.isBlank())
                .map(r -> parse(() -> TopicRouting.pattern(r, "the key field"), "sluice.topic-routing-key-field-regex"))
                .orElse(null);
        String keyReplacement = config.topicRoutingKeyFieldReplacement().orElse(null);
        if (keyRegex != null && (keyReplacement == null || keyReplacement.isBlank())) {
            problem("sluice.topic-routing-key-field-replacement", "is required with"
                    + " SLUICE_TOPIC_ROUTING_KEY_FIELD_REGEX");
        }
        if (pattern == null) {
            return null;
        }
        parse(() -> {
            TopicRouting.checkReplacement(pattern, replacement.get());
            return pattern;
        }, "sluice.topic-routing-replacement");
        if (keyRegex != null && keyReplacement != null) {
            parse(() -> {
                TopicRouting.checkReplacement(keyRegex, keyReplacement);
                return keyRegex;
            }, "sluice.topic-routing-key-field-replacement");
        }
        return new TopicRouting(pattern, replacement.get(), config.topicRoutingKeyEnforceUniqueness(),
                config.topicRoutingKeyFieldName(), keyRegex, keyReplacement);
    }

    /** Null unless rows are written flat. */
    private FlatRows flatRows(SluiceConfig config) {
        FlatRows.DeleteHandling deletes = parse(() -> FlatRows.deleteHandling(config.flatRowsDeleteHandling()),
                "sluice.flat-rows-delete-handling");
        List<FlatRows.AddedField> added = parse(() -> FlatRows.addedFields(config.flatRowsAddFields().orElse("")),
                "sluice.flat-rows-add-fields");
        return config.flatRows() && deletes != null && added != null ? new FlatRows(deletes, added) : null;
    }

    private ColumnControls columnControls(SluiceConfig config) {
        List<NamePattern> includes = parse(() -> ColumnControls.columnList(config.columnIncludeList().orElse("")),
                "sluice.column-include-list");
        List<NamePattern> excludes = parse(() -> ColumnControls.columnList(config.columnExcludeList().orElse("")),
                "sluice.column-exclude-list");
        List<ColumnControls.KeyColumns> keys = parse(() -> ColumnControls.keys(config.messageKeyColumns()
                .orElse("")), "sluice.message-key-columns");
        List<ColumnMask> masks = parse(() -> ColumnMask.list(config.columnMasks().orElse("")), "sluice.column-masks");
        Secret salt = secret(config.columnMaskHashSalt(), config.columnMaskHashSaltFile(),
                "sluice.column-mask-hash-salt", null);
        if (includes == null || excludes == null || keys == null || masks == null) {
            return ColumnControls.none();
        }
        if (!includes.isEmpty() && !excludes.isEmpty()) {
            problem("sluice.column-exclude-list", "cannot be set together with SLUICE_COLUMN_INCLUDE_LIST; keep one");
            return ColumnControls.none();
        }
        return parse(() -> ColumnControls.of(includes, excludes, keys, masks, salt), "sluice.column-masks");
    }

    /** Null for SERVER (detected at connection), else the zone. */
    private java.time.ZoneId connectionTimezone(String value) {
        if (value.trim().equalsIgnoreCase("SERVER")) {
            return null;
        }
        try {
            return java.time.ZoneId.of(value.trim());
        } catch (java.time.DateTimeException e) {
            problem("sluice.connection-timezone", "expected SERVER or an IANA time zone such as Europe/Berlin, got '"
                    + value + "'");
            return null;
        }
    }

    /** {@code db.table} split in two; null when not set (or malformed, which is reported). */
    private String[] databaseAndTable(Optional<String> value, String property) {
        Optional<String> configured = value.map(String::trim).filter(s -> !s.isEmpty());
        if (configured.isEmpty()) {
            return null;
        }
        String[] parts = configured.get().split("\\.");
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            problem(property, "expected db.table, got '" + configured.get() + "'");
            return null;
        }
        return parts;
    }

    /**
     * The bulk list: {@code schema,table} per line (optionally double-quoted), no header; blank
     * lines and surrounding spaces are ignored, duplicates merge later. Returns the tables as
     * include entries, or "" after reporting a problem.
     */
    private String tablesFromFile(String file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            problem("sluice.tables-file", "a readable CSV file of schema,table lines; cannot read '" + file + "' ("
                    + e.getClass().getSimpleName() + ")");
            return "";
        }
        List<String> tables = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            String schema = fields.length == 2 ? unquote(fields[0]) : "";
            String table = fields.length == 2 ? unquote(fields[1]) : "";
            if (schema.isEmpty() || table.isEmpty() || schema.contains("*") || table.contains("*")) {
                problem("sluice.tables-file", "line " + (n + 1) + " of " + file + " is not schema,table: '" + line + "'");
                continue;
            }
            tables.add(schema + "." + table);
        }
        if (tables.isEmpty() && problems.stream().noneMatch(p -> p.startsWith("SLUICE_TABLES_FILE"))) {
            problem("sluice.tables-file", "at least one schema,table line in " + file);
        }
        return String.join(",", tables);
    }

    private static String unquote(String field) {
        String trimmed = field.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1).trim();
        }
        return trimmed;
    }

    /** Kafka client settings that hold secrets, which may come from files ({@code KAFKA_SASL_JAAS_CONFIG_FILE}). */
    static final List<String> KAFKA_SECRETS = List.of("sasl.jaas.config", "ssl.key.password", "ssl.keystore.password",
            "ssl.truststore.password", "ssl.keystore.key", "ssl.keystore.certificate.chain", "ssl.truststore.certificates");

    private Map<String, Object> kafka(Map<String, Object> kafka) {
        Map<String, Object> properties = new HashMap<>(kafka == null ? Map.of() : kafka);
        for (String secret : KAFKA_SECRETS) {
            Object file = properties.remove(secret + ".file");
            if (file == null || file.toString().isBlank()) {
                continue;
            }
            String variable = "KAFKA_" + secret.toUpperCase(Locale.ROOT).replace('.', '_');
            if (properties.containsKey(secret)) {
                problems.add(variable + "_FILE: expected either " + variable + " or " + variable + "_FILE, not both");
                continue;
            }
            String content = readSecretFile(file.toString().trim(), variable + "_FILE", "");
            if (content != null) {
                properties.put(secret, content);
            }
        }
        Object servers = properties.get("bootstrap.servers");
        if (servers == null || servers.toString().isBlank()) {
            problems.add("KAFKA_BOOTSTRAP_SERVERS is required: the Kafka brokers, e.g. kafka-1:9092,kafka-2:9092");
        }
        return Map.copyOf(properties);
    }

    /** A stable id in a range real replicas rarely use, so two differently named Sluices never clash. */
    static long derivedServerId(String name) {
        CRC32 crc = new CRC32();
        crc.update((name == null ? "" : name).getBytes(StandardCharsets.UTF_8));
        return 1_000_000_000L + crc.getValue() % 1_000_000_000L;
    }

    private String required(Optional<String> value, String property, String expected) {
        Optional<String> trimmed = value.map(String::trim).filter(s -> !s.isEmpty());
        if (trimmed.isEmpty()) {
            problems.add(envName(property) + " is required: " + expected);
            return null;
        }
        return trimmed.get();
    }

    private <T> T parse(java.util.function.Supplier<T> parser, String property) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            problem(property, e.getMessage());
            return null;
        }
    }

    private void positive(long value, String property) {
        if (value <= 0) {
            problem(property, "expected a positive number, got " + value);
        }
    }

    private void positive(Duration value, String property) {
        if (value.isNegative() || value.isZero()) {
            problem(property, "expected a positive duration such as 500ms, 10s or 5m, got "
                    + (value.toMillis() % 1000 == 0 ? value.toSeconds() + "s" : value.toMillis() + "ms"));
        }
    }

    private void problem(String property, String detail) {
        problems.add(envName(property) + ": " + detail);
    }
}
