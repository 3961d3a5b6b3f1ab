package dev.sluice.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Records as Debezium's {@code ExtractNewRecordState} transformation leaves them: the row's new
 * state instead of the change envelope, deletes handled as {@link DeleteHandling} says, and
 * envelope fields added to the row under a {@code __} prefix ({@code add.fields}).
 *
 * @param addedFields the fields added after the row's columns, in order
 */
public record FlatRows(DeleteHandling deletes, List<AddedField> addedFields) {

    /** Debezium's {@code delete.tombstone.handling.mode}. */
    public enum DeleteHandling {
        /** The delete becomes a record without a value (Debezium's default); the Kafka tombstone is dropped. */
        TOMBSTONE,
        /** Deletes and their tombstones are dropped. */
        DROP,
        /** The row before the delete, with {@code __deleted} true; tombstones dropped. */
        REWRITE,
        /** As rewrite, and the tombstone kept. */
        REWRITE_WITH_TOMBSTONE,
        /** The delete becomes the Kafka tombstone itself. */
        DELETE_TO_TOMBSTONE;

        public boolean rewrites() {
            return this == REWRITE || this == REWRITE_WITH_TOMBSTONE;
        }
    }

    /**
     * One added field: where it comes from and its name in the row.
     *
     * @param block {@code source}, {@code transaction}, or null for the envelope's own field
     */
    public record AddedField(String block, String field, String name) {
    }

    private static final Set<String> ENVELOPE = Set.of("op", "ts_ms", "ts_us", "ts_ns");
    private static final Set<String> TRANSACTION = Set.of("id", "total_order", "data_collection_order");
    private static final Set<String> SOURCE = Set.of("version", "connector", "name", "ts_ms", "snapshot", "db",
            "sequence", "ts_us", "ts_ns", "table", "server_id", "gtid", "file", "pos", "row", "thread", "query");

    /**
     * Debezium's {@code add.fields}: comma-separated {@code op}, {@code table},
     * {@code source.ts_ms}, {@code transaction.id}... each optionally renamed with
     * {@code :name}; a bare name is the envelope's field, else the transaction's or the source's.
     *
     * @throws IllegalArgumentException naming a field the envelope does not have
     */
    public static List<AddedField> addedFields(String list) {
        List<AddedField> fields = new ArrayList<>();
        for (String raw : list.split(",")) {
            String item = raw.trim();
            if (item.isEmpty()) {
                continue;
            }
            String[] renamed = item.split(":", -1);
            String[] path = renamed[0].split("\\.", -1);
            String field = path[path.length - 1];
            String block = path.length == 2 ? path[0] : ENVELOPE.contains(field) ? null
                    : TRANSACTION.contains(field) ? "transaction" : "source";
            boolean known = path.length <= 2 && renamed.length <= 2
                    && (block == null ? ENVELOPE.contains(field) : block.equals("transaction")
                            ? TRANSACTION.contains(field) : block.equals("source") && SOURCE.contains(field));
            if (!known) {
                throw new IllegalArgumentException("'" + item + "' is not a field of the change event; expected op,"
                        + " ts_ms, a source field (table, db, ts_ms, gtid, file, pos...) or a transaction field"
                        + " (id, total_order, data_collection_order), each optionally as block.field and :renamed");
            }
            String name = "__" + (renamed.length == 2 ? renamed[1] : path.length == 2 ? path[0] + "_" + field : field);
            fields.add(new AddedField(block, field, name));
        }
        return fields;
    }

    /** @throws IllegalArgumentException listing the modes */
    public static DeleteHandling deleteHandling(String value) {
        String wanted = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (DeleteHandling mode : DeleteHandling.values()) {
            if (mode.name().equals(wanted)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("expected tombstone, drop, rewrite, rewrite-with-tombstone or"
                + " delete-to-tombstone, got '" + value + "'");
    }
}
