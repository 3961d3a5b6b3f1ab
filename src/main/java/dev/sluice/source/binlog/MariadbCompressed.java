package dev.sluice.source.binlog;

import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.IntSupplier;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * MariaDB's compressed events ({@code log_bin_compress=ON}): QUERY_COMPRESSED (165) and the row
 * events WRITE/UPDATE/DELETE_ROWS_COMPRESSED in version 1 (166-168) and 2 (169-171). The binlog
 * client has no type for them, so they arrive as UNKNOWN; the raw type number (kept by
 * {@link BinlogEventHeader}) says which. Each is its plain event with one part zlib-compressed: the
 * statement text of a query, everything after the column bitmaps of a row event. The part starts
 * with a header byte (high bit set, algorithm in bits 4-6, 0 for zlib, the count of length bytes
 * in bits 0-2) and the uncompressed length, big-endian. Decompressed, the event is decoded by the
 * plain event's decoder.
 */
final class MariadbCompressed implements EventDataDeserializer<EventData> {

    static final int QUERY_COMPRESSED = 165;
    static final int WRITE_ROWS_COMPRESSED_V1 = 166;
    static final int UPDATE_ROWS_COMPRESSED_V1 = 167;
    static final int DELETE_ROWS_COMPRESSED_V1 = 168;
    static final int WRITE_ROWS_COMPRESSED = 169;
    static final int UPDATE_ROWS_COMPRESSED = 170;
    static final int DELETE_ROWS_COMPRESSED = 171;

    private final IntSupplier rawType;
    private final EventDataDeserializer<?> query;
    private final EventDataDeserializer<?>[] rowsV1;
    private final EventDataDeserializer<?>[] rowsV2;

    /**
     * @param rawType the type number of the event being decoded
     * @param rowsV1 write, update and delete decoders for version 1 row events
     * @param rowsV2 the same for version 2 (with extra row information)
     */
    MariadbCompressed(IntSupplier rawType, EventDataDeserializer<?> query, EventDataDeserializer<?>[] rowsV1,
            EventDataDeserializer<?>[] rowsV2) {
        this.rawType = rawType;
        this.query = query;
        this.rowsV1 = rowsV1;
        this.rowsV2 = rowsV2;
    }

    static boolean isCompressed(int rawType) {
        return rawType >= QUERY_COMPRESSED && rawType <= DELETE_ROWS_COMPRESSED;
    }

    @Override
    public EventData deserialize(ByteArrayInputStream in) throws IOException {
        int type = rawType.getAsInt();
        return switch (type) {
            case QUERY_COMPRESSED -> (EventData) query.deserialize(new ByteArrayInputStream(query(in)));
            case WRITE_ROWS_COMPRESSED_V1, UPDATE_ROWS_COMPRESSED_V1, DELETE_ROWS_COMPRESSED_V1 ->
                    (EventData) rowsV1[type - WRITE_ROWS_COMPRESSED_V1].deserialize(
                            new ByteArrayInputStream(rows(in, false, type == UPDATE_ROWS_COMPRESSED_V1)));
            case WRITE_ROWS_COMPRESSED, UPDATE_ROWS_COMPRESSED, DELETE_ROWS_COMPRESSED ->
                    (EventData) rowsV2[type - WRITE_ROWS_COMPRESSED].deserialize(
                            new ByteArrayInputStream(rows(in, true, type == UPDATE_ROWS_COMPRESSED)));
            default -> new UnknownEventData(type);
        };
    }

    /** The plain QUERY body: post-header, status variables, database, then the statement uncompressed. */
    private static byte[] query(ByteArrayInputStream in) throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        byte[] postHeader = in.read(13);
        plain.writeBytes(postHeader);
        int databaseLength = postHeader[8] & 0xFF;
        int statusLength = (postHeader[11] & 0xFF) | (postHeader[12] & 0xFF) << 8;
        plain.writeBytes(in.read(statusLength + databaseLength + 1));
        plain.writeBytes(inflate(in.read(in.available())));
        return plain.toByteArray();
    }

    /**
     * The plain row event body: table id (6), flags (2) [, v2: extra information with its 2-byte
     * length], the column count (packed), the column bitmap(s), then the rows uncompressed.
     */
    private static byte[] rows(ByteArrayInputStream in, boolean v2, boolean update) throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        plain.writeBytes(in.read(8));
        if (v2) {
            byte[] length = in.read(2);
            plain.writeBytes(length);
            plain.writeBytes(in.read(((length[0] & 0xFF) | (length[1] & 0xFF) << 8) - 2));
        }
        int width = packedInteger(in, plain);
        int bitmap = (width + 7) / 8;
        plain.writeBytes(in.read(update ? 2 * bitmap : bitmap));
        plain.writeBytes(inflate(in.read(in.available())));
        return plain.toByteArray();
    }

    /** Copies a MySQL packed integer and returns it. */
    private static int packedInteger(ByteArrayInputStream in, ByteArrayOutputStream copy) throws IOException {
        int first = in.read();
        copy.write(first);
        int bytes = switch (first) {
            case 252 -> 2;
            case 253 -> 3;
            case 254 -> 8;
            default -> 0;
        };
        if (bytes == 0) {
            return first;
        }
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            int b = in.read();
            copy.write(b);
            value |= (long) b << (8 * i);
        }
        return Math.toIntExact(value);
    }

    /** A compressed record: header byte, original length (big-endian), zlib data. */
    static byte[] inflate(byte[] record) throws IOException {
        if (record.length == 0 || (record[0] & 0x80) == 0) {
            throw new IOException("a compressed MariaDB event without its compression header");
        }
        int algorithm = (record[0] & 0x70) >> 4;
        if (algorithm != 0) {
            throw new IOException("a compressed MariaDB event uses algorithm " + algorithm + "; Sluice reads zlib (0)");
        }
        int lengthBytes = record[0] & 0x07;
        if (lengthBytes < 1 || lengthBytes > 4 || record.length < 1 + lengthBytes) {
            throw new IOException("a compressed MariaDB event with a " + lengthBytes + "-byte length");
        }
        long length = 0;
        for (int i = 1; i <= lengthBytes; i++) {
            length = (length << 8) | (record[i] & 0xFF);
        }
        byte[] out = new byte[Math.toIntExact(length)];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(record, 1 + lengthBytes, record.length - 1 - lengthBytes);
            int produced = inflater.inflate(out);
            if (produced != out.length || !inflater.finished()) {
                throw new IOException("a compressed MariaDB event inflated to " + produced + " bytes, not the "
                        + length + " its header says");
            }
        } catch (DataFormatException e) {
            throw new IOException("a compressed MariaDB event is not valid zlib data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
        return out;
    }
}
