package dev.sluice.event;

import java.util.Objects;

/**
 * The {@code source} block of the event being written. One instance is reused along the stream
 * and updated in place: per transaction (GTID, thread, commit time) and per row (position, row).
 * Every change but the time, position and row counts as a new revision, so the writer can keep
 * the rest of the block as bytes.
 */
public final class SourceInfo {

    public static final String VERSION = "0.1.0";

    final String connector;
    final String name;
    long commitMicros;
    String snapshot = "false";
    String database;
    String table;
    long serverId;
    String gtid;
    String file;
    long position;
    int row;
    long thread = -1;
    long revision;

    public SourceInfo(String connector, String name) {
        this.connector = connector;
        this.name = name;
    }

    public void transaction(String gtid, long thread, long commitMicros) {
        if (!Objects.equals(gtid, this.gtid) || thread != this.thread) {
            revision++;
            this.gtid = gtid;
            this.thread = thread;
        }
        this.commitMicros = commitMicros;
    }

    public void commitMicros(long commitMicros) {
        this.commitMicros = commitMicros;
    }

    public void thread(long thread) {
        if (thread != this.thread) {
            revision++;
            this.thread = thread;
        }
    }

    public void gtid(String gtid) {
        if (!Objects.equals(gtid, this.gtid)) {
            revision++;
            this.gtid = gtid;
        }
    }

    public void event(String database, String table, long serverId, String file, long position) {
        if (!Objects.equals(database, this.database) || !Objects.equals(table, this.table) || serverId != this.serverId
                || !Objects.equals(file, this.file)) {
            revision++;
            this.database = database;
            this.table = table;
            this.serverId = serverId;
            this.file = file;
        }
        this.position = position;
    }

    public void row(int row) {
        this.row = row;
    }

    public void snapshot(String snapshot) {
        if (!snapshot.equals(this.snapshot)) {
            revision++;
            this.snapshot = snapshot;
        }
    }

    public String gtid() {
        return gtid;
    }

    /** One field of the block as its JSON value would be: a String, a Long, an Integer or null. */
    Object field(String field) {
        return switch (field) {
            case "version" -> VERSION;
            case "connector" -> connector;
            case "name" -> name;
            case "ts_ms" -> commitMicros / 1000;
            case "snapshot" -> snapshot.equals("false") ? null : snapshot; // what Debezium's struct holds while streaming
            case "db" -> database;
            case "ts_us" -> commitMicros;
            case "ts_ns" -> commitMicros * 1000;
            case "table" -> table;
            case "server_id" -> serverId;
            case "gtid" -> gtid;
            case "file" -> file;
            case "pos" -> position;
            case "row" -> row;
            case "thread" -> thread >= 0 ? thread : null;
            default -> null; // sequence, query
        };
    }
}
