package dev.sluice.source.binlog;

import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** MariaDB's compressed events of both row-event versions and the compressed statement, decoded like plain ones. */
class MariadbCompressedTest {

    private final Map<Long, TableMapEventData> tableMaps = new HashMap<>();
    private int rawType;
    private final MariadbCompressed decoder;

    MariadbCompressedTest() {
        TableMapEventData map = new TableMapEventData();
        map.setTableId(5);
        map.setDatabase("db");
        map.setTable("t");
        map.setColumnTypes(new byte[] {3});
        map.setColumnMetadata(new int[] {0});
        tableMaps.put(5L, map);
        EventDataDeserializer<?>[] v1 = {new RowDecoding.Writes(tableMaps), new RowDecoding.Updates(tableMaps),
            new RowDecoding.Deletes(tableMaps)};
        EventDataDeserializer<?>[] v2 = {new RowDecoding.Writes(tableMaps).setMayContainExtraInformation(true),
            new RowDecoding.Updates(tableMaps).setMayContainExtraInformation(true),
            new RowDecoding.Deletes(tableMaps).setMayContainExtraInformation(true)};
        decoder = new MariadbCompressed(() -> rawType, new QueryText.Decoder(false), v1, v2);
    }

    @Test
    void compressedWriteRowsOfBothVersions() throws IOException {
        for (int type : new int[] {MariadbCompressed.WRITE_ROWS_COMPRESSED_V1, MariadbCompressed.WRITE_ROWS_COMPRESSED}) {
            boolean v2 = type == MariadbCompressed.WRITE_ROWS_COMPRESSED;
            byte[] body = rowsEvent(v2, 1, concat(row(42), row(-7)));
            WriteRowsEventData rows = assertInstanceOf(WriteRowsEventData.class, decode(type, body));
            assertEquals(5, rows.getTableId());
            assertEquals(List.of(42, -7), rows.getRows().stream().map(r -> r[0]).toList(), "type " + type);
        }
    }

    @Test
    void compressedUpdateRowsCarryBothImages() throws IOException {
        for (int type : new int[] {MariadbCompressed.UPDATE_ROWS_COMPRESSED_V1, MariadbCompressed.UPDATE_ROWS_COMPRESSED}) {
            byte[] body = rowsEvent(type == MariadbCompressed.UPDATE_ROWS_COMPRESSED, 2, concat(row(1), row(2)));
            UpdateRowsEventData update = assertInstanceOf(UpdateRowsEventData.class, decode(type, body));
            Map.Entry<Serializable[], Serializable[]> change = update.getRows().get(0);
            assertEquals(1, change.getKey()[0]);
            assertEquals(2, change.getValue()[0]);
        }
    }

    @Test
    void aCompressedStatementKeepsItsStatusAndDatabase() throws IOException {
        byte[] sql = "ALTER TABLE t ADD COLUMN w INT".getBytes(StandardCharsets.US_ASCII);
        byte[] status = {4, 8, 0, 8, 0, 8, 0}; // client charset latin1
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {9, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, (byte) status.length, 0});
        body.writeBytes(status);
        body.writeBytes("db".getBytes(StandardCharsets.US_ASCII));
        body.write(0);
        body.writeBytes(compressed(sql));
        QueryText query = assertInstanceOf(QueryText.class, decode(MariadbCompressed.QUERY_COMPRESSED,
                body.toByteArray()));
        assertArrayEquals(sql, query.sqlBytes());
        assertEquals("db", query.getDatabase());
        assertEquals(8, query.clientCharset());
        assertEquals(9, query.getThreadId());
    }

    @Test
    void anotherUnknownTypeStaysUnknown() throws IOException {
        assertEquals(new UnknownEventData(180), decode(180, new byte[] {1, 2, 3}));
    }

    private EventData decode(int type, byte[] body) throws IOException {
        rawType = type;
        return decoder.deserialize(new ByteArrayInputStream(body));
    }

    /** Table id 5, flags, [v2: an empty extra block], one column, the bitmap(s), the rows compressed. */
    private static byte[] rowsEvent(boolean v2, int bitmaps, byte[] rows) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {5, 0, 0, 0, 0, 0, 0, 0});
        if (v2) {
            body.writeBytes(new byte[] {2, 0});
        }
        body.write(1);
        for (int i = 0; i < bitmaps; i++) {
            body.write(1);
        }
        body.writeBytes(compressed(rows));
        return body.toByteArray();
    }

    /** A row of one INT column: the null bitmap, then the value little-endian. */
    private static byte[] row(int value) {
        return new byte[] {0, (byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
    }

    /** MariaDB's compressed record: header (zlib, one length byte), the length, zlib data. */
    private static byte[] compressed(byte[] plain) {
        Deflater deflater = new Deflater();
        deflater.setInput(plain);
        deflater.finish();
        byte[] buffer = new byte[plain.length + 64];
        int length = deflater.deflate(buffer);
        return concat(new byte[] {(byte) 0x81, (byte) plain.length}, java.util.Arrays.copyOf(buffer, length));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
