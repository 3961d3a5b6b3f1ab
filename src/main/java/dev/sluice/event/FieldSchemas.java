package dev.sluice.event;

import dev.sluice.config.ConversionOptions;
import dev.sluice.config.ConversionOptions.BinaryMode;
import dev.sluice.config.ConversionOptions.BigintUnsignedMode;
import dev.sluice.config.ConversionOptions.TimePrecisionMode;
import dev.sluice.schema.ColumnDef;
import dev.sluice.source.MysqlCharsets;

import java.util.Locale;

/**
 * The Connect schema of one column as Debezium's MySQL connector declares it, matching what
 * {@link BinlogValueWriters} writes for the same column and modes. Optionality and the default
 * are added by {@link EventSchemas}.
 */
final class FieldSchemas {

    static final String DECIMAL = "org.apache.kafka.connect.data.Decimal";

    private FieldSchemas() {
    }

    static ConnectSchema forColumn(ColumnDef column, ConversionOptions options) {
        String type = column.dataType().toLowerCase(Locale.ROOT);
        boolean connect = options.timePrecisionMode() == TimePrecisionMode.CONNECT;
        return switch (type) {
            case "tinyint" -> ConnectSchema.of("int16");
            case "smallint" -> ConnectSchema.of(column.unsigned() ? "int32" : "int16");
            case "mediumint" -> ConnectSchema.of("int32");
            case "int", "integer" -> ConnectSchema.of(column.unsigned() ? "int64" : "int32");
            case "bigint" -> column.unsigned() && options.bigintUnsignedMode() == BigintUnsignedMode.PRECISE
                    ? decimal(20, 0) : ConnectSchema.of("int64");
            case "decimal", "numeric" -> switch (options.decimalMode()) {
                case PRECISE -> decimal(column.length(), Math.max(column.scale(), 0));
                case DOUBLE -> ConnectSchema.of("double");
                case STRING -> ConnectSchema.of("string");
            };
            case "float" -> ConnectSchema.of(column.scale() >= 0 ? "double" : "float");
            case "double", "real" -> ConnectSchema.of("double");
            case "bit" -> column.length() == 1 ? ConnectSchema.of("boolean")
                    : ConnectSchema.of("bytes").name("io.debezium.data.Bits").version(1)
                            .parameter("length", Long.toString(column.length()));
            case "date" -> connect ? named("int32", "org.apache.kafka.connect.data.Date")
                    : named("int32", "io.debezium.time.Date");
            case "time" -> connect ? named("int32", "org.apache.kafka.connect.data.Time")
                    : named("int64", "io.debezium.time.MicroTime");
            case "datetime" -> connect ? named("int64", "org.apache.kafka.connect.data.Timestamp")
                    : named("int64", column.scale() <= 3 ? "io.debezium.time.Timestamp" : "io.debezium.time.MicroTimestamp");
            case "timestamp" -> named("string", "io.debezium.time.ZonedTimestamp");
            case "year" -> named("int32", "io.debezium.time.Year");
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext" ->
                    MysqlCharsets.forName(column.charset()) == null ? binary(options) : ConnectSchema.of("string");
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> binary(options);
            case "json" -> named("string", "io.debezium.data.Json");
            case "enum" -> named("string", "io.debezium.data.Enum").parameter("allowed", allowed(column));
            case "set" -> named("string", "io.debezium.data.EnumSet").parameter("allowed", allowed(column));
            case "point" -> ConnectSchema.struct().name("io.debezium.data.geometry.Point").version(1)
                    .doc("Geometry (POINT)")
                    .field("x", ConnectSchema.of("double"))
                    .field("y", ConnectSchema.of("double"))
                    .field("wkb", ConnectSchema.of("bytes").optional())
                    .field("srid", ConnectSchema.of("int32").optional());
            case "geometry", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
                    "geometrycollection", "geomcollection" -> ConnectSchema.struct()
                    .name("io.debezium.data.geometry.Geometry").version(1).doc("Geometry")
                    .field("wkb", ConnectSchema.of("bytes"))
                    .field("srid", ConnectSchema.of("int32").optional());
            case "uuid" -> named("string", "io.debezium.data.Uuid");
            case "vector" -> ConnectSchema.arrayOf(ConnectSchema.of("float")).name("io.debezium.data.FloatVector")
                    .version(1);
            default -> ConnectSchema.of("string");
        };
    }

    /**
     * The members joined by commas, a comma or backslash inside a member escaped with a backslash
     * (as Debezium's EnumeratedValues), so that the list splits back into its members.
     */
    static String allowed(ColumnDef column) {
        StringBuilder joined = new StringBuilder();
        for (String member : column.allowedValues()) {
            if (joined.length() > 0) {
                joined.append(',');
            }
            joined.append(member.replace("\\", "\\\\").replace(",", "\\,"));
        }
        return joined.toString();
    }

    static ConnectSchema decimal(long precision, int scale) {
        return ConnectSchema.of("bytes").name(DECIMAL).version(1)
                .parameter("scale", Integer.toString(scale))
                .parameter("connect.decimal.precision", Long.toString(precision));
    }

    private static ConnectSchema named(String type, String name) {
        return ConnectSchema.of(type).name(name).version(1);
    }

    private static ConnectSchema binary(ConversionOptions options) {
        return ConnectSchema.of(options.binaryMode() == BinaryMode.BYTES ? "bytes" : "string");
    }
}
