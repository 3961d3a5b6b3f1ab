package dev.sluice.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Every Sluice setting, read from {@code sluice.*} properties or the matching {@code SLUICE_*}
 * environment variables. Values an operator must supply are optional here and checked by
 * {@link SettingsValidator}, so a missing one is reported as one readable line rather than a
 * framework stack trace.
 */
@ConfigMapping(prefix = "sluice")
public interface SluiceConfig {

    /** Connector name: the offsets key and the metrics tag. */
    Optional<String> name();

    /** Prefix of every topic; defaults to the name. */
    Optional<String> topicPrefix();

    Mysql mysql();

    Ssh ssh();

    /** Include list: comma or newline separated {@code db.table}, {@code db.*} or {@code /regex/}. */
    Optional<String> tables();

    /** Exclude list, same syntax as {@link #tables()}. */
    Optional<String> tablesExclude();

    /** A CSV bulk list of tables to capture, {@code schema,table} per line, no header. */
    Optional<String> tablesFile();

    @WithDefault("initial")
    String snapshotMode();

    /** bytes, base64, base64-url-safe, hex: how BINARY/VARBINARY/BLOB values are written. */
    @WithDefault("bytes")
    String binaryHandlingMode();

    /** precise, double, string: how DECIMAL/NUMERIC values are written. */
    @WithDefault("precise")
    String decimalHandlingMode();

    /** adaptive_time_microseconds or connect: how DATE, TIME and DATETIME are written. */
    @WithDefault("adaptive_time_microseconds")
    String timePrecisionMode();

    /** long or precise: how BIGINT UNSIGNED values are written. */
    @WithDefault("long")
    String bigintUnsignedHandlingMode();

    /**
     * Whether each key and value carries its Connect schema, as Kafka's JsonConverter with
     * {@code schemas.enable=true} writes Debezium's records.
     */
    @WithDefault("false")
    boolean schemasEnable();

    /**
     * SERVER (the server's time_zone, or system_time_zone) or an IANA zone. Sluice reads TIMESTAMP
     * as a UTC instant in both the stream and snapshots, so the zone never shifts a value; it is
     * validated and reported, for configurations carried over from Debezium.
     */
    @WithDefault("SERVER")
    String connectionTimezone();

    /**
     * Columns the records carry, as {@code db.table.column} entries ({@code *} wildcards or
     * {@code /regex/}); all when unset. Debezium's {@code column.include.list}.
     */
    Optional<String> columnIncludeList();

    /** Columns the records never carry, same syntax; Debezium's {@code column.exclude.list}. */
    Optional<String> columnExcludeList();

    /**
     * Record keys other than the primary key: {@code db.table:col1,col2} entries separated by
     * semicolons; Debezium's {@code message.key.columns}.
     */
    Optional<String> messageKeyColumns();

    /**
     * Value masks, {@code columns=mask(N)}, {@code truncate(N)}, {@code hash(ALGORITHM)} or
     * {@code hash-v2(ALGORITHM)} entries separated by semicolons: Debezium's column masks.
     */
    Optional<String> columnMasks();

    /** The salt of hash masks. */
    Optional<String> columnMaskHashSalt();

    /** A file holding the salt of hash masks. */
    Optional<String> columnMaskHashSaltFile();

    /**
     * Debezium's {@code skipped.operations}: streamed operations not published, comma-separated
     * {@code c}, {@code u}, {@code d}, {@code t}, or {@code none}.
     */
    @WithDefault("t")
    String skippedOperations();

    /**
     * Debezium's {@code gtid.source.includes}: comma-separated regular expressions for the GTID
     * sources (MySQL server UUIDs, MariaDB domain ids) whose transactions count.
     */
    Optional<String> gtidSourceIncludes();

    /** Debezium's {@code gtid.source.excludes}: the GTID sources whose transactions do not count. */
    Optional<String> gtidSourceExcludes();

    /** Data topics this regular expression matches whole are renamed (Debezium's ByLogicalTableRouter). */
    Optional<String> topicRoutingRegex();

    /** The new name of a routed topic; {@code $1} for the expression's groups. */
    Optional<String> topicRoutingReplacement();

