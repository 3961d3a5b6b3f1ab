package dev.sluice.pipeline;

import com.github.shyiko.mysql.binlog.GtidSet;
import com.github.shyiko.mysql.binlog.MariadbGtidSet;
import dev.sluice.source.ServerFlavor;

/** The set of GTIDs the stream has fully read, in the server flavour's own notation. */
final class GtidTracker {

    private final GtidSet set;
    private String text;

    GtidTracker(ServerFlavor flavor, String initial) {
        String start = initial == null ? "" : initial;
        this.set = flavor == ServerFlavor.MARIADB ? new MariadbGtidSet(start) : new GtidSet(start);
        this.text = initial == null || initial.isBlank() ? null : set.toString();
    }

    void add(String gtid) {
        set.add(gtid);
        text = set.toString();
    }

    /** Whether every GTID of {@code other} has been read. */
    boolean containsAll(GtidSet other) {
        return other.isContainedWithin(set);
    }

    /** The set as text, or null when nothing is known (a server without GTIDs). */
    String current() {
        return text;
    }
}
