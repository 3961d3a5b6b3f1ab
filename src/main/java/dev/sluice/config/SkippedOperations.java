package dev.sluice.config;

import java.util.Locale;

/**
 * Debezium's {@code skipped.operations}: the streamed operations not published. {@code c}
 * creates, {@code u} updates, {@code d} deletes (and their tombstones), {@code t} truncates;
 * {@code none} publishes all. The default, as Debezium's, is {@code t}.
 */
public record SkippedOperations(boolean creates, boolean updates, boolean deletes, boolean truncates) {

    public static SkippedOperations defaults() {
        return new SkippedOperations(false, false, false, true);
    }

    /**
     * @throws IllegalArgumentException naming the item that is none of c, u, d, t and none
     */
    public static SkippedOperations parse(String list) {
        boolean c = false;
        boolean u = false;
        boolean d = false;
        boolean t = false;
        boolean none = false;
        for (String raw : list.split(",")) {
            String item = raw.trim().toLowerCase(Locale.ROOT);
            switch (item) {
                case "c" -> c = true;
                case "u" -> u = true;
                case "d" -> d = true;
                case "t" -> t = true;
                case "none" -> none = true;
                case "" -> { }
                default -> throw new IllegalArgumentException("'" + raw.trim() + "' is not an operation; expected a"
                        + " comma-separated list of c (creates), u (updates), d (deletes), t (truncates), or none");
            }
        }
        if (none && (c || u || d || t)) {
            throw new IllegalArgumentException("'none' cannot be listed with operations; list either");
        }
        return new SkippedOperations(c, u, d, t);
    }
}
