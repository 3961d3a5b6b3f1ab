package dev.sluice.source.binlog;

import com.github.shyiko.mysql.binlog.GtidSet;
import com.github.shyiko.mysql.binlog.MariadbGtidSet;
import dev.sluice.source.ServerFlavor;

/** The set of GTIDs the stream has fully read, in the server flavour's own notation. */
public final class GtidTracker {

    private final ServerFlavor flavor;
    private final GtidSet set;
    private String text;
    /** The last set asked about, parsed (a window's high watermark is asked about once per transaction). */
    private String askedText;
    private GtidSet asked;

    public GtidTracker(ServerFlavor flavor, String initial) {
        this.flavor = flavor;
        String start = initial == null ? "" : initial;
        this.set = parse(flavor, start);
        this.text = initial == null || initial.isBlank() ? null : set.toString();
    }

    void add(String gtid) {
        set.add(gtid);
        text = set.toString();
    }

    /** Whether every GTID of a set in the same notation (MySQL's {@code uuid:1-5,...}) has been read. */
    public boolean containsAll(String gtidSet) {
        if (!gtidSet.equals(askedText)) {
            asked = parse(flavor, gtidSet);
            askedText = gtidSet;
        }
        return asked.isContainedWithin(set);
    }

    /** Whether one GTID lies in {@code high} but not in {@code low} (both sets in MySQL notation). */
    public static boolean between(String gtid, String low, String high) {
        GtidSet one = new GtidSet(gtid);
        return one.isContainedWithin(new GtidSet(high)) && !one.isContainedWithin(new GtidSet(low));
    }

    /**
     * Whether {@code inner} lies within {@code outer}, both sets in the flavour's notation (line
     * breaks allowed). MySQL: every GTID of one is in the other. MariaDB: in every domain of
     * {@code inner}, {@code outer} has reached at least its sequence number, whichever server wrote
     * it (sequence numbers go on across a failover; the server id in a GTID is the writer's).
     */
    public static boolean isContainedWithin(ServerFlavor flavor, String inner, String outer) {
        if (flavor == ServerFlavor.MYSQL) {
            return new GtidSet(inner.replace("\n", "")).isContainedWithin(new GtidSet(outer.replace("\n", "")));
        }
        java.util.Map<Long, Long> reached = mariadbSequences(outer);
        for (java.util.Map.Entry<Long, Long> domain : mariadbSequences(inner).entrySet()) {
            Long sequence = reached.get(domain.getKey());
            if (sequence == null || sequence < domain.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where to resume when only some GTID sources count (MySQL notation): the offset's GTIDs of
     * the sources that count, and for every other source all the server has executed, so that
     * their transactions are neither asked for nor missed when purged.
     */
    public static String resumeSet(String offset, String executed, java.util.function.Predicate<String> counts) {
        java.util.Map<String, String> members = new java.util.TreeMap<>();
        for (String member : executed.replace("\n", "").split(",")) {
            String source = member.strip().split(":", 2)[0].toLowerCase(java.util.Locale.ROOT);
            if (!source.isEmpty() && !counts.test(source)) {
                members.put(source, member.strip());
            }
        }
        for (String member : offset.replace("\n", "").split(",")) {
            String source = member.strip().split(":", 2)[0].toLowerCase(java.util.Locale.ROOT);
            if (!source.isEmpty() && counts.test(source)) {
                members.put(source, member.strip());
            }
        }
        return String.join(",", members.values());
    }

    /** Per GTID domain, the highest sequence number in a MariaDB position like {@code 0-1-100,1-2-7}. */
    private static java.util.Map<Long, Long> mariadbSequences(String position) {
        java.util.Map<Long, Long> sequences = new java.util.HashMap<>();
        for (String gtid : position.replace("\n", "").split(",")) {
            String[] parts = gtid.strip().split("-");
            if (parts.length == 3) {
                sequences.merge(Long.parseLong(parts[0]), Long.parseLong(parts[2]), Math::max);
            }
        }
        return sequences;
    }

    /** The set as text, or null when nothing is known (a server without GTIDs). */
    public String current() {
        return text;
    }

    private static GtidSet parse(ServerFlavor flavor, String text) {
        return flavor == ServerFlavor.MARIADB ? new MariadbGtidSet(text) : new GtidSet(text);
    }
}
