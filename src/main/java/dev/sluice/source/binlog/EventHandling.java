package dev.sluice.source.binlog;

import com.github.shyiko.mysql.binlog.event.EventType;

/**
 * What Sluice does with each binlog event type the binlog client can deliver, MySQL's and
 * MariaDB's: decode it, ignore it on purpose (the reason is stated here), or stop the stream with
 * the type, the position and what to do. The switch has no default branch, so a type added to
 * the client's enum fails compilation here instead of falling into a silent default.
 */
public record EventHandling(Decision decision, String why) {

    public enum Decision {
        /** Read by the interpreter. */
        DECODED,
        /** Carries nothing a change stream needs; {@link #why()} says why. */
        IGNORED,
        /** Sluice cannot keep its promise past it; {@link #why()} says what to do. */
        FATAL
    }

    private static final String OBSOLETE = "is only written by MySQL servers older than 5.1, which Sluice does not read;"
            + " point Sluice at a MySQL 5.7+ or MariaDB 10.3+ source";
    private static final String STATEMENT_CONTEXT = "only sets context for the statement-format QUERY that follows,"
            + " and that statement is judged on its own";

    private static final java.util.Map<EventType, EventHandling> BY_TYPE = byType();

    /** The decision for a type (looked up, not rebuilt, for every event). */
    public static EventHandling of(EventType type) {
        return BY_TYPE.get(type);
    }

    private static java.util.Map<EventType, EventHandling> byType() {
        java.util.Map<EventType, EventHandling> all = new java.util.EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            all.put(type, decide(type));
        }
        return all;
    }

    private static EventHandling decide(EventType type) {
        return switch (type) {
            case UNKNOWN -> decoded("MariaDB's compressed events arrive as UNKNOWN; the raw type number says which,"
                    + " and any other number is fatal");
            case START_V3 -> fatal("a binlog in format version 1 or 3 " + OBSOLETE);
            case QUERY -> decoded("transaction control, XA, DDL and statement-format changes");
            case STOP -> ignored("marks a clean server shutdown at the end of a binlog file; the next file follows");
            case ROTATE -> decoded("the binlog file name for every position after it");
            case INTVAR -> ignored("AUTO_INCREMENT/LAST_INSERT_ID " + STATEMENT_CONTEXT);
            case LOAD, CREATE_FILE, EXEC_LOAD, DELETE_FILE, NEW_LOAD, PRE_GA_WRITE_ROWS, PRE_GA_UPDATE_ROWS,
                    PRE_GA_DELETE_ROWS -> fatal("this event " + OBSOLETE);
            case SLAVE -> ignored("never written to a binlog (reserved by MySQL)");
            case APPEND_BLOCK, BEGIN_LOAD_QUERY -> ignored("carries the file data of a LOAD DATA statement, which"
                    + " the EXECUTE_LOAD_QUERY event that follows is judged by");
            case EXECUTE_LOAD_QUERY -> decoded("a LOAD DATA statement in statement format");
            case RAND -> ignored("the RAND() seed " + STATEMENT_CONTEXT);
            case USER_VAR -> ignored("a user variable " + STATEMENT_CONTEXT);
            case FORMAT_DESCRIPTION -> decoded("the binlog format version and checksum of the file");
            case XID -> decoded("the commit of a transaction");
            case TABLE_MAP -> decoded("the table and column types of the row events that follow");
            case WRITE_ROWS, UPDATE_ROWS, DELETE_ROWS, EXT_WRITE_ROWS, EXT_UPDATE_ROWS, EXT_DELETE_ROWS ->
                    decoded("row changes");
            case PARTIAL_UPDATE_ROWS_EVENT -> decoded("row changes with partial JSON values, rebuilt into whole"
                    + " documents from the before image");
            case INCIDENT -> decoded("the server reports that events may be missing; always fatal, with its message");
            case HEARTBEAT, HEARTBEAT_V2 -> decoded("the server is alive and Sluice is at the end of its binlog");
            case IGNORABLE -> ignored("written with the 'ignorable' flag: replicas that do not know it may skip it"
                    + " by the protocol's own rule");
            case ROWS_QUERY, ANNOTATE_ROWS -> ignored("the original text of the statement whose row events follow"
                    + " (informational; the rows are the change)");
            case GTID, GTID_TAGGED, ANONYMOUS_GTID, MARIADB_GTID -> decoded("the start of a transaction");
            case PREVIOUS_GTIDS, MARIADB_GTID_LIST -> ignored("the GTID set at the start of a binlog file; Sluice"
                    + " keeps its own set from the transactions it reads");
            case TRANSACTION_CONTEXT -> ignored("group replication certification data, no row change");
            case VIEW_CHANGE -> ignored("a group replication membership change, no row change");
            case XA_PREPARE -> decoded("the end of an XA transaction's first phase, or its one-phase commit");
            case TRANSACTION_PAYLOAD -> decoded("a compressed transaction, decoded event by event");
            case BINLOG_CHECKPOINT -> ignored("MariaDB's crash-recovery bookkeeping, no row change");
        };
    }

    private static EventHandling decoded(String what) {
        return new EventHandling(Decision.DECODED, what);
    }

    private static EventHandling ignored(String why) {
        return new EventHandling(Decision.IGNORED, why);
    }

    private static EventHandling fatal(String fix) {
        return new EventHandling(Decision.FATAL, fix);
    }
}
