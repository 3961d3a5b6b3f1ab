package dev.sluice.pipeline;

import dev.sluice.offset.OffsetStore;
import dev.sluice.offset.SourceOffset;
import dev.sluice.schema.SchemaTracker;
import dev.sluice.sink.KafkaClients;
import dev.sluice.sink.KafkaSchemaHistoryStore;
import dev.sluice.sink.TopicAdmin;
import dev.sluice.source.JdbcConnector;
import dev.sluice.source.ServerInfo;

/**
 * What start-up established and streaming needs: the connections, the server, the table
 * definitions at the resume position, and where to resume.
 *
 * @param committed the offset already in the offsets topic, null on a first start
 */
record StartupState(
        JdbcConnector jdbc,
        KafkaClients clients,
        TopicAdmin admin,
        OffsetStore offsets,
        KafkaSchemaHistoryStore history,
        ServerInfo server,
        SchemaTracker schema,
        SourceOffset resumeFrom,
        SourceOffset committed) {

    void close() {
        history.close();
        admin.close();
    }
}
