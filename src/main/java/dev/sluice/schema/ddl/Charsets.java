package dev.sluice.schema.ddl;

import java.util.Locale;

/** MySQL character set names as information_schema reports them. */
public final class Charsets {

    private Charsets() {
    }

    /** The most bytes one character takes in a character set (what CONVERT TO looks at). */
    public static int maxBytesPerChar(String charset) {
        if (charset == null) {
            return 1;
        }
        return switch (normalize(charset)) {
            case "utf8mb4", "utf16", "utf16le", "utf32", "gb18030" -> 4;
            case "utf8mb3", "ujis", "eucjpms" -> 3;
            case "ucs2", "gbk", "big5", "sjis", "cp932", "euckr", "gb2312" -> 2;
            default -> 1;
        };
    }

    /** {@code utf8} is an alias of {@code utf8mb3} in every supported version. */
    public static String normalize(String charset) {
        String lower = charset.toLowerCase(Locale.ROOT);
        return lower.equals("utf8") ? "utf8mb3" : lower;
    }

    /** The character set a collation belongs to: the part before its first underscore. */
    public static String ofCollation(String collation) {
        String lower = collation.toLowerCase(Locale.ROOT);
        int underscore = lower.indexOf('_');
        return normalize(underscore < 0 ? lower : lower.substring(0, underscore));
    }
}
