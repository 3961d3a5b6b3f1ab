package dev.sluice.snapshot;

import dev.sluice.offset.SourceOffset;
import dev.sluice.schema.TableSchema;

import java.nio.ByteBuffer;
import java.util.Map;

/** How an incremental snapshot's chunks become records: implemented where change events are written. */
public interface ChunkRecords {

    /** The record key of a row: the stream reports the rows it changes by the same key. */
    byte[] key(TableSchema table, Object[] row);

    /**
     * Sends a closed chunk's rows, in order, as read events at the stream's position
     * {@code boundary}. Each record's acknowledgement lets the offset reach {@code afterEach},
     * the last one's {@code afterLast}.
     *
     * @param rows the rows by their key
     */
    void send(TableSchema table, Map<ByteBuffer, Object[]> rows, SourceOffset boundary, SourceOffset afterEach,
            SourceOffset afterLast);
}
