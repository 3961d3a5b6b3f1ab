package dev.sluice.schema.types;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads one column of a snapshot row into the form the binlog decoder produces for it, so one
 * writer renders both. Temporal columns are read as text in a UTC session: no JVM or driver time
 * zone takes part.
 */
@FunctionalInterface
public interface SnapshotRead {
    Object read(ResultSet rs, int index) throws SQLException;
}
