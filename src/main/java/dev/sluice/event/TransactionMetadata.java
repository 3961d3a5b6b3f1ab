package dev.sluice.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The transaction being streamed, as Debezium's transaction metadata describes it: its id (the
 * GTID, or {@code file=<binlog file>,pos=<start>} without one), the events written so far in
 * total and per table ({@code db.table}), and whether its BEGIN record has been sent. Data events
 * carry the block {@code {id, total_order, data_collection_order}}; a transaction is announced
 * (BEGIN) before its first data event and closed (END, with the counts) at its commit, so
 * transactions without captured changes produce no records. Not thread-safe: one per stream.
 */
public final class TransactionMetadata {

    private String id;
    private long startMillis;
    private long total;
    private long collectionOrder;
    private boolean announced;
    private final Map<String, long[]> perCollection = new LinkedHashMap<>();

    /** A transaction begins; nothing is announced yet. */
    public void start(String id, long startMillis) {
        this.id = id;
        this.startMillis = startMillis;
        total = 0;
        collectionOrder = 0;
        announced = false;
        perCollection.clear();
    }

    /** The next data event of the transaction, on the table {@code db.table}: the block's orders move on. */
    public void next(String collection) {
        long[] count = perCollection.computeIfAbsent(collection, c -> new long[1]);
        count[0]++;
        total++;
        collectionOrder = count[0];
    }

    /** Whether the BEGIN record was sent (or, after a restart inside the transaction, delivered before). */
    public boolean announced() {
        return announced;
    }

    public void announce() {
        announced = true;
    }

    public String id() {
        return id;
    }

    public long startMillis() {
        return startMillis;
    }

    long totalOrder() {
        return total;
    }

    long collectionOrder() {
        return collectionOrder;
    }

    Map<String, long[]> perCollection() {
        return perCollection;
    }
}
