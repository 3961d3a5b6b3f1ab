package dev.sluice.source.binlog;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The savepoints of one transaction and the row events it holds after the first savepoint, until
 * the transaction ends. A {@code ROLLBACK TO} drops the held events logged after its savepoint and
 * records their index range. Once the held events pass the memory bound (or from the start, for
 * an XA transaction) only the ranges are kept ({@link #outgrown()}): the rows are then read again
 * from the binlog at the commit, skipping those ranges.
 */
final class HeldRows {

    private final long maxBytes;
    /** The first row event held: those before it were delivered already. */
    private final long heldFrom;
    private final List<RowChanges> rows = new ArrayList<>();
    private final Map<String, Long> savepoints = new LinkedHashMap<>();
    private final List<long[]> dropped = new ArrayList<>();
    private boolean outgrown;
    private long bytes;

    HeldRows(boolean outgrown, long maxBytes, long heldFrom) {
        this.outgrown = outgrown;
        this.maxBytes = maxBytes;
        this.heldFrom = heldFrom;
    }

    /** A savepoint set before the row event with this index; an existing one of the name moves here. */
    void savepoint(String name, long nextEvent) {
        savepoints.remove(name);
        savepoints.put(name, nextEvent);
    }

    /**
     * Drops the row events since the savepoint and the savepoints set after it.
     *
     * @return false when there is no such savepoint
     */
    boolean rollbackTo(String name, long nextEvent) {
        Long mark = savepoints.get(name);
        if (mark == null) {
            return false;
        }
        if (mark < nextEvent) {
            dropped.add(new long[] {mark, nextEvent});
        }
        rows.removeIf(r -> r.eventIndex() >= mark);
        bytes = rows.stream().mapToLong(RowChanges::bytes).sum();
        removeAfter(name, false);
        return true;
    }

    /** RELEASE SAVEPOINT: the savepoint and those set after it are gone. */
    void release(String name) {
        removeAfter(name, true);
    }

    private void removeAfter(String name, boolean inclusive) {
        boolean found = false;
        for (Iterator<Map.Entry<String, Long>> it = savepoints.entrySet().iterator(); it.hasNext(); ) {
            boolean isIt = it.next().getKey().equals(name);
            if (found || (isIt && inclusive)) {
                it.remove();
            }
            found |= isIt;
        }
    }

    /** @return true when this event made the held rows outgrow the bound */
    boolean add(RowChanges changes) {
        if (outgrown) {
            return false;
        }
        rows.add(changes);
        bytes += changes.bytes();
        if (bytes > maxBytes) {
            outgrown = true;
            rows.clear();
            return true;
        }
        return false;
    }

    boolean outgrown() {
        return outgrown;
    }

    List<RowChanges> rows() {
        return rows;
    }

    /**
     * The row events a rereading of the transaction must not deliver: those rolled back, and those
     * delivered before holding began.
     */
    List<long[]> dropped() {
        if (heldFrom == 0) {
            return dropped;
        }
        List<long[]> all = new ArrayList<>(dropped);
        all.add(new long[] {0, heldFrom});
        return all;
    }

    static boolean isDropped(List<long[]> dropped, long event) {
        for (long[] range : dropped) {
            if (event >= range[0] && event < range[1]) {
                return true;
            }
        }
        return false;
    }
}
