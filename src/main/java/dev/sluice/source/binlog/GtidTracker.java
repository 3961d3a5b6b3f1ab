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

    /** Whether every GTID of {@code inner} is in {@code outer} (both MySQL sets, line breaks allowed). */
    public static boolean isContainedWithin(String inner, String outer) {
        return new GtidSet(inner.replace("\n", "")).isContainedWithin(new GtidSet(outer.replace("\n", "")));
    }

    /** The set as text, or null when nothing is known (a server without GTIDs). */
    public String current() {
        return text;
    }

    private static GtidSet parse(ServerFlavor flavor, String text) {
        return flavor == ServerFlavor.MARIADB ? new MariadbGtidSet(text) : new GtidSet(text);
    }
}
