package dev.sluice.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Debezium's {@code gtid.source.includes} and {@code gtid.source.excludes}: which sources of
 * GTIDs count, for a server that replicates from several (multi-source replication). A source is
 * a MySQL server_uuid or a MariaDB GTID domain id; each pattern is a regular expression matched
 * against the whole source, case-insensitively. Transactions of other sources publish no rows, and
 * on resuming they count as read.
 */
public final class GtidSourceFilter {

    private static final GtidSourceFilter EVERY_SOURCE = new GtidSourceFilter(List.of(), false);

    private final List<Pattern> patterns;
    private final boolean include;

    private GtidSourceFilter(List<Pattern> patterns, boolean include) {
        this.patterns = patterns;
        this.include = include;
    }

    public static GtidSourceFilter everySource() {
        return EVERY_SOURCE;
    }

    /**
     * @throws IllegalArgumentException when both lists are set, or a pattern is not a regular expression
     */
    public static GtidSourceFilter parse(Optional<String> includes, Optional<String> excludes) {
        Optional<String> in = includes.map(String::strip).filter(s -> !s.isEmpty());
        Optional<String> out = excludes.map(String::strip).filter(s -> !s.isEmpty());
        if (in.isPresent() && out.isPresent()) {
            throw new IllegalArgumentException("set SLUICE_GTID_SOURCE_INCLUDES or SLUICE_GTID_SOURCE_EXCLUDES, not both");
        }
        if (in.isEmpty() && out.isEmpty()) {
            return EVERY_SOURCE;
        }
        List<Pattern> patterns = new ArrayList<>();
        for (String entry : in.orElseGet(out::get).split(",")) {
            String regex = entry.strip();
            if (regex.isEmpty()) {
                continue;
            }
            try {
                patterns.add(Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("'" + regex + "' is not a regular expression: " + e.getDescription());
            }
        }
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("expected server UUID or domain id patterns, separated by commas");
        }
        return new GtidSourceFilter(List.copyOf(patterns), in.isPresent());
    }

    /** Whether any source is left out. */
    public boolean filters() {
        return !patterns.isEmpty();
    }

    /** Whether a source's transactions count: a MySQL server_uuid, or a MariaDB domain id. */
    public boolean accepts(String source) {
        if (patterns.isEmpty()) {
            return true;
        }
        boolean matched = patterns.stream().anyMatch(p -> p.matcher(source).matches());
        return matched == include;
    }

    /** The source of one GTID: the uuid of MySQL's {@code uuid[:tag]:n}, the domain of MariaDB's {@code d-s-n}. */
    public static String sourceOf(String gtid) {
        int colon = gtid.indexOf(':');
        if (colon > 0) {
            return gtid.substring(0, colon);
        }
        int dash = gtid.indexOf('-');
        return dash > 0 ? gtid.substring(0, dash) : gtid;
    }

    @Override
    public String toString() {
        return patterns.isEmpty() ? "every source" : (include ? "only " : "all but ") + patterns;
    }
}
