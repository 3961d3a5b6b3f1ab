package dev.sluice.pipeline;

import dev.sluice.config.ConversionOptions;
import dev.sluice.event.ChangeEventWriter;
import dev.sluice.event.Operation;
import dev.sluice.event.RecordTopic;
import dev.sluice.event.RowCodec;
import dev.sluice.event.SourceInfo;
import dev.sluice.offset.SourceOffset;
import dev.sluice.schema.TableSchema;
import dev.sluice.snapshot.ChunkRecords;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

/** Incremental-snapshot chunks as {@code op: "r"} change events, sent through the stream session. */
final class IncrementalRecords implements ChunkRecords {

    private final StreamDispatcher.Outputs outputs;
    private final ConversionOptions options;
    private final ChangeEventWriter writer;
    private final SourceInfo source;
    private final PipelineMetrics metrics;
    private final Consumer<Runnable> inOneTransaction;
    /** The codec of the table read last: chunks come table after table, and a DDL brings a new schema object. */
    private RowCodec codec;

    /**
     * @param inOneTransaction runs a chunk's sends with no offset commit between them (see
     *     {@link dev.sluice.sink.KafkaSink#inOneTransaction}): only the last record's offset moves past the chunk
     */
    IncrementalRecords(StreamDispatcher.Outputs outputs, ConversionOptions options, String connectorName,
            PipelineMetrics metrics, Consumer<Runnable> inOneTransaction) {
        this.outputs = outputs;
        this.options = options;
        this.writer = new ChangeEventWriter(options.schemasEnabled(), connectorName);
        this.source = new SourceInfo(connectorName, outputs.names().prefix());
        this.metrics = metrics;
        this.inOneTransaction = inOneTransaction;
    }

    @Override
    public byte[] key(TableSchema table, Object[] row) {
        return writer.key(codec(table), row);
    }

    @Override
    public void send(TableSchema table, Map<ByteBuffer, Object[]> rows, SourceOffset boundary,
            SourceOffset afterEach, SourceOffset afterLast) {
        RowCodec tableCodec = codec(table);
        long now = Clock.nowMicros();
        source.transaction(null, -1, now);
        source.event(table.id().database(), table.id().table(), 0, boundary.file(), boundary.pos());
        source.row(0);
        source.snapshot("incremental");
        PipelineMetrics.TableEvents events = metrics.table(table.id());
        inOneTransaction.accept(() -> {
            Iterator<Map.Entry<ByteBuffer, Object[]>> entries = rows.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<ByteBuffer, Object[]> row = entries.next();
                byte[] value = writer.value(tableCodec, Operation.READ, null, row.getValue(), source, now);
                outputs.sender().send(tableCodec.topic(), row.getKey().array(), value,
                        entries.hasNext() ? afterEach : afterLast, now / 1000);
                events.read();
            }
        });
    }

    private RowCodec codec(TableSchema table) {
        if (codec == null || codec.schema() != table) {
            RecordTopic topic = outputs.names().recordTopic(table.id().database(), table.id().table());
            outputs.ensureTopic().accept(topic.name());
            codec = new RowCodec(table, topic, options);
        }
        return codec;
    }
}
