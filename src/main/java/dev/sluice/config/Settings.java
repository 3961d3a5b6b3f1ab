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
        Map<String, Object> kafka) {

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
