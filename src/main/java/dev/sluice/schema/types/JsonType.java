package dev.sluice.schema.types;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;

import java.io.IOException;
import java.sql.ResultSet;

/**
 * MySQL's JSON: the binlog carries the binary form ({@link MysqlJsonText} renders it), a
 * snapshot the server's text. MariaDB's JSON is a LONGTEXT and never reaches this type.
 */
final class JsonType implements ColumnType {

    @Override
    public int[] binlogCodes() {
        return new int[] {BinlogCodes.JSON, BinlogCodes.BLOB};
    }

    @Override
    public SnapshotRead snapshotRead(ColumnDef column) {
        return ResultSet::getString; // text, which the writer must not take for binary JSON
    }

    @Override
    public ConnectSchema connectSchema(ColumnDef column, ConversionOptions options) {
        return ConnectSchema.named("string", "io.debezium.data.Json");
    }

    @Override
    public ValueWriter jsonWriter(ColumnDef column, ConversionOptions options) {
        return (g, v) -> {
            if (v instanceof String text) {
                g.writeString(text);
            } else {
                writeBinary(g, (byte[]) v);
            }
        };
    }

    /** Rendered already escaped for the string it becomes, in one pass where it can be. */
    private static void writeBinary(JsonGenerator g, byte[] binary) throws IOException {
        if (binary.length == 0) {
            g.writeNull();
            return;
        }
        if (!MysqlJsonText.writeAsString(g, binary)) {
            TextType.writeUtf8(g, MysqlJsonText.renderUtf8(binary));
        }
    }

    /** A JSON column takes only expression defaults. */
    @Override
    public Object parseDefault(ColumnDef column, String literal) {
        return null;
    }
}
