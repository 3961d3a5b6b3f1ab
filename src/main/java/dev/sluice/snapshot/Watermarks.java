package dev.sluice.snapshot;

import java.sql.SQLException;

/**
 * The low and high watermarks around a chunk read (DBLog): marks in the binlog that tell the
 * stream which of its changes happened while the chunk was read.
 */
public interface Watermarks {

    /** Marks the window's start; returns the mark (a GTID set in read-only mode, else null). */
    String open(String chunkId) throws SQLException;

    /** Marks the window's end; returns the mark (a GTID set in read-only mode, else null). */
    String close(String chunkId) throws SQLException;

    /** Whether the marks are rows in the signal table (read-write), else GTID sets (read-only). */
    boolean writesSignalRows();
}
