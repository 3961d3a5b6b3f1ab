package dev.sluice.schema.types;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * MariaDB's fixed-size binary types as their text, for values from the binlog. The binlog carries
 * a UUID, INET4 or INET6 in its in-memory byte order (the text's order, not the index-friendly
 * record order) and drops trailing zero bytes, as for any BINARY(n) value; a snapshot reads the
 * server's own text instead.
 */
final class FixedBinaryText {

    private static final HexFormat HEX = HexFormat.of();

    private FixedBinaryText() {
    }

    /** {@code 123e4567-e89b-12d3-a456-426614174000}: lower-case hex in 8-4-4-4-12 groups. */
    static String uuid(byte[] binlogValue) {
        String hex = HEX.formatHex(padded(binlogValue, 16));
        return hex.substring(0, 8) + '-' + hex.substring(8, 12) + '-' + hex.substring(12, 16) + '-'
                + hex.substring(16, 20) + '-' + hex.substring(20);
    }

    /** Dotted decimal, {@code 192.168.0.1}. */
    static String inet4(byte[] binlogValue) {
        byte[] bytes = padded(binlogValue, 4);
        return dotted(bytes, 0);
    }

    /**
     * MariaDB's INET6 text: lower-case hex words without leading zeros; the first longest run of
     * zero words (even a single one) written as {@code ::}; IPv4-compatible ({@code ::a.b.c.d})
     * and IPv4-mapped ({@code ::ffff:a.b.c.d}) addresses end in dotted decimal.
     */
    static String inet6(byte[] binlogValue) {
        byte[] bytes = padded(binlogValue, 16);
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = (bytes[2 * i] & 0xFF) << 8 | bytes[2 * i + 1] & 0xFF;
        }
        int gapStart = -1;
        int gapLength = 0;
        for (int i = 0; i < 8; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && words[i] == 0) {
                i++;
            }
            if (i - start > gapLength) {
                gapStart = start;
                gapLength = i - start;
            }
        }
        boolean embedsIpv4 = gapStart == 0 && (gapLength == 6 || gapLength == 5 && words[5] == 0xFFFF);
        StringBuilder text = new StringBuilder(45);
        for (int i = 0; i < 8; i++) {
            if (i == gapStart) {
                text.append(i == 0 ? "::" : ":");
                i += gapLength - 1;
            } else if (i == 6 && embedsIpv4) {
                return text.append(dotted(bytes, 12)).toString();
            } else {
                text.append(Integer.toHexString(words[i]));
                if (i < 7) {
                    text.append(':');
                }
            }
        }
        return text.toString();
    }

    private static String dotted(byte[] bytes, int from) {
        return (bytes[from] & 0xFF) + "." + (bytes[from + 1] & 0xFF) + "." + (bytes[from + 2] & 0xFF) + "."
                + (bytes[from + 3] & 0xFF);
    }

    private static byte[] padded(byte[] value, int length) {
        if (value.length > length) {
            throw new IllegalArgumentException("a " + length + "-byte value has " + value.length + " bytes");
        }
        return value.length == length ? value : Arrays.copyOf(value, length);
    }
}
