package dev.sluice.ops.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The privileges in {@code SHOW GRANTS} output (MySQL and MariaDB), by scope ({@code *.*},
 * {@code db.*}, {@code db.table}), and the roles granted, which the caller expands.
 */
public final class Grants {

    private final Map<String, Set<String>> byScope = new HashMap<>();
    private final List<String> roles = new ArrayList<>();

    /** Adds the privileges of one {@code SHOW GRANTS} line. */
    public void add(String line) {
        String trimmed = line.trim();
        if (!trimmed.regionMatches(true, 0, "GRANT ", 0, 6)) {
            return; // REVOKE (partial revokes) and SET DEFAULT ROLE lines
        }
        int on = indexOfWord(trimmed, " ON ");
        int to = indexOfWord(trimmed, " TO ");
        if (on < 0 || (to >= 0 && to < on)) {
            if (to > 6) {
                for (String role : splitTopLevel(trimmed.substring(6, to))) {
                    roles.add(role.trim());
                }
            }
            return;
        }
        String scope = normalizeScope(trimmed.substring(on + 4, to < 0 ? trimmed.length() : to).trim());
        Set<String> privileges = byScope.computeIfAbsent(scope, k -> new HashSet<>());
        for (String privilege : splitTopLevel(trimmed.substring(6, on))) {
            String name = privilege.trim();
            int column = name.indexOf('(');
            if (column >= 0) {
                continue; // column-level privileges do not cover a whole table
            }
            privileges.add(name.toUpperCase(Locale.ROOT));
        }
    }

    /** Roles granted to the user, as SHOW GRANTS names them ({@code `r`@`%`} or {@code `r`}). */
    public List<String> roles() {
        return List.copyOf(roles);
    }

    /** Whether the privilege holds for the table (table null: for every table of the database; both null: global). */
    public boolean has(String privilege, String database, String table) {
        String wanted = privilege.toUpperCase(Locale.ROOT);
        if (holds(byScope.get("*.*"), wanted)) {
            return true;
        }
        if (database == null) {
            return false;
        }
        if (holds(byScope.get(database.toLowerCase(Locale.ROOT) + ".*"), wanted)) {
            return true;
        }
        return table != null && holds(byScope.get(database.toLowerCase(Locale.ROOT) + "." + table.toLowerCase(Locale.ROOT)),
                wanted);
    }

    private static boolean holds(Set<String> privileges, String wanted) {
        if (privileges == null) {
            return false;
        }
        if (privileges.contains("ALL PRIVILEGES") || privileges.contains("ALL") || privileges.contains(wanted)) {
            return true;
        }
        // MariaDB 10.5 renamed REPLICATION CLIENT to BINLOG MONITOR; either name grants it.
        return (wanted.equals("REPLICATION CLIENT") && privileges.contains("BINLOG MONITOR"))
                || (wanted.equals("BINLOG MONITOR") && privileges.contains("REPLICATION CLIENT"));
    }

    private static String normalizeScope(String scope) {
        return scope.replace("`", "").replace("\"", "").toLowerCase(Locale.ROOT);
    }

    private static int indexOfWord(String text, String word) {
        String upper = text.toUpperCase(Locale.ROOT);
        boolean quoted = false;
        char quote = 0;
        for (int i = 0; i + word.length() <= upper.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == quote) {
                    quoted = false;
                }
                continue;
            }
            if (c == '`' || c == '\'' || c == '"') {
                quoted = true;
                quote = c;
                continue;
            }
            if (upper.startsWith(word, i)) {
                return i;
            }
        }
        return -1;
    }

    /** Splits on commas outside parentheses and quotes. */
    private static List<String> splitTopLevel(String list) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        char quote = 0;
        StringBuilder current = new StringBuilder();
        for (char c : list.toCharArray()) {
            if (quoted) {
                quoted = c != quote;
            } else if (c == '`' || c == '\'' || c == '"') {
                quoted = true;
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (current.length() > 0) {
            parts.add(current.toString());
        }
        return parts;
    }
}
