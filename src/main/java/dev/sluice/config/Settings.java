package dev.sluice.config;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/** Validated, resolved settings: what the rest of Sluice reads. Built by {@link SettingsValidator}. */
public record Settings(
        String name,
        String topicPrefix,
        TopicRouting topicRouting,
        MysqlSettings mysql,
        TableFilter tableFilter,
        SnapshotMode snapshotMode,
        boolean tombstonesOnDelete,
        SkippedOperations skippedOperations,
        GtidSourceFilter gtidSources,
        int topicPartitions,
        OptionalInt topicReplicationFactor,
        int queueMaxEvents,
        long queueMaxBytes,
        String offsetsTopic,
        Duration offsetFlushInterval,
        SchemaHistorySettings schemaHistory,
        boolean includeSchemaChanges,
        boolean provideTransactionMetadata,
        boolean skipStatementChanges,
        HeartbeatSettings heartbeat,
        Duration healthMaxSilence,
        boolean readOnly,
        boolean standby,
        boolean exactlyOnce,
        String signalTableDatabase,
        String signalTableName,
        String signalKafkaTopic,
        boolean signalConditionsAllowed,
        int incrementalChunkSize,
        Duration incrementalChunkTimeout,
        ConversionOptions conversion,
        java.time.ZoneId connectionTimezone,
        Map<String, Object> kafka) {

    /**
     * @param table the layer-2 heartbeat table as db and table name, null when none is configured
     */
    public record HeartbeatSettings(boolean enabled, Duration interval, String topic, String tableDatabase,
            String tableName, Duration maxAge) {

        public boolean hasTable() {
            return tableName != null;
        }
    }

    /** Which tables the schema history tracks, where it lives, and what it does with unparseable DDL. */
    public record SchemaHistorySettings(String topic, boolean capturedDatabasesOnly, boolean capturedTablesOnly,
            boolean skipUnparseableDdl) {
    }

    /**
     * The SSH tunnel to MySQL, null when there is none.
     *
     * @param knownHosts an OpenSSH known_hosts file, null to accept (and log) any host key
     */
    public record SshSettings(String host, int port, String user, Secret privateKey, Secret passphrase,
            java.nio.file.Path knownHosts, Duration connectTimeout) {

        public String address() {
            return host + ":" + port;
        }
    }

    public record MysqlSettings(
            String host,
            int port,
            String user,
            Secret password,
            long serverId,
            SslMode sslMode,
            TlsMaterial tls,
            Duration connectTimeout,
            Duration readTimeout,
            boolean allowPublicKeyRetrieval,
            SshSettings ssh) {

        public String address() {
            return host + ":" + port;
        }
    }
}
