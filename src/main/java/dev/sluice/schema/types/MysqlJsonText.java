package dev.sluice.schema.types;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.source.binlog.RowDecoding;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Renders MySQL's binary JSON as the text MySQL itself returns for the column ({@code ", "} and
 * {@code ": "} separators, datetimes with six fraction digits), so binlog rows read the same as
 * rows read with SELECT. MariaDB stores JSON as text, which passes through unchanged.
 *
 * <p>The binary form (MySQL's json_binary): a type byte, then the value; objects and arrays hold
 * a count and a size (2 bytes each in the small form, 4 in the large), key entries (offset and
 * 2-byte length), value entries (a type byte and an offset, or the value itself when it fits),
 * all little-endian with offsets counted from the start of the container. Decoded straight from
 * the array into UTF-8 bytes, without a stream per byte or an intermediate String: JSON columns
 * are often the widest part of a row, and the event writer copies UTF-8 text as it is.
 */
final class MysqlJsonText {

    private static final int SMALL_OBJECT = 0x00;
    private static final int LARGE_OBJECT = 0x01;
    private static final int SMALL_ARRAY = 0x02;
    private static final int LARGE_ARRAY = 0x03;
    private static final int LITERAL = 0x04;
    private static final int INT16 = 0x05;
    private static final int UINT16 = 0x06;
    private static final int INT32 = 0x07;
    private static final int UINT32 = 0x08;
    private static final int INT64 = 0x09;
    private static final int UINT64 = 0x0a;
    private static final int DOUBLE = 0x0b;
    private static final int STRING = 0x0c;
    private static final int OPAQUE = 0x0f;

    private static final int MYSQL_TYPE_DECIMAL = 0;
    private static final int MYSQL_TYPE_TIMESTAMP = 7;
    private static final int MYSQL_TYPE_DATE = 10;
    private static final int MYSQL_TYPE_TIME = 11;
    private static final int MYSQL_TYPE_DATETIME = 12;
    private static final int MYSQL_TYPE_NEWDATE = 14;
    private static final int MYSQL_TYPE_TIMESTAMP2 = 17;
    private static final int MYSQL_TYPE_DATETIME2 = 18;
    private static final int MYSQL_TYPE_TIME2 = 19;
    private static final int MYSQL_TYPE_NEWDECIMAL = 246;

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** Each thread renders into one buffer it keeps, up to this size: a JSON column is in most rows. */
    private static final int KEPT_BUFFER_BYTES = 64 * 1024;
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[1024]);

    private final byte[] bin;
    /** The {@link TextType#BYTE_CLASS} classes of string bytes this rendering escapes. */
    private final int escaped;
    private byte[] out;
    private int length;

    /** Writes the text as the inside of a JSON string: its quotes and backslashes escaped. */
    private final boolean asStringContent;
    private boolean beyondBmp;
    /** MySQL refuses documents nested deeper (JSON_DOCUMENT_MAX_DEPTH). */
    private static final int MAX_DEPTH = 100;
    /** Ints per open container on the stack: start, entry count, next entry, kind. */
    private static final int FRAME = 4;
    private static final int LARGE = 1;
    private static final int OBJECT = 2;
    private int[] open = new int[8 * FRAME];
    private int depth;

    private MysqlJsonText(byte[] bin, boolean asStringContent) {
        this.bin = bin;
        this.asStringContent = asStringContent;
        // as string content, lead bytes beyond the BMP go the escaping way too, to be detected
        this.escaped = asStringContent ? TextType.NEEDS_ESCAPES | TextType.BEYOND_BMP : TextType.NEEDS_ESCAPES;
        byte[] kept = BUFFER.get();
        this.out = kept.length >= bin.length * 2 ? kept : new byte[bin.length * 2];
    }

    /** Keeps a buffer that grew, up to {@link #KEPT_BUFFER_BYTES}, for the thread's next value. */
    private void keepBuffer() {
        if (out.length <= KEPT_BUFFER_BYTES && out != BUFFER.get()) {
            BUFFER.set(out);
        }
    }

    /** The JSON text as UTF-8 (MariaDB's text is returned as it is). */
    static byte[] renderUtf8(byte[] binary) throws IOException {
        if (looksLikeText(binary)) {
            return binary;
        }
        return render(binary, false).bytes();
    }

    /**
     * The JSON text escaped as the content of a JSON string, ready to copy between quotes (the
     * text has no raw control characters, so only its quotes and backslashes need escaping); null
     * for MariaDB's text, or when a character lies beyond the BMP (the generator's String path
     * escapes those as surrogate pairs).
     */
    static byte[] renderAsStringContent(byte[] binary) throws IOException {
        if (looksLikeText(binary)) {
            return null;
        }
        MysqlJsonText text = render(binary, true);
        return text.beyondBmp ? null : text.bytes();
    }

    /**
     * Writes the JSON text as a JSON string, straight from the rendering buffer; false (having
     * written nothing) where {@link #renderAsStringContent} would give null.
     */
    static boolean writeAsString(JsonGenerator json, byte[] binary) throws IOException {
        if (looksLikeText(binary)) {
            return false;
        }
        MysqlJsonText text = render(binary, true);
        if (text.beyondBmp) {
            return false;
        }
        json.writeRawUTF8String(text.out, 0, text.length);
        text.keepBuffer();
        return true;
    }

    private static MysqlJsonText render(byte[] binary, boolean asStringContent) throws IOException {
        MysqlJsonText text = new MysqlJsonText(binary, asStringContent);
        try {
            text.value(binary[0] & 0xFF, 1);
        } catch (IndexOutOfBoundsException e) {
            throw new IOException("a JSON value shorter than its own header says (" + binary.length + " bytes)");
        } catch (IllegalArgumentException | ArithmeticException | NegativeArraySizeException e) {
            // lengths or decimal digits inside the value that contradict each other
            throw new IOException("a malformed JSON value (" + e.getMessage() + ")");
        }
        return text;
    }

    private byte[] bytes() {
        byte[] bytes = java.util.Arrays.copyOf(out, length);
        keepBuffer();
        return bytes;
    }

    /** MariaDB (and JSON columns copied from it) hold JSON text, not MySQL's binary form. */
    private static boolean looksLikeText(byte[] value) {
        if (value.length == 0) {
            return false;
        }
        byte first = value[0];
        return first == '{' || first == '[' || first == '"' || first == ' ';
    }

    /**
     * Writes the value of the given type whose data starts at {@code at}. Nested containers are
     * kept on a stack of their own rather than rendered by recursion: the JIT inlined the
     * recursive form into itself, and compiling it took about 0.6 CPU-seconds of each run.
     */
    private void value(int type, int at) throws IOException {
        if (type > LARGE_ARRAY) {
            scalar(type, at);
            return;
        }
        open(type, at);
        while (depth > 0) {
            next();
        }
    }

    private void scalar(int type, int at) throws IOException {
        switch (type) {
            case LITERAL -> literal(bin[at]);
            case INT16 -> number((short) uint16(at));
            case UINT16 -> number(uint16(at));
            case INT32 -> number(int32(at));
            case UINT32 -> number(int32(at) & 0xFFFFFFFFL);
            case INT64 -> number(int64(at));
            case UINT64 -> ascii(Long.toUnsignedString(int64(at)));
            case DOUBLE -> ascii(doubleText(finite(Double.longBitsToDouble(int64(at)))));
            case STRING -> string(at);
            case OPAQUE -> opaque(at);
            default -> throw new IOException("unknown JSON value type 0x" + Integer.toHexString(type));
        }
    }

    /** Opens an object or array: its start, entry count, next entry and kind go on the stack. */
    private void open(int type, int start) throws IOException {
        if (depth == MAX_DEPTH) {
            // a damaged value whose offsets point back into itself would otherwise nest without end
            throw new IOException("a JSON value nested deeper than MySQL allows (" + MAX_DEPTH + ")");
        }
        boolean large = type == LARGE_OBJECT || type == LARGE_ARRAY;
        boolean object = type == SMALL_OBJECT || type == LARGE_OBJECT;
        int frame = depth++ * FRAME;
        if (frame + FRAME > open.length) {
            open = java.util.Arrays.copyOf(open, open.length * 2);
        }
        open[frame] = start;
        open[frame + 1] = large ? int32(start) : uint16(start);
        open[frame + 2] = 0;
        open[frame + 3] = (large ? LARGE : 0) | (object ? OBJECT : 0);
        mark(object ? '{' : '[');
    }

    /** Writes the innermost open container's next entry, or closes it after its last. */
    private void next() throws IOException {
        int frame = (depth - 1) * FRAME;
        int start = open[frame];
        int count = open[frame + 1];
        int i = open[frame + 2];
        boolean large = (open[frame + 3] & LARGE) != 0;
        boolean object = (open[frame + 3] & OBJECT) != 0;
        if (i >= count) {
            mark(object ? '}' : ']');
            depth--;
            return;
        }
        open[frame + 2] = i + 1;
        if (i > 0) {
            mark(',');
            mark(' ');
        }
        int width = large ? 4 : 2;
        int keyEntries = start + 2 * width;
        if (object) {
            int keyEntry = keyEntries + i * (width + 2);
            int keyOffset = large ? int32(keyEntry) : uint16(keyEntry);
            int keyLength = uint16(keyEntry + width);
            quoted(start + keyOffset, keyLength);
            mark(':');
            mark(' ');
        }
        int entry = keyEntries + (object ? count * (width + 2) : 0) + i * (1 + width);
        int type = bin[entry] & 0xFF;
        if (isInlined(type, large)) {
            inlined(type, entry + 1);
            return;
        }
        int at = start + (large ? int32(entry + 1) : uint16(entry + 1));
        if (type <= LARGE_ARRAY) {
            open(type, at);
        } else {
            scalar(type, at);
        }
    }

    private static boolean isInlined(int type, boolean large) {
        return type == LITERAL || type == INT16 || type == UINT16 || (large && (type == INT32 || type == UINT32));
    }

    private void inlined(int type, int at) {
        switch (type) {
            case LITERAL -> literal(bin[at]);
            case INT16 -> number((short) uint16(at));
            case UINT16 -> number(uint16(at));
            case INT32 -> number(int32(at));
            default -> number(int32(at) & 0xFFFFFFFFL);
        }
    }

    private void literal(byte value) {
        ascii(value == 0 ? "null" : value == 1 ? "true" : "false");
    }

    private void string(int at) {
        long lengthAndSize = varint(at);
        int length = (int) (lengthAndSize >>> 8);
        int start = at + (int) (lengthAndSize & 0xFF);
        quoted(start, length);
    }

    /** Opaque values: a MySQL column type, a length, and the value in that type's binary form. */
    private void opaque(int at) throws IOException {
        int columnType = bin[at] & 0xFF;
        long lengthAndSize = varint(at + 1);
        int length = (int) (lengthAndSize >>> 8);
        int data = at + 1 + (int) (lengthAndSize & 0xFF);
        if (length < 0 || data + (long) length > bin.length) {
            // copyOfRange would pad a too-long value with zeros instead of failing
            throw new IOException("a JSON value shorter than its own header says (" + bin.length + " bytes)");
        }
        switch (columnType) {
            case MYSQL_TYPE_DECIMAL, MYSQL_TYPE_NEWDECIMAL -> {
                int precision = bin[data] & 0xFF;
                int scale = bin[data + 1] & 0xFF;
                byte[] digits = java.util.Arrays.copyOfRange(bin, data + 2, data + length);
                ascii(RowDecoding.decimal(precision, scale, digits).toPlainString());
            }
            case MYSQL_TYPE_DATE, MYSQL_TYPE_NEWDATE -> {
                long packed = int64(data) >> 24;
                quote();
                date(packed);
                quote();
            }
            case MYSQL_TYPE_TIME, MYSQL_TYPE_TIME2 -> time(int64(data));
            case MYSQL_TYPE_DATETIME, MYSQL_TYPE_DATETIME2, MYSQL_TYPE_TIMESTAMP, MYSQL_TYPE_TIMESTAMP2 -> {
                long raw = int64(data);
                long packed = raw >> 24;
                quote();
                date(packed);
                mark(' ');
                clock((int) ((packed >> 12) % (1 << 5)), (int) ((packed >> 6) % (1 << 6)), (int) (packed % (1 << 6)),
                        (int) (raw % (1 << 24)));
                quote();
            }
            default -> {
                quote();
                ascii("base64:type" + columnType + ':'
                        + Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(bin, data, data + length)));
                quote();
            }
        }
    }

    /** Year*13+month in 17 bits from bit 22, day in 5 bits from bit 17 (MySQL's packed datetime). */
    private void date(long packed) {
        int yearMonth = (int) ((packed >> 22) % (1 << 17));
        pad(yearMonth / 13, 4);
        mark('-');
        pad(yearMonth % 13, 2);
        mark('-');
        pad((int) ((packed >> 17) % (1 << 5)), 2);
    }

    /** A packed TIME: the whole value negated for a negative time. */
    private void time(long raw) {
        quote();
        if (raw < 0) {
            mark('-');
            raw = -raw;
        }
        long packed = raw >> 24;
        clock((int) ((packed >> 12) % (1 << 10)), (int) ((packed >> 6) % (1 << 6)), (int) (packed % (1 << 6)),
                (int) (raw % (1 << 24)));
        quote();
    }

    private void clock(int hour, int minute, int second, int micros) {
        pad(hour, 2);
        mark(':');
        pad(minute, 2);
        mark(':');
        pad(second, 2);
        mark('.');
        pad(micros, 6);
    }

    private void pad(int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            mark('0');
        }
        ascii(digits);
    }

    /** A variable-length length (7 bits a byte, low first): the length shifted left 8, plus the bytes it took. */
    private long varint(int at) {
        long length = 0;
        for (int i = 0; i < 5; i++) {
            int b = bin[at + i] & 0xFF;
            length |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return (length << 8) | (i + 1);
            }
        }
        throw new IndexOutOfBoundsException("a JSON string length longer than 5 bytes");
    }

    private int uint16(int at) {
        return (bin[at] & 0xFF) | (bin[at + 1] & 0xFF) << 8;
    }

    private int int32(int at) {
        return (bin[at] & 0xFF) | (bin[at + 1] & 0xFF) << 8 | (bin[at + 2] & 0xFF) << 16 | (bin[at + 3] & 0xFF) << 24;
    }

    private long int64(int at) {
        return (int32(at) & 0xFFFFFFFFL) | (long) int32(at + 4) << 32;
    }

    /**
     * A JSON string from the UTF-8 bytes at {@code at}: quotes, backslashes and control characters
     * escaped. Runs of bytes that need nothing are copied whole.
     */
    private void quoted(int at, int byteCount) {
        quote();
        int plainFrom = at;
        int escaped = this.escaped;
        for (int i = at; i < at + byteCount; i++) {
            byte b = bin[i];
            if ((TextType.BYTE_CLASS[b & 0xFF] & escaped) != 0) {
                copy(plainFrom, i);
                special(b);
                plainFrom = i + 1;
            }
        }
        copy(plainFrom, at + byteCount);
        quote();
    }

    private void special(byte b) {
        switch (b) {
            case '"' -> escaped('"');
            case '\\' -> escaped('\\');
            case '\n' -> escaped('n');
            case '\r' -> escaped('r');
            case '\t' -> escaped('t');
            case '\b' -> escaped('b');
            case '\f' -> escaped('f');
            default -> {
                if (b >= 0 && b < 0x20) {
                    append('\\');
                    ascii("u00");
                    append(HEX[b >> 4]);
                    append(HEX[b & 0xF]);
                } else {
                    append(b); // the lead byte of a character beyond the BMP
                }
            }
        }
    }

    /** Bytes of a string that need no escaping, even as string content. */
    private void copy(int from, int to) {
        int count = to - from;
        if (count > 0) {
            ensureRoom(count);
            System.arraycopy(bin, from, out, length, count);
            length += count;
        }
    }

    private void escaped(char c) {
        append('\\');
        append(c);
    }

    private void number(long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                ascii(Long.toString(value));
                return;
            }
            put((byte) '-');
            value = -value;
        }
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        ensureRoom(digits);
        for (int i = length + digits - 1; i >= length; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += digits;
    }

    /** Text that never needs escaping (digits, literals, base64). */
    private void ascii(String text) {
        int count = text.length();
        ensureRoom(count);
        for (int i = 0; i < count; i++) {
            out[length + i] = (byte) text.charAt(i);
        }
        length += count;
    }

    /** A character of the JSON's structure, which no rendering escapes. */
    private void mark(char c) {
        put((byte) c);
    }

    /** A quote around a string: escaped when the text is itself a string's content. */
    private void quote() {
        if (asStringContent) {
            put((byte) '\\');
        }
        put((byte) '"');
    }

    private void append(char c) {
        append((byte) c);
    }

    private void append(byte b) {
        if (asStringContent) {
            if (b == '"' || b == '\\') {
                put((byte) '\\');
            } else if ((b & 0xF8) == 0xF0) {
                beyondBmp = true;
            }
        }
        put(b);
    }

    private void put(byte b) {
        ensureRoom(1);
        out[length++] = b;
    }

    private void ensureRoom(int count) {
        if (length + count > out.length) {
            out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, length + count));
        }
    }

    /**
     * MySQL's JSON rendering of a double: the shortest digits, positional when the decimal point
     * falls within 15 digits before or 14 after them (with ".0" on a whole number), otherwise
     * {@code d.ddde±x}.
     */
    /** JSON has no NaN or infinity, and MySQL stores none: one in a value means the value is damaged. */
    private static double finite(double value) throws IOException {
        if (!Double.isFinite(value)) {
            throw new IOException("a JSON number that is not finite (" + value + ")");
        }
        return value;
    }

    static String doubleText(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        String sign = value < 0 || (value == 0 && 1 / value < 0) ? "-" : "";
        double magnitude = Math.abs(value);
        if (magnitude == 0) {
            return sign + "0.0";
        }
        BigDecimal exact = shortest(magnitude);
        String digits = exact.unscaledValue().toString();
        int pointAt = digits.length() - exact.scale();
        if (pointAt >= -14 && pointAt <= 15) {
            String plain = exact.toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (pointAt - 1);
    }

    /**
     * The fewest significant digits that read back as the same double, rounded to nearest (what
     * MySQL's dtoa prints). Java 17's Double.toString reads back correctly but is sometimes a
     * digit or two longer, so it is the starting point: fewer digits are tried until one fails.
     */
    private static BigDecimal shortest(double magnitude) {
        BigDecimal binary = new BigDecimal(magnitude);
        int digitsOfToString = new BigDecimal(Double.toString(magnitude)).stripTrailingZeros().precision();
        BigDecimal best = binary.round(new MathContext(digitsOfToString, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        for (int digits = best.precision() - 1; digits >= 1; digits--) {
            BigDecimal candidate = binary.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() != magnitude) {
                break;
            }
            best = candidate.stripTrailingZeros();
        }
        return best;
    }
}