    /** Whether a routed topic's keys gain a field naming the physical topic. */
    @WithDefault("true")
    boolean topicRoutingKeyEnforceUniqueness();

    @WithDefault("__dbz__physicalTableIdentifier")
    String topicRoutingKeyFieldName();

    /** Rewrites the physical topic before it goes in the key field, with the key-field replacement. */
    Optional<String> topicRoutingKeyFieldRegex();

    Optional<String> topicRoutingKeyFieldReplacement();

    /** Write each row's new state instead of the change envelope (Debezium's ExtractNewRecordState). */
    @WithDefault("false")
    boolean flatRows();

    /** With flat rows: tombstone, drop, rewrite, rewrite-with-tombstone or delete-to-tombstone. */
    @WithDefault("tombstone")
    String flatRowsDeleteHandling();

    /** With flat rows: envelope fields added to the row, Debezium's {@code add.fields}. */
    Optional<String> flatRowsAddFields();

    /**
     * Several instances of one name may run: one streams, the others wait in a Kafka consumer
     * group and take over when it dies or freezes.
     */
    @WithDefault("false")
    boolean standby();

    /**
     * Each stretch of changes and the offset after it go to Kafka in one Kafka transaction: a
     * read_committed consumer sees every change once, across any crash.
     */
    @WithDefault("false")
    boolean exactlyOnce();

    /** Emit a tombstone (key, null value) after each delete event. */
    @WithDefault("true")
    boolean tombstonesOnDelete();

    Topics topics();

    Queue queue();

    Offsets offsets();

    SchemaHistory schemaHistory();

    Binlog binlog();

    interface Binlog {
        /**
         * Skip, with a warning and a counter, data changes the binlog holds as statements (a session
         * with binlog_format STATEMENT or MIXED) instead of stopping; their rows are not in the stream.
         */
        @WithDefault("false")
        boolean skipStatementChanges();
    }

    Heartbeat heartbeat();

    Signal signal();

    IncrementalSnapshot incrementalSnapshot();

    interface IncrementalSnapshot {
        /** Rows read per chunk (one window) of an incremental snapshot. */
        @WithDefault("1024")
        int chunkSize();

        /** How long one chunk query may run before it is cancelled. */
        @WithDefault("60s")
        Duration chunkTimeout();
    }

    Health health();

    /** Write nothing to the source (no heartbeat writes, no signal-table watermarks); needs GTIDs. */
    @WithDefault("false")
    boolean readOnly();

    /** Also publish Debezium's schema-change events (the DDL and the new definitions) on {@code <prefix>}. */
    @WithDefault("true")
    boolean includeSchemaChanges();

    /**
     * Debezium's {@code provide.transaction.metadata}: BEGIN and END records on
     * {@code <prefix>.transaction} and the {@code transaction} block in streamed data events.
     */
    @WithDefault("false")
    boolean provideTransactionMetadata();

    interface Mysql {
        Optional<String> host();

        @WithDefault("3306")
        int port();

        Optional<String> user();

        Optional<String> password();

        /** A file holding the password (for Kubernetes secrets); trailing newlines are ignored. */
        Optional<String> passwordFile();

        /** Sluice's replica server id on the binlog connection; derived from the name when unset. */
        OptionalLong serverId();

        /** disabled, preferred, required, verify_ca, verify_identity. */
        @WithDefault("preferred")
        String sslMode();

        /** A PEM file with the CA certificate(s) that verify the server; the JVM's trust store when unset. */
        Optional<String> sslCa();

        /** A PEM client certificate, for accounts that REQUIRE X509 (with {@link #sslKey()}). */
        Optional<String> sslCert();

        /** The client certificate's PEM private key (PKCS#8, or PKCS#1 RSA), unencrypted: mount it as a secret. */
        Optional<String> sslKey();

        @WithDefault("30s")
        Duration connectTimeout();

        /**
         * How long a snapshot or chunk query may wait for the server's next bytes before its
         * connection counts as dead and the read is retried.
         */
        @WithDefault("5m")
        Duration readTimeout();

