package dev.sluice.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One entry of a Sluice name list: a dotted name ({@code db.table}, {@code db.table.column}) in
 * which a {@code *} matches any run of characters, or a {@code /regex/}; matched
 * case-insensitively against the whole qualified name.
 *
 * @param literalDatabase the database the entry names outright, null for a wildcard or regex
 */
public record NamePattern(String text, Pattern pattern, String literalDatabase) {

    /**
     * @param parts how many dot-separated parts a non-regex entry needs at least (2 for tables, 3 for columns)
     * @param shape the accepted forms, for the error message
     * @throws IllegalArgumentException naming the entry and the accepted forms
     */
    public static NamePattern of(String text, int parts, String shape) {
        if (text.length() > 1 && text.startsWith("/") && text.endsWith("/")) {
            String regex = text.substring(1, text.length() - 1);
            try {
                return new NamePattern(text, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), null);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("'" + text + "' is not a valid regular expression: "
                        + e.getDescription());
            }
        }
        String[] split = text.split("\\.", -1);
        if (split.length < parts || java.util.Arrays.stream(split).anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("'" + text + "' is not " + shape);
        }
        String database = split[0];
        return new NamePattern(text, Pattern.compile(globToRegex(text), Pattern.CASE_INSENSITIVE),
                database.contains("*") ? null : database);
    }

    /** The entries of a comma- or newline-separated list, duplicates merged. */
    public static List<NamePattern> list(String list, int parts, String shape) {
        Set<String> seen = new LinkedHashSet<>();
        for (String raw : list.split("[,\\n]")) {
            String item = raw.trim();
            if (!item.isEmpty()) {
                seen.add(item);
            }
        }
        List<NamePattern> entries = new ArrayList<>();
        for (String item : seen) {
            entries.add(of(item, parts, shape));
        }
        return entries;
    }

    public boolean matches(String qualified) {
        return pattern.matcher(qualified).matches();
    }

    static boolean anyMatches(List<NamePattern> entries, String qualified) {
        for (NamePattern entry : entries) {
            if (entry.matches(qualified)) {
                return true;
            }
        }
        return false;
    }

    boolean couldMatchDatabase(String database) {
        return literalDatabase == null || literalDatabase.equalsIgnoreCase(database);
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
}
