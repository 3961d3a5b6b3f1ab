package dev.sluice.source.binlog;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.XAPrepareEventData;

import dev.sluice.source.SourceUnavailableException;

import java.util.List;

/**
 * Finds where an XA transaction was prepared when its XA COMMIT arrives without Sluice having seen
 * the prepare (it came before Sluice's first start position): reads the binlog from its oldest file
 * up to the commit and keeps the last transaction prepared under that id, with the row events it
 * rolled back to savepoints.
 */
final class PreparedXaSearch {

    private final BinlogInterpreter.Rereader rereader;
    private final StatementText text;

    PreparedXaSearch(BinlogInterpreter.Rereader rereader, StatementText text) {
        this.rereader = rereader;
        this.text = text;
    }

    /**
     * @return the prepared transaction, or null when no file holds it
     * @throws SourceUnavailableException when the connection ended before the search reached the commit
     */
    PreparedXa find(String xid, String commitFile, long commitPosition) throws InterruptedException {
        List<String> files = rereader.files();
        if (files.isEmpty()) {
            return null;
        }
        Scan scan = new Scan(xid, commitFile, commitPosition);
        rereader.read(files.get(0), 4, scan::visit);
        if (!scan.reachedCommit) {
            throw new SourceUnavailableException("the connection searching the binlog for the XA PREPARE of " + xid
                    + " ended before it reached the commit at " + commitFile + ":" + commitPosition);
        }
        return scan.found;
    }

    private final class Scan {
        private final String xid;
        private final String commitFile;
        private final long commitPosition;
        private String file = "";
        private long start;
        private long rowEvents;
        private HeldRows savepoints;
        private PreparedXa found;
        private boolean reachedCommit;

        Scan(String xid, String commitFile, long commitPosition) {
            this.xid = xid;
            this.commitFile = commitFile;
            this.commitPosition = commitPosition;
        }

        boolean visit(Event event) {
            EventHeaderV4 header = (EventHeaderV4) event.getHeader();
            Object data = BinlogInterpreter.unwrap(event.getData());
            if (data instanceof RotateEventData rotate) {
                file = rotate.getBinlogFilename();
                return true;
            }
            if (file.equals(commitFile) && header.getPosition() >= commitPosition) {
                reachedCommit = true;
                return false;
            }
            EventType type = header.getEventType();
            if (type == EventType.GTID || type == EventType.GTID_TAGGED || type == EventType.ANONYMOUS_GTID
                    || type == EventType.MARIADB_GTID) {
                start = header.getPosition();
                rowEvents = 0;
                savepoints = new HeldRows(true, 0, 0);
            } else if (RowChanges.isRows(data)) {
                rowEvents++;
            } else if (data instanceof QueryText query && savepoints != null) {
                StatementText.Command command = StatementText.command(text.decode(query, () -> file + ":"
                        + header.getPosition()));
                if (command.kind() == StatementText.Kind.SAVEPOINT) {
                    savepoints.savepoint(command.argument(), rowEvents);
                } else if (command.kind() == StatementText.Kind.ROLLBACK_TO_SAVEPOINT) {
                    savepoints.rollbackTo(command.argument(), rowEvents);
                }
            } else if (data instanceof XAPrepareEventData prepare && savepoints != null
                    && xid.equals(XaId.ofPrepare(prepare.getFormatID(), prepare.getGtridLength(), prepare.getData()))) {
                found = new PreparedXa(xid, file, start, header.getNextPosition(), savepoints.dropped());
            }
            return true;
        }
    }
}
