package dev.sluice.source.binlog;

import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.deserialization.EventHeaderDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;

import java.io.IOException;

/**
 * An event header that keeps the raw type number: the binlog client turns every number it does not
 * know into {@link EventType#UNKNOWN}, which would hide which event it was (MariaDB's compressed
 * events among them).
 */
public final class BinlogEventHeader extends EventHeaderV4 {

    private int rawType;

    /** The type number as the server wrote it. */
    public int rawType() {
        return rawType;
    }

    void rawType(int type) {
        this.rawType = type;
        EventType known = EventType.byEventNumber(type);
        setEventType(known == null ? EventType.UNKNOWN : known);
    }

    /** Reads v4 headers (19 bytes) and remembers the last raw type for the data decoders that follow. */
    static final class Decoder implements EventHeaderDeserializer<BinlogEventHeader> {
        private int lastRawType;

        @Override
        public BinlogEventHeader deserialize(ByteArrayInputStream in) throws IOException {
            BinlogEventHeader header = new BinlogEventHeader();
            header.setTimestamp(in.readLong(4) * 1000L);
            header.rawType(in.readInteger(1));
            header.setServerId(in.readLong(4));
            header.setEventLength(in.readLong(4));
            header.setNextPosition(in.readLong(4));
            header.setFlags(in.readInteger(2));
            lastRawType = header.rawType;
            return header;
        }

        int lastRawType() {
            return lastRawType;
        }
    }
}
