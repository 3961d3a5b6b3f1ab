package dev.sluice.config;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of {@code SLUICE_COLUMN_MASKS}: the columns it covers and what their values become,
 * as Debezium's column mappers do: {@code mask(N)} (N asterisks, {@code column.mask.with.N.chars}),
 * {@code truncate(N)} ({@code column.truncate.to.N.chars}), {@code hash(ALGORITHM)} and
 * {@code hash-v2(ALGORITHM)} ({@code column.mask.hash[.v2].ALGORITHM.with.salt.SALT}, the salt
 * from {@code SLUICE_COLUMN_MASK_HASH_SALT}).
 *
 * @param length the N of mask and truncate
 * @param algorithm the digest of hash and hash-v2 (a Java {@code MessageDigest} name)
 */
public record ColumnMask(List<NamePattern> columns, Kind kind, int length, String algorithm) {

    public enum Kind { MASK, TRUNCATE, HASH, HASH_V2 }

    private static final Pattern SPEC = Pattern.compile("(mask|truncate|hash|hash-v2)\\(\\s*([^()]+?)\\s*\\)",
            Pattern.CASE_INSENSITIVE);
    private static final String FORMS = "columns=mask(N), columns=truncate(N), columns=hash(ALGORITHM) or"
            + " columns=hash-v2(ALGORITHM), entries separated by semicolons";

    public boolean covers(String qualifiedColumn) {
        return NamePattern.anyMatches(columns, qualifiedColumn);
    }

    public boolean isHash() {
        return kind == Kind.HASH || kind == Kind.HASH_V2;
    }

    /**
     * @throws IllegalArgumentException naming the entry at fault and the accepted forms
     */
    public static List<ColumnMask> list(String text) {
        List<ColumnMask> masks = new ArrayList<>();
        for (String raw : text.split("[;\\n]")) {
            String entry = raw.trim();
            if (!entry.isEmpty()) {
                masks.add(parse(entry));
            }
        }
        return masks;
    }

    private static ColumnMask parse(String entry) {
        int equals = entry.lastIndexOf('=');
        Matcher spec = SPEC.matcher(equals < 0 ? "" : entry.substring(equals + 1).trim());
        if (equals <= 0 || !spec.matches()) {
            throw new IllegalArgumentException("'" + entry + "' is not one of " + FORMS);
        }
        List<NamePattern> columns = NamePattern.list(entry.substring(0, equals), 3,
                "db.table.column (with * wildcards) or /regex/");
        Kind kind = Kind.valueOf(spec.group(1).toUpperCase(Locale.ROOT).replace('-', '_'));
        String argument = spec.group(2);
        if (kind == Kind.HASH || kind == Kind.HASH_V2) {
            try {
                MessageDigest.getInstance(argument);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalArgumentException("'" + entry + "': " + argument + " is not a digest algorithm this"
                        + " JVM has (SHA-256, SHA-512, SHA-1 and MD5 are)");
            }
            return new ColumnMask(columns, kind, 0, argument);
        }
        try {
            int length = Integer.parseInt(argument);
            if (length < 0 || (kind == Kind.MASK && length == 0)) {
                throw new NumberFormatException();
            }
            return new ColumnMask(columns, kind, length, null);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + entry + "': " + argument + " is not a character count");
        }
    }
}
