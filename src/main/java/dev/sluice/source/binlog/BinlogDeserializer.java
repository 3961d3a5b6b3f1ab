package dev.sluice.source.binlog;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The binlog client's event deserializer with Sluice's decoders: rows with Sluice's temporal
 * handling ({@link RowDecoding}), partial JSON updates rebuilt into whole documents
 * ({@link PartialUpdateRows}), statements kept as bytes with their charset ({@link QueryText}),
 * MariaDB's compressed events ({@link MariadbCompressed}), incidents, and MySQL's compressed
 * transactions, whose events are decoded by the same decoders. Headers keep their raw type
 * number ({@link BinlogEventHeader}). Table maps are kept in a map of its own, filled as each
 * TABLE_MAP event is read, for the row decoders that follow it.
 */
public final class BinlogDeserializer extends EventDeserializer {

    private final Map<Long, TableMapEventData> tableMaps;
    private final BinlogEventHeader.Decoder headers;

    public BinlogDeserializer() {
        this(new BinlogEventHeader.Decoder(), new HashMap<>());
    }

    private BinlogDeserializer(BinlogEventHeader.Decoder headers, Map<Long, TableMapEventData> tableMaps) {
        super(headers);
        this.headers = headers;
        this.tableMaps = tableMaps;
        setCompatibilityMode(RowDecoding.MODES[0], RowDecoding.MODES[1], RowDecoding.MODES[2]);
        EventDataDeserializer<?>[] v1 = {new RowDecoding.Writes(tableMaps), new RowDecoding.Updates(tableMaps),
            new RowDecoding.Deletes(tableMaps)};
        EventDataDeserializer<?>[] v2 = {new RowDecoding.Writes(tableMaps).setMayContainExtraInformation(true),
            new RowDecoding.Updates(tableMaps).setMayContainExtraInformation(true),
            new RowDecoding.Deletes(tableMaps).setMayContainExtraInformation(true)};
        setEventDataDeserializer(EventType.WRITE_ROWS, v1[0]);
        setEventDataDeserializer(EventType.UPDATE_ROWS, v1[1]);
        setEventDataDeserializer(EventType.DELETE_ROWS, v1[2]);
        setEventDataDeserializer(EventType.EXT_WRITE_ROWS, v2[0]);
        setEventDataDeserializer(EventType.EXT_UPDATE_ROWS, v2[1]);
        setEventDataDeserializer(EventType.EXT_DELETE_ROWS, v2[2]);
        setEventDataDeserializer(EventType.PARTIAL_UPDATE_ROWS_EVENT, new PartialUpdateRows(tableMaps));
        QueryText.Decoder query = new QueryText.Decoder(false);
        setEventDataDeserializer(EventType.QUERY, query);
        setEventDataDeserializer(EventType.EXECUTE_LOAD_QUERY, new QueryText.Decoder(true));
        setEventDataDeserializer(EventType.INCIDENT, new IncidentData.Decoder());
        setEventDataDeserializer(EventType.TRANSACTION_PAYLOAD, new Payloads());
        setEventDataDeserializer(EventType.UNKNOWN, new MariadbCompressed(headers::lastRawType, query, v1, v2));
    }

    @Override
    public Event nextEvent(ByteArrayInputStream inputStream) throws IOException {
        Event event = super.nextEvent(inputStream);
        if (event != null && event.getHeader().getEventType() == EventType.TABLE_MAP) {
            TableMapEventData map = (TableMapEventData) EventDataWrapper.internal(event.getData());
            tableMaps.put(map.getTableId(), map);
        }
        return event;
    }

    /**
     * A compressed transaction (MySQL's binlog_transaction_compression): a header of typed fields,
     * then the events, zstd-compressed (type 0) or stored (type 255), kept as they are until read
     * (see {@link CompressedTransaction}).
     */
    private static final class Payloads implements EventDataDeserializer<CompressedTransaction> {
        private static final int END_MARK = 0;
        private static final int PAYLOAD_SIZE = 1;
        private static final int COMPRESSION_TYPE = 2;
        private static final int UNCOMPRESSED_SIZE = 3;

        @Override
        public CompressedTransaction deserialize(ByteArrayInputStream in) throws IOException {
            int payloadSize = 0;
            int compressionType = 0;
            while (in.available() > 0) {
                int field = in.readPackedInteger();
                if (field == END_MARK) {
                    break;
                }
                int length = in.readPackedInteger();
                switch (field) {
                    case PAYLOAD_SIZE -> payloadSize = in.readPackedInteger();
                    case COMPRESSION_TYPE -> compressionType = in.readPackedInteger();
                    case UNCOMPRESSED_SIZE -> in.readPackedLong();
                    default -> in.read(length);
                }
            }
            return new CompressedTransaction(compressionType, in.read(payloadSize));
        }
    }
}
