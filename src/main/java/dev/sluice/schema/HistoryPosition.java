package dev.sluice.schema;

/**
 * Where a schema-history record belongs in the binlog: the first event of the DDL's transaction
 * (or, for a snapshot record, the position the definitions were read at), and the GTID set
 * before it.
 */
public record HistoryPosition(String file, long pos, String gtids) {

    /**
     * Orders two positions. Binlog files of one server are numbered in order
     * ({@code mysql-bin.000042}); positions in different file series cannot be compared and
     * count as equal.
     */
    public static int compare(String fileA, long posA, String fileB, long posB) {
        int files = compareFiles(fileA, fileB);
        return files != 0 ? files : Long.compare(posA, posB);
    }

    public boolean isBefore(String file, long pos) {
        return compare(this.file, this.pos, file, pos) < 0;
    }

    public boolean isAtOrBefore(String file, long pos) {
        return compare(this.file, this.pos, file, pos) <= 0;
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
        return file + ":" + pos + (gtids == null ? "" : " (GTIDs " + gtids + ")");
    }
}
