package dev.sluice.source.binlog;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * An XA transaction id in the form MySQL and MariaDB log it in {@code XA COMMIT} and
 * {@code XA ROLLBACK} statements: {@code X'gtrid',X'bqual',formatID}, hex in lower case.
 */
final class XaId {

    private XaId() {
    }

    static String of(int formatId, byte[] gtrid, byte[] bqual) {
        HexFormat hex = HexFormat.of();
        return "X'" + hex.formatHex(gtrid) + "',X'" + hex.formatHex(bqual) + "'," + formatId;
    }

    /** The id from the XA_PREPARE event's data: gtrid and bqual are the data's two parts. */
    static String ofPrepare(int formatId, int gtridLength, byte[] data) {
        byte[] gtrid = java.util.Arrays.copyOfRange(data, 0, gtridLength);
        byte[] bqual = java.util.Arrays.copyOfRange(data, gtridLength, data.length);
        return of(formatId, gtrid, bqual);
    }

    /**
     * The id as written after {@code XA COMMIT} or {@code XA ROLLBACK}: two strings (hex
     * {@code X'..'} or quoted) and an optional format id (1 by default).
     *
     * @throws IllegalArgumentException when the text is not an XA id
     */
    static String parse(String text) {
        Reader in = new Reader(text.trim());
        byte[] gtrid = in.string();
        byte[] bqual = new byte[0];
        int format = 1;
        if (in.accept(',')) {
            bqual = in.string();
            if (in.accept(',')) {
                format = in.number();
            }
        }
        if (!in.atEnd()) {
            throw new IllegalArgumentException("not an XA id: " + text);
        }
        return of(format, gtrid, bqual);
    }

    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        byte[] string() {
            skipSpaces();
            boolean hex = at < text.length() && (text.charAt(at) == 'X' || text.charAt(at) == 'x');
            if (hex) {
                at++;
            }
            if (at >= text.length() || text.charAt(at) != '\'') {
                throw new IllegalArgumentException("not an XA id: " + text);
            }
            int end = text.indexOf('\'', at + 1);
            if (end < 0) {
                throw new IllegalArgumentException("not an XA id: " + text);
            }
            String body = text.substring(at + 1, end);
            at = end + 1;
            if (hex) {
                return HexFormat.of().parseHex(body);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return out.toByteArray();
        }

        int number() {
            skipSpaces();
            int start = at;
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            return Integer.parseInt(text.substring(start, at));
        }

        boolean accept(char c) {
            skipSpaces();
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        boolean atEnd() {
            skipSpaces();
            return at == text.length();
        }

        private void skipSpaces() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
