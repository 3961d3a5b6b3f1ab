package dev.sluice.source;

/**
 * A place in the binlog to start reading: a file and byte position, and, where the server has
 * GTIDs, the set of transactions already read (authoritative when present on MySQL).
 */
public record BinlogPosition(String file, long position, String gtids) {

    public BinlogPosition {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("a binlog position needs a file name");
        }
        gtids = gtids == null || gtids.isBlank() ? null : gtids;
    }

    @Override
    public String toString() {
        return file + ":" + position + (gtids == null ? "" : " (GTIDs " + gtids + ")");
    }
}
