package dev.sluice.schema.types;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/** How MySQL and MariaDB spell DEFAULT literals, shared by the types that parse them. */
final class DefaultLiterals {

    private DefaultLiterals() {
    }

    static String booleanAsNumber(String text) {
        if (text.equalsIgnoreCase("true")) {
            return "1";
        }
        return text.equalsIgnoreCase("false") ? "0" : text;
    }

    static long integral(String text) {
        String number = booleanAsNumber(text);
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException decimal) {
            return Math.round(Double.parseDouble(number));
        }
    }

    /** MySQL shows a binary default as a hex literal ({@code 0x6162}); MariaDB and DDL as the string. */
    static byte[] bytes(String text) {
        if (text.length() >= 2 && text.startsWith("0x") && text.length() % 2 == 0) {
            try {
                return HexFormat.of().parseHex(text, 2, text.length());
            } catch (IllegalArgumentException notHex) {
                // a string that merely starts with 0x
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static boolean isCurrentTimestamp(String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith("current_timestamp") || lower.startsWith("now(") || lower.startsWith("localtime");
    }
}
