package dev.sluice.config;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/** Validated, resolved settings: what the rest of Sluice reads. Built by {@link SettingsValidator}. */
public record Settings(
        String name,
        String topicPrefix,
        MysqlSettings mysql,
        TableFilter tableFilter,
        SnapshotMode snapshotMode,
        boolean tombstonesOnDelete,
        int topicPartitions,
        OptionalInt topicReplicationFactor,
        int queueMaxEvents,
        long queueMaxBytes,
        String offsetsTopic,
        Duration offsetFlushInterval,
        SchemaHistorySettings schemaHistory,
        boolean includeSchemaChanges,
        Map<String, Object> kafka) {

    /** Which tables the schema history tracks, where it lives, and what it does with unparseable DDL. */
    public record SchemaHistorySettings(String topic, boolean capturedDatabasesOnly, boolean capturedTablesOnly,
            boolean skipUnparseableDdl) {
    }

    public record MysqlSettings(
            String host,
            int port,
            String user,
            Secret password,
            long serverId,
            SslMode sslMode,
            Duration connectTimeout) {

        public String address() {
            return host + ":" + port;
        }
    }
}
