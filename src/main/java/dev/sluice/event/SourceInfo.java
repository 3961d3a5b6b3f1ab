package dev.sluice.event;

/**
 * The {@code source} block of the event being written. One instance is reused along the stream
 * and updated in place: per transaction (GTID, thread, commit time) and per row (position, row).
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

    public SourceInfo(String connector, String name) {
        this.connector = connector;
        this.name = name;
    }

    public void transaction(String gtid, long thread, long commitMicros) {
        this.gtid = gtid;
        this.thread = thread;
        this.commitMicros = commitMicros;
    }

    public void commitMicros(long commitMicros) {
        this.commitMicros = commitMicros;
    }

    public void thread(long thread) {
        this.thread = thread;
    }

    public void gtid(String gtid) {
        this.gtid = gtid;
    }

    public void event(String database, String table, long serverId, String file, long position) {
        this.database = database;
        this.table = table;
        this.serverId = serverId;
        this.file = file;
        this.position = position;
    }

    public void row(int row) {
        this.row = row;
    }

    public void snapshot(String snapshot) {
        this.snapshot = snapshot;
    }

    public String gtid() {
        return gtid;
    }
}