        /**
         * Whether Sluice may ask the server for its RSA key to send a caching_sha2_password over
         * a connection without TLS. Off: a man in the middle could hand Sluice his own key.
         */
        @WithDefault("false")
        boolean allowPublicKeyRetrieval();
    }

    /** An SSH tunnel every MySQL connection goes through (binlog, snapshots, heartbeats, check). */
    interface Ssh {
        @WithDefault("false")
        boolean enabled();

        /** The SSH server (bastion) that can reach MySQL. */
        Optional<String> host();

        @WithDefault("22")
        int port();

        Optional<String> user();

        /** The private key itself (OpenSSH or PEM text); prefer {@link #privateKeyFile()} with a mounted secret. */
        Optional<String> privateKey();

        Optional<String> privateKeyFile();

        /** The private key's passphrase, if it has one. */
        Optional<String> passphrase();

        Optional<String> passphraseFile();

        /** An OpenSSH known_hosts file: with it the server's host key is verified, without it only logged. */
        Optional<String> knownHostsFile();

        @WithDefault("30s")
        Duration connectTimeout();
    }

    interface Signal {
        /** The signal table ({@code db.table}): signals as rows, and the watermarks of incremental snapshots. */
        Optional<String> table();

        /** A Kafka topic carrying signals (keyed by the connector name); the only channel in read-only mode. */
        Optional<String> kafkaTopic();

        /**
         * Whether execute-snapshot signals may carry additional-conditions: raw SQL run as the CDC
         * user, so whoever may write a signal may read any table that user can.
         */
        @WithDefault("true")
        boolean allowAdditionalConditions();
    }

    interface Heartbeat {
        /** Layer 1: a message on the heartbeat topic every interval. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("10s")
        Duration interval();

        /** Defaults to {@code __sluice-heartbeat.<prefix>}. */
        Optional<String> topic();

        /**
         * Layer 2: the source heartbeat table ({@code db.table}); Sluice updates it (read-write)
         * or watches the updates of the primary's event (read-only).
         */
        Optional<String> table();

        /** Read-only: how old the newest heartbeat row may be before readiness fails. */
        @WithDefault("3m")
        Duration maxAge();
    }

    Metrics metrics();

    interface Metrics {
        /** How often the binlog distance behind the server is polled. */
        @WithDefault("10s")
        Duration binlogPollInterval();
    }

    interface Health {
        /**
         * Readiness fails when no binlog event (server heartbeats included) arrived, or Kafka
         * acknowledged nothing while records waited, for this long.
         */
        @WithDefault("60s")
        Duration maxSilence();
    }

    interface SchemaHistory {
        /** The history topic (one partition, kept forever); defaults to {@code <prefix>.schema-history}. */
        Optional<String> topic();

        /** Keep only DDL of databases that hold captured tables. */
        @WithDefault("false")
        boolean capturedDatabasesOnly();

        /** Keep only DDL of captured tables. */
        @WithDefault("false")
        boolean capturedTablesOnly();

        /** Skip (with a warning) DDL that Sluice cannot parse instead of stopping. */
        @WithDefault("false")
        boolean skipUnparseableDdl();
    }

    interface Topics {
        /** Partitions of data topics Sluice creates. */
        @WithDefault("1")
        int partitions();

        /** Replication factor of topics Sluice creates; unset uses the broker's default. */
        OptionalInt replicationFactor();
    }

    interface Queue {
        /**
         * Most binlog events held between the binlog reader and the event writer. Small on purpose:
         * decoded rows take about 2.5 times their binlog size on the heap, and a queue that outlives
         * young collections turns into full ones (8192 events / 32 MB cost 23 to 35% of the catch-up speed).
         */
        @WithDefault("256")
        int maxEvents();

        /** Most binlog bytes held between the binlog reader and the event writer. */
        @WithDefault("2097152")
        long maxBytes();
    }

    interface Offsets {
        /** The compacted offsets topic; defaults to {@code <prefix>.offsets}. */
        Optional<String> topic();

        /** How often the acknowledged position is written to the offsets topic. */
        @WithDefault("100ms")
        Duration flushInterval();
    }
}
