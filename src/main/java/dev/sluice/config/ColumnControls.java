package dev.sluice.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which columns of a captured table its records carry, which columns form the record key, and
 * which values are masked: Debezium's {@code column.include.list}/{@code column.exclude.list},
 * {@code message.key.columns} and column masks. Column entries are matched against
 * {@code db.table.column}.
 */
public final class ColumnControls {

    private static final String COLUMN_SHAPE = "db.table.column (with * wildcards) or /regex/";
    private static final ColumnControls NONE = new ColumnControls(List.of(), List.of(), List.of(), List.of(), null);

    /** One {@code db.table:col1,col2} entry: the tables it applies to and their key columns in order. */
    public record KeyColumns(NamePattern tables, List<String> columns) {
    }

    private final List<NamePattern> includes;
    private final List<NamePattern> excludes;
    private final List<KeyColumns> keys;
    private final List<ColumnMask> masks;
    private final Secret hashSalt;

    private ColumnControls(List<NamePattern> includes, List<NamePattern> excludes, List<KeyColumns> keys,
            List<ColumnMask> masks, Secret hashSalt) {
        this.includes = includes;
        this.excludes = excludes;
        this.keys = keys;
        this.masks = masks;
        this.hashSalt = hashSalt;
    }

    /** Every column written, keys from the primary key. */
    public static ColumnControls none() {
        return NONE;
    }

    /**
     * @param includes columns to write (empty: all); at most one of the two lists may have entries
     * @param excludes columns never written
     * @param keys per table, the key columns in place of the primary key
     * @throws IllegalArgumentException when both lists have entries
     */
    public static ColumnControls of(List<NamePattern> includes, List<NamePattern> excludes, List<KeyColumns> keys) {
        return of(includes, excludes, keys, List.of(), null);
    }

    /**
     * @param masks value masks, the first covering a column applies
     * @param hashSalt the salt of hash masks; required when there is one
     * @throws IllegalArgumentException when both column lists have entries, or a hash mask has no salt
     */
    public static ColumnControls of(List<NamePattern> includes, List<NamePattern> excludes, List<KeyColumns> keys,
            List<ColumnMask> masks, Secret hashSalt) {
        if (!includes.isEmpty() && !excludes.isEmpty()) {
            throw new IllegalArgumentException("cannot be set together with SLUICE_COLUMN_INCLUDE_LIST; keep one");
        }
        if (hashSalt == null && masks.stream().anyMatch(ColumnMask::isHash)) {
            throw new IllegalArgumentException("a hash mask needs a salt: set SLUICE_COLUMN_MASK_HASH_SALT (or"
                    + " SLUICE_COLUMN_MASK_HASH_SALT_FILE), Debezium's SALT in"
                    + " column.mask.hash.ALGORITHM.with.salt.SALT");
        }
        return new ColumnControls(includes, excludes, keys, masks, hashSalt);
    }

    /**
     * A comma- or newline-separated column list.
     *
     * @throws IllegalArgumentException naming the entry at fault
     */
    public static List<NamePattern> columnList(String list) {
        return NamePattern.list(list, 3, COLUMN_SHAPE);
    }

    /**
     * {@code db.table:col1,col2} entries separated by semicolons or newlines.
     *
     * @throws IllegalArgumentException naming the entry at fault
     */
    public static List<KeyColumns> keys(String list) {
        List<KeyColumns> keys = new ArrayList<>();
        for (String raw : list.split("[;\\n]")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            List<String> columns = colon < 0 ? List.of() : java.util.Arrays.stream(entry.substring(colon + 1)
                    .split(",")).map(String::trim).toList();
            if (colon <= 0 || columns.isEmpty() || columns.stream().anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException("'" + entry + "' is not db.table:column1,column2 (tables as in"
                        + " SLUICE_TABLES; entries separated by semicolons)");
            }
            keys.add(new KeyColumns(NamePattern.of(entry.substring(0, colon).trim(), 2,
                    "db.table, db.* or /regex/ before the colon"), columns));
        }
        return keys;
    }

    /** Whether records of the table carry the column. */
    public boolean writes(String database, String table, String column) {
        String qualified = database + "." + table + "." + column;
        if (!includes.isEmpty()) {
            return NamePattern.anyMatches(includes, qualified);
        }
        return !NamePattern.anyMatches(excludes, qualified);
    }

    /** The key columns configured for the table, in order; null when its key is its primary key. */
    public List<String> keyColumns(String database, String table) {
        String qualified = database + "." + table;
        for (KeyColumns key : keys) {
            if (key.tables().matches(qualified)) {
                return key.columns();
            }
        }
        return null;
    }

    /** The mask of a column's values, null for none. */
    public ColumnMask mask(String database, String table, String column) {
        String qualified = database + "." + table + "." + column;
        for (ColumnMask mask : masks) {
            if (mask.covers(qualified)) {
                return mask;
            }
        }
        return null;
    }

    /** The salt of hash masks (null when none is configured). */
    public Secret hashSalt() {
        return hashSalt;
    }

    /** The key entries, in order. */
    public List<KeyColumns> keyEntries() {
        return keys;
    }

    /** Every column entry with the variable that holds it: include, exclude and mask entries. */
    public List<java.util.Map.Entry<String, NamePattern>> columnEntries() {
        List<java.util.Map.Entry<String, NamePattern>> entries = new ArrayList<>();
        includes.forEach(e -> entries.add(java.util.Map.entry("SLUICE_COLUMN_INCLUDE_LIST", e)));
        excludes.forEach(e -> entries.add(java.util.Map.entry("SLUICE_COLUMN_EXCLUDE_LIST", e)));
        masks.forEach(mask -> mask.columns().forEach(e -> entries.add(java.util.Map.entry("SLUICE_COLUMN_MASKS", e))));
        return entries;
    }

    public boolean isDefault() {
        return includes.isEmpty() && excludes.isEmpty() && keys.isEmpty() && masks.isEmpty();
    }

    @Override
    public String toString() {
        return isDefault() ? "all columns, primary keys" : String.format(Locale.ROOT, "%d column include, %d"
                + " exclude, %d key and %d mask entries", includes.size(), excludes.size(), keys.size(), masks.size());
    }
}
