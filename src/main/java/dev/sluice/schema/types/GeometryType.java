package dev.sluice.schema.types;

import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.ResultSet;
import java.util.Arrays;

/**
 * The spatial types. The binlog (and a snapshot) gives a value as a 4-byte little-endian SRID
 * followed by its WKB; a POINT also gets its coordinates, as Debezium's Point.
 */
final class GeometryType implements ColumnType {

    static final GeometryType POINT = new GeometryType(true);
    static final GeometryType GEOMETRY = new GeometryType(false);

    private final boolean point;

    private GeometryType(boolean point) {
        this.point = point;
    }

    @Override
    public int[] binlogCodes() {
        return new int[] {BinlogCodes.GEOMETRY};
    }

    @Override
    public SnapshotRead snapshotRead(ColumnDef column) {
        return ResultSet::getBytes;
    }

    @Override
    public ConnectSchema connectSchema(ColumnDef column, ConversionOptions options) {
        if (point) {
            return ConnectSchema.struct().name("io.debezium.data.geometry.Point").version(1)
                    .doc("Geometry (POINT)")
                    .field("x", ConnectSchema.of("double"))
                    .field("y", ConnectSchema.of("double"))
                    .field("wkb", ConnectSchema.of("bytes").optional())
                    .field("srid", ConnectSchema.of("int32").optional());
        }
        return ConnectSchema.struct().name("io.debezium.data.geometry.Geometry").version(1).doc("Geometry")
                .field("wkb", ConnectSchema.of("bytes"))
                .field("srid", ConnectSchema.of("int32").optional());
    }

    @Override
    public ValueWriter jsonWriter(ColumnDef column, ConversionOptions options) {
        boolean withCoordinates = point;
        return (g, v) -> {
            byte[] stored = (byte[]) v;
            int srid = ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
            byte[] wkb = Arrays.copyOfRange(stored, 4, stored.length);
            g.writeStartObject();
            if (withCoordinates && wkb.length >= 21) {
                ByteOrder order = wkb[0] == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
                ByteBuffer coordinates = ByteBuffer.wrap(wkb).order(order);
                g.writeNumberField("x", coordinates.getDouble(5));
                g.writeNumberField("y", coordinates.getDouble(13));
            }
            g.writeFieldName("wkb");
            g.writeBinary(wkb);
            g.writeFieldName("srid");
            if (srid == 0) {
                g.writeNull(); // SRID 0 means none was given: Debezium writes null
            } else {
                g.writeNumber(srid);
            }
            g.writeEndObject();
        };
    }

    /** A spatial column takes only expression defaults. */
    @Override
    public Object parseDefault(ColumnDef column, String literal) {
        return null;
    }
}
