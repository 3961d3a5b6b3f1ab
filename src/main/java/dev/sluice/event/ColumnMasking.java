package dev.sluice.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.config.ColumnMask;
import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;
import dev.sluice.schema.types.ColumnType;
import dev.sluice.schema.types.ColumnTypes;
import dev.sluice.schema.types.ConnectSchema;
import dev.sluice.schema.types.ValueWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Types;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;

/**
 * Debezium's column masks on one column, applied to the value Debezium's converter produced
 * (the JSON the column's own writer renders): {@code mask(N)} replaces the values of string-typed
 * columns, NULL included, by N asterisks; {@code truncate(N)} cuts text to N UTF-16 units and
 * bytes to N bytes when the column can be longer; {@code hash} writes the hex digest of the
 * salted text of string-typed columns, cut to the column's length. The value schema says so
 * ({@code masked}, {@code truncateLength}); keys are never masked.
 */
final class ColumnMasking {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The JDBC types Debezium's string masks apply to. */
    private static final Set<Integer> STRING_TYPES = Set.of(Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB,
            Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.NCLOB, Types.DATALINK);

    private ColumnMasking() {
    }

    /** The writer of the column's masked values. */
    static ValueWriter writer(ColumnDef column, ValueWriter original, ColumnMask mask, byte[] salt,
            ConversionOptions options) {
        ColumnType type = ColumnTypes.of(column);
        boolean stringType = STRING_TYPES.contains(type.jdbcType(column));
        return switch (mask.kind()) {
            case MASK -> stringType ? (json, value) -> json.writeString(stars(mask)) : original;
            case TRUNCATE -> canTruncate(column, mask) ? truncating(original, mask.length(),
                    isPlainBytes(type.connectSchema(column, options))) : original;
            case HASH, HASH_V2 -> stringType ? hashing(original, mask, salt, type.changeEventLength(column))
                    : original;
        };
    }

    /** What a NULL becomes: N asterisks under {@code mask(N)} on a string-typed column, else null (stays NULL). */
    static String nullReplacement(ColumnDef column, ColumnMask mask) {
        boolean stringType = STRING_TYPES.contains(ColumnTypes.of(column).jdbcType(column));
        return mask.kind() == ColumnMask.Kind.MASK && stringType ? stars(mask) : null;
    }

    /** The schema parameter Debezium's mapper adds to the value field. */
    static void describe(ConnectSchema schema, ColumnDef column, ColumnMask mask) {
        if (mask.kind() == ColumnMask.Kind.TRUNCATE) {
            if (canTruncate(column, mask)) {
                schema.parameter("truncateLength", Integer.toString(mask.length()));
            }
        } else {
            schema.parameter("masked", "true");
        }
    }

    private static String stars(ColumnMask mask) {
        return "*".repeat(mask.length());
    }

    private static boolean canTruncate(ColumnDef column, ColumnMask mask) {
        long length = ColumnTypes.of(column).changeEventLength(column);
        return length < 0 || length > mask.length();
    }

    /** Connect bytes without a logical name: raw bytes (not a Decimal), which truncate by byte. */
    private static boolean isPlainBytes(ConnectSchema schema) {
        return schema.type().equals("bytes") && schema.logicalName() == null;
    }

    private static ValueWriter truncating(ValueWriter original, int length, boolean bytes) {
        return (json, value) -> {
            byte[] rendered = render(original, value);
            try (JsonParser parser = JSON.getFactory().createParser(rendered)) {
                if (parser.nextToken() != JsonToken.VALUE_STRING) {
                    json.writeRawValue(new String(rendered, StandardCharsets.UTF_8));
                } else if (bytes) {
                    byte[] data = parser.getBinaryValue();
                    json.writeBinary(data.length > length ? Arrays.copyOf(data, length) : data);
                } else {
                    String text = parser.getText();
                    json.writeString(text.length() > length ? text.substring(0, length) : text);
                }
            }
        };
    }

    private static ValueWriter hashing(ValueWriter original, ColumnMask mask, byte[] salt, long columnLength) {
        return (json, value) -> {
            byte[] rendered = render(original, value);
            try (JsonParser parser = JSON.getFactory().createParser(rendered)) {
                if (parser.nextToken() != JsonToken.VALUE_STRING) {
                    json.writeRawValue(new String(rendered, StandardCharsets.UTF_8));
                    return;
                }
                String text = parser.getText();
                byte[] input = mask.kind() == ColumnMask.Kind.HASH ? serializedString(text)
                        : text.getBytes(StandardCharsets.UTF_8);
                String hex = HexFormat.of().formatHex(digest(mask.algorithm(), salt, input));
                json.writeString(columnLength > 0 && hex.length() > columnLength ? hex.substring(0, (int) columnLength)
                        : hex);
            }
        };
    }

    private static byte[] digest(String algorithm, byte[] salt, byte[] input) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            digest.update(salt);
            return digest.digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the digest " + algorithm + " was accepted at start but is missing", e);
        }
    }

    private static byte[] render(ValueWriter writer, Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.getFactory().createGenerator(out, com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
            writer.write(g, value);
        }
        return out.toByteArray();
    }

    /**
     * A String as Java serialization writes it alone in a stream, which Debezium's first hash
     * version digests: the stream header, then TC_STRING with a 2-byte length (TC_LONGSTRING with
     * an 8-byte one beyond 65,535 bytes) and the text in modified UTF-8.
     */
    static byte[] serializedString(String text) {
        byte[] utf = modifiedUtf8(text);
        ByteArrayOutputStream out = new ByteArrayOutputStream(utf.length + 16);
        out.writeBytes(new byte[] {(byte) 0xAC, (byte) 0xED, 0x00, 0x05});
        if (utf.length <= 0xFFFF) {
            out.write(0x74);
            out.write(utf.length >>> 8);
            out.write(utf.length);
        } else {
            out.write(0x7C);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) utf.length >>> shift));
            }
        }
        out.writeBytes(utf);
        return out.toByteArray();
    }

    /** Java's modified UTF-8: U+0000 as two bytes, and each UTF-16 unit of a surrogate pair as three. */
    private static byte[] modifiedUtf8(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 2);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x0001 && c <= 0x007F) {
                out.write(c);
            } else if (c <= 0x07FF) {
                out.write(0xC0 | (c >> 6));
                out.write(0x80 | (c & 0x3F));
            } else {
                out.write(0xE0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3F));
                out.write(0x80 | (c & 0x3F));
            }
        }
        return out.toByteArray();
    }
}
