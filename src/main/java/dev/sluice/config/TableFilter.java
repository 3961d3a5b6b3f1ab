package dev.sluice.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which tables are captured: an include list and an exclude list of {@code db.table},
 * {@code db.*} (a {@code *} matches any run of characters) or {@code /regex/} entries, matched
 * case-insensitively against {@code db.table}. System schemas are never captured.
 */
public final class TableFilter {

    private static final Set<String> SYSTEM_SCHEMAS =
            Set.of("mysql", "information_schema", "performance_schema", "sys");

    private final List<NamePattern> includes;
    private final List<NamePattern> excludes;

    private TableFilter(List<NamePattern> includes, List<NamePattern> excludes) {
        this.includes = includes;
        this.excludes = excludes;
    }

    /**
     * Parses both lists.
     *
     * @throws IllegalArgumentException naming the offending entry
     */
    public static TableFilter parse(String includeList, String excludeList) {
        return new TableFilter(parseList(includeList), parseList(excludeList == null ? "" : excludeList));
    }

    /** Whether the include list has no entry at all (only separators). */
    public boolean includesNothing() {
        return includes.isEmpty();
    }

    /** mysql, information_schema, performance_schema and sys. */
    public static boolean isSystemSchema(String database) {
        return SYSTEM_SCHEMAS.contains(database.toLowerCase(Locale.ROOT));
    }

    public boolean isCaptured(String database, String table) {
        if (isSystemSchema(database)) {
            return false;
        }
        String qualified = database + "." + table;
        return NamePattern.anyMatches(includes, qualified) && !NamePattern.anyMatches(excludes, qualified);
    }

    /** True when some table of this database could be captured (used to filter DDL and schemas). */
    public boolean mayCaptureDatabase(String database) {
        if (SYSTEM_SCHEMAS.contains(database.toLowerCase(Locale.ROOT))) {
            return false;
        }
        for (NamePattern include : includes) {
            if (include.couldMatchDatabase(database)) {
                return true;
            }
        }
        return false;
    }

    /** Whether one include entry (as listed by {@link #includePatterns()}) matches the table. */
    public boolean entryMatches(String entry, String database, String table) {
        for (NamePattern include : includes) {
            if (include.text().equals(entry)) {
                return include.matches(database + "." + table);
            }
        }
        return false;
    }

    /** The databases the include list names outright ({@code db.table}, {@code db.*}). */
    public java.util.Set<String> namedDatabases() {
        java.util.Set<String> databases = new java.util.TreeSet<>();
        for (NamePattern include : includes) {
            if (include.literalDatabase() != null) {
                databases.add(include.literalDatabase());
            }
        }
        return databases;
    }

    /** Whether an include entry names one table exactly (no wildcard, no regex). */
    public boolean isLiteral(String entry) {
        return !entry.contains("*") && !(entry.startsWith("/") && entry.endsWith("/"));
    }

    public List<String> includePatterns() {
        return includes.stream().map(NamePattern::text).toList();
    }

    private static List<NamePattern> parseList(String list) {
        return NamePattern.list(list, 2, "db.table, db.* or /regex/");
    }
}
