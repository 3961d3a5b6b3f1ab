package dev.sluice.source.binlog;

import java.util.List;

/**
 * An XA transaction prepared in the binlog and not yet committed or rolled back: where its events
 * are (a range of one binlog file, from its first event up to the end of its XA_PREPARE event),
 * and which of its row events were rolled back to a savepoint (index ranges, end exclusive). Its
 * rows are read again from there when XA COMMIT arrives; the list rides in every offset, so a
 * restart between PREPARE and COMMIT still finds them.
 */
public record PreparedXa(String xid, String file, long start, long end, List<long[]> dropped) {

    public PreparedXa {
        dropped = List.copyOf(dropped);
    }
}
