package dev.sluice.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which tables are captured: an include list and an exclude list of {@code db.table},
 * {@code db.*} (a {@code *} matches any run of characters) or {@code /regex/} entries, matched
 * case-insensitively against {@code db.table}. System schemas are never captured.
 */
public final class TableFilter {

    private static final Set<String> SYSTEM_SCHEMAS =
            Set.of("mysql", "information_schema", "performance_schema", "sys");

    private final List<Entry> includes;
    private final List<Entry> excludes;

    private TableFilter(List<Entry> includes, List<Entry> excludes) {
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
        return matchesAny(includes, qualified) && !matchesAny(excludes, qualified);
    }

    /** True when some table of this database could be captured (used to filter DDL and schemas). */
    public boolean mayCaptureDatabase(String database) {
        if (SYSTEM_SCHEMAS.contains(database.toLowerCase(Locale.ROOT))) {
            return false;
        }
        for (Entry include : includes) {
            if (include.couldMatchDatabase(database)) {
                return true;
            }
        }
        return false;
    }

    /** Whether one include entry (as listed by {@link #includePatterns()}) matches the table. */
    public boolean entryMatches(String entry, String database, String table) {
        for (Entry include : includes) {
            if (include.text().equals(entry)) {
                return include.pattern().matcher(database + "." + table).matches();
            }
        }
        return false;
    }

    /** The databases the include list names outright ({@code db.table}, {@code db.*}). */
    public java.util.Set<String> namedDatabases() {
        java.util.Set<String> databases = new java.util.TreeSet<>();
        for (Entry include : includes) {
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
        return includes.stream().map(Entry::text).toList();
    }

    private static boolean matchesAny(List<Entry> entries, String qualified) {
        for (Entry entry : entries) {
            if (entry.pattern.matcher(qualified).matches()) {
                return true;
            }
        }
        return false;
    }

    private static List<Entry> parseList(String list) {
        Set<String> seen = new LinkedHashSet<>();
        for (String raw : list.split("[,\\n]")) {
            String item = raw.trim();
            if (!item.isEmpty()) {
                seen.add(item);
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (String item : seen) {
            entries.add(Entry.of(item));
        }
        return entries;
    }

    private record Entry(String text, Pattern pattern, String literalDatabase) {

        static Entry of(String text) {
            if (text.length() > 1 && text.startsWith("/") && text.endsWith("/")) {
                String regex = text.substring(1, text.length() - 1);
                try {
                    return new Entry(text, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), null);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("'" + text + "' is not a valid regular expression: "
                            + e.getDescription());
                }
            }
            int dot = text.indexOf('.');
            if (dot <= 0 || dot == text.length() - 1) {
                throw new IllegalArgumentException(
                        "'" + text + "' is not db.table, db.* or /regex/");
            }
            String database = text.substring(0, dot);
            String literal = database.contains("*") ? null : database;
            return new Entry(text, Pattern.compile(globToRegex(text), Pattern.CASE_INSENSITIVE), literal);
        }

        private static String globToRegex(String glob) {
            StringBuilder regex = new StringBuilder();
            int start = 0;
            for (int i = 0; i < glob.length(); i++) {
                if (glob.charAt(i) == '*') {
                    regex.append(Pattern.quote(glob.substring(start, i))).append(".*");
                    start = i + 1;
                }
            }
            return regex.append(Pattern.quote(glob.substring(start))).toString();
        }

        boolean couldMatchDatabase(String database) {
            return literalDatabase == null || literalDatabase.equalsIgnoreCase(database);
        }
    }
}
