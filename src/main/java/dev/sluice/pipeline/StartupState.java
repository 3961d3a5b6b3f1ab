package dev.sluice.pipeline;

import dev.sluice.offset.OffsetStore;
import dev.sluice.offset.SourceOffset;
import dev.sluice.schema.SchemaTracker;
import dev.sluice.schema.TableId;
import dev.sluice.sink.KafkaClients;
import dev.sluice.sink.KafkaSchemaHistoryStore;
import dev.sluice.sink.TopicAdmin;
import dev.sluice.source.JdbcConnector;
import dev.sluice.source.ServerInfo;
import dev.sluice.source.SourcePool;

import java.util.List;

/**
 * What start-up established and streaming needs: the connections, the server, the table
 * definitions at the resume position, and where to resume.
 *
 * @param committed the offset already in the offsets topic, null on a first start
 * @param snapshot an initial snapshot to run before streaming, null for none
 * @param capturedTables the tables captured now (recorded once their rows are delivered)
 * @param recordCapturedTables whether the recorded list must be (re)written
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
        SourceOffset committed,
        SnapshotPlan snapshot,
        SourcePool pool,
        List<TableId> capturedTables,
        boolean recordCapturedTables) {

    void close() {
        pool.close();
        history.close();
        admin.close();
    }
}
