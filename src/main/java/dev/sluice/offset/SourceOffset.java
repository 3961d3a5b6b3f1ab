package dev.sluice.offset;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.source.BinlogPosition;
import dev.sluice.source.binlog.PreparedXa;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where to resume: restart reading at {@code file}/{@code pos} (a transaction's first event) or
 * after the GTID set {@code gtids}, then skip {@code event} row events of that transaction and
 * {@code row} rows of the next one. While an initial snapshot runs, {@code snapshotDone} lists
 * the tables it has completely delivered (null when no snapshot is in progress); the position
 * is then the snapshot's. {@code incremental} is the state of a running incremental snapshot
 * (JSON, null when none). {@code xaPrepared} lists the XA transactions prepared before the position
 * and not yet committed or rolled back, whose rows are read again when they commit.
 * {@code sourceServer} names the server whose binlog {@code file} and {@code pos} belong to
 * ({@link dev.sluice.source.ServerInfo#identity()}; null in offsets of earlier versions): on another
 * server only the GTID set means anything. Stored as JSON in the offsets topic, as Debezium does.
 */
public record SourceOffset(String file, long pos, String gtids, long event, long row, long serverId, long tsSec,
        List<String> snapshotDone, String incremental, List<PreparedXa> xaPrepared, SnapshotAt snapshotAt,
        String sourceServer) {

    /** Inside a snapshot: the table being read in key order and the last key delivered. */
    public record SnapshotAt(String table, List<Object> after) {
    }

    public SourceOffset {
        snapshotDone = snapshotDone == null ? null : List.copyOf(snapshotDone);
        xaPrepared = xaPrepared == null ? List.of() : List.copyOf(xaPrepared);
    }

    public SourceOffset(String file, long pos, String gtids, long event, long row, long serverId, long tsSec) {
        this(file, pos, gtids, event, row, serverId, tsSec, null, null, null, null, null);
    }

    public SourceOffset(String file, long pos, String gtids, long event, long row, long serverId, long tsSec,
            List<String> snapshotDone) {
        this(file, pos, gtids, event, row, serverId, tsSec, snapshotDone, null, null, null, null);
    }

    public boolean isSnapshotInProgress() {
        return snapshotDone != null;
    }

    /** The same position with the snapshot's progress: the tables done, none in progress. */
    public SourceOffset withSnapshotDone(List<String> done) {
        return new SourceOffset(file, pos, gtids, event, row, serverId, tsSec, done, incremental, xaPrepared, null,
                sourceServer);
    }

    /** The same position with a table of the snapshot delivered up to this key. */
    public SourceOffset withSnapshotAt(SnapshotAt at) {
        return new SourceOffset(file, pos, gtids, event, row, serverId, tsSec, snapshotDone, incremental, xaPrepared,
                at, sourceServer);
    }

    /** The same position after another GTID set (a resume that counts some GTID sources as read). */
    public SourceOffset withGtids(String set) {
        return new SourceOffset(file, pos, set, event, row, serverId, tsSec, snapshotDone, incremental, xaPrepared,
                snapshotAt, sourceServer);
    }

    /** The same position with this incremental snapshot state (null: none running). */
    public SourceOffset withIncremental(String state) {
        return new SourceOffset(file, pos, gtids, event, row, serverId, tsSec, snapshotDone, state, xaPrepared,
                snapshotAt, sourceServer);
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The layout of the stored JSON; a later layout that this version cannot read raises it. */
    static final int FORMAT = 1;
    /** One member of a GTID set: MySQL's uuid[:tag]:ranges, or MariaDB's domain-server-sequence. */
    private static final String GTID_MEMBER = "([0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}"
            + "(:([A-Za-z_][A-Za-z0-9_]{0,31}|\\d+(-\\d+)?))*|\\d+-\\d+-\\d+)";
    private static final java.util.regex.Pattern GTID = java.util.regex.Pattern.compile(GTID_MEMBER);

    /** Member by member: one pattern over a set of thousands would recurse too deep. */
    private static boolean isGtidSet(String text) {
        if (text.isBlank()) {
            return true;
        }
        for (String member : text.split(",", -1)) {
            if (!GTID.matcher(member.strip()).matches()) {
                return false;
            }
        }
        return true;
    }

    public BinlogPosition position() {
        return new BinlogPosition(file, pos, gtids);
    }

    public boolean isTransactionBoundary() {
        return event == 0 && row == 0;
    }

    public byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("file", file);
            json.writeNumberField("pos", pos);
            json.writeStringField("gtids", gtids);
            json.writeNumberField("event", event);
            json.writeNumberField("row", row);
            json.writeNumberField("server_id", serverId);
            if (sourceServer != null) {
                json.writeStringField("source_server", sourceServer);
            }
            json.writeNumberField("ts_sec", tsSec);
            json.writeNumberField("format", FORMAT);
            if (snapshotDone != null) {
                json.writeBooleanField("snapshot", true);
                json.writeArrayFieldStart("snapshot_done");
                for (String table : snapshotDone) {
                    json.writeString(table);
                }
                json.writeEndArray();
                if (snapshotAt != null) {
                    json.writeStringField("snapshot_table", snapshotAt.table());
                    json.writeFieldName("snapshot_after");
                    json.writeTree(StoredKey.toJson(snapshotAt.after()));
                }
            }
            if (incremental != null) {
                json.writeStringField("incremental_snapshot", incremental);
            }
            if (!xaPrepared.isEmpty()) {
                writePrepared(json);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void writePrepared(JsonGenerator json) throws IOException {
        json.writeArrayFieldStart("xa_prepared");
        for (PreparedXa xa : xaPrepared) {
            json.writeStartObject();
            json.writeStringField("xid", xa.xid());
            json.writeStringField("file", xa.file());
            json.writeNumberField("start", xa.start());
            json.writeNumberField("end", xa.end());
            if (!xa.dropped().isEmpty()) {
                json.writeArrayFieldStart("dropped");
                for (long[] range : xa.dropped()) {
                    json.writeArray(range, 0, 2);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static List<PreparedXa> readPrepared(JsonNode list) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("'xa_prepared' is not a list");
        }
        List<PreparedXa> prepared = new ArrayList<>();
        for (JsonNode xa : list) {
            if (!xa.path("xid").isTextual() || !xa.path("file").isTextual() || !xa.path("start").canConvertToLong()
                    || !xa.path("end").canConvertToLong()) {
                throw new IllegalArgumentException("an 'xa_prepared' entry needs 'xid', 'file', 'start' and 'end'");
            }
            List<long[]> dropped = new ArrayList<>();
            for (JsonNode range : xa.path("dropped")) {
                dropped.add(new long[] {range.path(0).asLong(), range.path(1).asLong()});
            }
            prepared.add(new PreparedXa(xa.get("xid").asText(), xa.get("file").asText(), xa.get("start").asLong(),
                    xa.get("end").asLong(), dropped));
        }
        return prepared;
    }

    /**
     * @throws IllegalArgumentException naming what is wrong with the stored value
     */
    public static SourceOffset fromJson(byte[] json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // the original message leaves out the location, which would add a second line
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode file = node.get("file");
        JsonNode pos = node.get("pos");
        if (file == null || !file.isTextual() || file.asText().isBlank() || pos == null || !pos.canConvertToLong()) {
            throw new IllegalArgumentException("needs a text 'file' and a numeric 'pos'");
        }
        if (node.path("format").asInt(FORMAT) > FORMAT) {
            throw new IllegalArgumentException("written by a newer Sluice (offset format " + node.get("format")
                    + ", this version reads " + FORMAT + "); run that version or newer");
        }
        if (pos.asLong() < 4) {
            throw new IllegalArgumentException("'pos' " + pos.asLong() + " is before the first event of a binlog file"
                    + " (at least 4)");
        }
        if (node.path("event").asLong(0) < 0 || node.path("row").asLong(0) < 0) {
            throw new IllegalArgumentException("'event' and 'row' count events and rows to skip; they cannot be"
                    + " negative");
        }
        JsonNode gtids = node.get("gtids");
        if (gtids != null && !gtids.isNull() && !isGtidSet(gtids.asText())) {
            throw new IllegalArgumentException("'gtids' is not a GTID set (uuid:1-5,... or domain-server-sequence,...)");
        }
        List<String> done = null;
        SnapshotAt at = null;
        if (node.path("snapshot").asBoolean(false)) {
            done = new ArrayList<>();
            for (JsonNode table : node.path("snapshot_done")) {
                done.add(table.asText());
            }
            List<Object> after = StoredKey.fromJson(node.get("snapshot_after"));
            if (node.path("snapshot_table").isTextual() && after != null) {
                at = new SnapshotAt(node.get("snapshot_table").asText(), after);
            }
        }
        return new SourceOffset(file.asText(), pos.asLong(),
                gtids == null || gtids.isNull() ? null : gtids.asText(),
                node.path("event").asLong(0), node.path("row").asLong(0),
                node.path("server_id").asLong(0), node.path("ts_sec").asLong(0), done,
                node.hasNonNull("incremental_snapshot") ? node.get("incremental_snapshot").asText() : null,
                readPrepared(node.get("xa_prepared")), at,
                node.path("source_server").isTextual() ? node.get("source_server").asText() : null);
    }

    @Override
    public String toString() {
        return file + ":" + pos + (sourceServer == null ? "" : " of server " + sourceServer)
                + (gtids == null ? "" : " GTIDs " + gtids)
                + (isTransactionBoundary() ? "" : " (+" + event + " events, +" + row + " rows)")
                + (snapshotDone == null ? "" : " (snapshot in progress, " + snapshotDone.size() + " table(s) done"
                        + (snapshotAt == null ? "" : ", " + snapshotAt.table() + " read up to key " + snapshotAt.after())
                        + ")")
                + (incremental == null ? "" : " (incremental snapshot in progress)")
                + (xaPrepared.isEmpty() ? "" : " (" + xaPrepared.size() + " XA transaction(s) prepared)");
    }
}
