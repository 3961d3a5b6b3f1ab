package dev.sluice.schema;

import dev.sluice.source.ServerFlavor;
import dev.sluice.source.binlog.GtidTracker;

/**
 * Where a schema-history record belongs in the binlog: the first event of the DDL's transaction
 * (or, for a snapshot record, the position the definitions were read at), the GTID set before it,
 * and the server whose binlog that is ({@code sourceServer}: MySQL's server_uuid, or MariaDB's
 * server id; null in records of earlier versions).
 */
public record HistoryPosition(String file, long pos, String gtids, String sourceServer) {

    public HistoryPosition(String file, long pos, String gtids) {
        this(file, pos, gtids, null);
    }

    /**
     * Orders two positions. Binlog files of one server are numbered in order
     * ({@code mysql-bin.000042}); positions in different file series cannot be compared and
     * count as equal.
     */
    public static int compare(String fileA, long posA, String fileB, long posB) {
        int files = compareFiles(fileA, fileB);
        return files != 0 ? files : Long.compare(posA, posB);
    }

    /**
     * Whether this position lies before {@code other}. Positions on two different servers (after a
     * failover) are ordered by their GTID sets: the earlier set is contained in the later one.
     */
    public boolean isBefore(HistoryPosition other) {
        if (comparesByGtids(other)) {
            return GtidTracker.isContainedWithin(flavor(), gtids, other.gtids)
                    && !GtidTracker.isContainedWithin(flavor(), other.gtids, gtids);
        }
        return compare(file, pos, other.file, other.pos) < 0;
    }

    public boolean isAtOrBefore(HistoryPosition other) {
        if (comparesByGtids(other)) {
            return GtidTracker.isContainedWithin(flavor(), gtids, other.gtids);
        }
        return compare(file, pos, other.file, other.pos) <= 0;
    }

    public boolean isBefore(String file, long pos) {
        return compare(this.file, this.pos, file, pos) < 0;
    }

    public boolean isAtOrBefore(String file, long pos) {
        return compare(this.file, this.pos, file, pos) <= 0;
    }

    /** File and position mean something only on their own server; elsewhere only GTIDs do. */
    private boolean comparesByGtids(HistoryPosition other) {
        return sourceServer != null && other.sourceServer != null && !sourceServer.equalsIgnoreCase(other.sourceServer)
                && gtids != null && other.gtids != null && flavor() == other.flavor();
    }

    /** MariaDB servers are named by server id, MySQL servers by server_uuid. */
    private ServerFlavor flavor() {
        return sourceServer.startsWith("server_id=") ? ServerFlavor.MARIADB : ServerFlavor.MYSQL;
    }

    private static int compareFiles(String a, String b) {
        int dotA = a.lastIndexOf('.');
        int dotB = b.lastIndexOf('.');
        if (dotA < 0 || dotB < 0 || !a.substring(0, dotA).equals(b.substring(0, dotB))) {
            return 0;
        }
        try {
            return Long.compare(Long.parseLong(a.substring(dotA + 1)), Long.parseLong(b.substring(dotB + 1)));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    @Override
    public String toString() {
        return file + ":" + pos + (sourceServer == null ? "" : " of server " + sourceServer)
                + (gtids == null ? "" : " (GTIDs " + gtids + ")");
    }
}
