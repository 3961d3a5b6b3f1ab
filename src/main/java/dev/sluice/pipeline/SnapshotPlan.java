package dev.sluice.pipeline;

import dev.sluice.offset.SourceOffset;
import dev.sluice.schema.TableId;
import dev.sluice.snapshot.ConsistentSnapshot;

import java.util.List;

/**
 * An initial snapshot to run before streaming: which tables, from which already-open
 * transaction (null: open one when it runs), and where streaming continues afterwards.
 *
 * @param done tables an interrupted run already delivered
 * @param streamFrom the position streaming starts from once the snapshot is complete
 * @param stopAfter true for {@code initial_only}: stop once the snapshot is delivered
 * @param resumeAt the table an interrupted run was reading and the last key it delivered (null: none)
 */
record SnapshotPlan(List<TableId> tables, List<String> done, ConsistentSnapshot opened, SourceOffset streamFrom,
        boolean stopAfter, SourceOffset.SnapshotAt resumeAt) {

    SnapshotPlan(List<TableId> tables, List<String> done, ConsistentSnapshot opened, SourceOffset streamFrom,
            boolean stopAfter) {
        this(tables, done, opened, streamFrom, stopAfter, null);
    }

    /** Where to continue reading this table: after the last key delivered, or null for its start. */
    List<Object> resumeAfter(TableId table) {
        return resumeAt != null && resumeAt.table().equals(table.toString()) ? resumeAt.after() : null;
    }

    List<TableId> remaining() {
        return tables.stream().filter(id -> !done.contains(id.toString())).toList();
    }
}
