package dev.sluice.pipeline;

import dev.sluice.event.ChangeEventWriter;
import dev.sluice.event.TransactionMetadata;
import dev.sluice.offset.SourceOffset;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Debezium's transaction metadata for the stream: a BEGIN record on the transaction topic before
 * a transaction's first published event, the counts each event's {@code transaction} block
 * carries, and an END record at the commit. Events a restart already delivered are counted
 * again, so orders and counts go on where they were and the BEGIN is not repeated.
 */
final class TransactionAnnouncer {

    private final TransactionMetadata transaction = new TransactionMetadata();
    private final String topic;
    private final Consumer<String> ensureTopic;
    private final ChangeEventWriter writer;
    private final RecordSender sender;
    private boolean topicReady;

    TransactionAnnouncer(String topic, Consumer<String> ensureTopic, ChangeEventWriter writer, RecordSender sender) {
        this.topic = topic;
        this.ensureTopic = ensureTopic;
        this.writer = writer;
        this.sender = sender;
    }

    /** A transaction begins: its id is the GTID, or {@code file=<file>,pos=<start>} without one. */
    void begin(String gtid, String file, long start, long startMillis) {
        transaction.start(gtid != null ? gtid : "file=" + file + ",pos=" + start, startMillis);
    }

    /**
     * The next published event, on table {@code db.table}: announces the transaction first if
     * nothing of it was, resuming before the event if that record is the last one delivered.
     *
     * @return the metadata whose block the event carries
     */
    TransactionMetadata event(String collection, Supplier<SourceOffset> beforeEvent, long commitMillis) {
        if (!transaction.announced()) {
            if (!topicReady) {
                ensureTopic.accept(topic);
                topicReady = true;
            }
            sender.send(topic, writer.transactionKey(transaction), writer.transactionValue(transaction, false,
                    transaction.startMillis()), beforeEvent.get(), commitMillis);
            transaction.announce();
        }
        transaction.next(collection);
        return transaction;
    }

    /** Events a restart already delivered (their BEGIN with them), counted again. */
    void delivered(String collection, int events) {
        for (int i = 0; i < events; i++) {
            transaction.next(collection);
            transaction.announce();
        }
    }

    /** The transaction committed: its END record, when it published anything. */
    void commit(SourceOffset after, long commitMillis) {
        if (transaction.announced()) {
            sender.send(topic, writer.transactionKey(transaction), writer.transactionValue(transaction, true,
                    commitMillis), after, commitMillis);
        }
    }
}
