package dev.sluice.schema.types;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;
import dev.sluice.source.MysqlCharsets;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Types;

/**
 * CHAR, VARCHAR and the TEXT types: the column's bytes in its character set. A character set
 * Java does not know is written as binary.
 */
final class TextType extends StringType {

    static final TextType CHAR = new TextType(Storage.FIXED, Types.CHAR);
    static final TextType VARCHAR = new TextType(Storage.VARIABLE, Types.VARCHAR);
    static final TextType TEXT = new TextType(Storage.LOB, Types.VARCHAR);

    private TextType(Storage storage, int jdbcType) {
        super(storage, jdbcType);
    }

    @Override
    public boolean hasCharset() {
        return true;
    }

    /**
     * The session's results are UTF-8: a UTF-8 column's bytes are the binlog's, and the writer
     * copies them without decoding; other character sets are decoded here.
     */
    @Override
    public SnapshotRead snapshotRead(ColumnDef column) {
        return MysqlCharsets.isUtf8(column.charset()) ? ResultSet::getBytes : ResultSet::getString;
    }

    @Override
    public ConnectSchema connectSchema(ColumnDef column, ConversionOptions options) {
        return MysqlCharsets.forName(column.charset()) == null ? BinaryType.schema(options) : ConnectSchema.of("string");
    }

    @Override
    public ValueWriter jsonWriter(ColumnDef column, ConversionOptions options) {
        Charset charset = MysqlCharsets.forName(column.charset());
        if (charset == null) {
            return BinaryType.writer(options);
        }
        if (MysqlCharsets.isUtf8(column.charset())) {
            return (g, v) -> {
                if (v instanceof byte[] bytes) {
                    writeUtf8(g, bytes);
                } else {
                    g.writeString(v.toString());
                }
            };
        }
        return (g, v) -> g.writeString(v instanceof byte[] bytes ? new String(bytes, charset) : v.toString());
    }

    static final int NEEDS_ESCAPES = 1;
    static final int BEYOND_BMP = 2;
    /** For each UTF-8 byte value: whether JSON escapes it, or whether it leads a four-byte sequence. */
    static final byte[] BYTE_CLASS = new byte[256];

    static {
        for (int b = 0; b < 0x20; b++) {
            BYTE_CLASS[b] = NEEDS_ESCAPES;
        }
        BYTE_CLASS['"'] = NEEDS_ESCAPES;
        BYTE_CLASS['\\'] = NEEDS_ESCAPES;
        for (int b = 0xF0; b < 0xF8; b++) {
            BYTE_CLASS[b] = BEYOND_BMP;
        }
    }

    /**
     * The server only stores valid UTF-8 in utf8mb3/utf8mb4 columns: plain text (most of it) is
     * copied between quotes as it is; text with characters JSON escapes goes through the
     * generator's escaping; characters beyond the BMP take the String path, which escapes them as
     * surrogate pairs (as Debezium's output does). One pass classifies the bytes.
     */
    static void writeUtf8(JsonGenerator g, byte[] utf8) throws IOException {
        int classes = 0;
        for (byte b : utf8) {
            classes |= BYTE_CLASS[b & 0xFF];
        }
        if ((classes & BEYOND_BMP) != 0) {
            g.writeString(new String(utf8, StandardCharsets.UTF_8));
        } else if ((classes & NEEDS_ESCAPES) != 0) {
            g.writeUTF8String(utf8, 0, utf8.length);
        } else {
            g.writeRawUTF8String(utf8, 0, utf8.length);
        }
    }

    @Override
    public Object parseDefault(ColumnDef column, String literal) {
        return MysqlCharsets.forName(column.charset()) == null ? DefaultLiterals.bytes(literal) : literal;
    }
}
