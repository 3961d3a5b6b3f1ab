package dev.sluice.source.binlog;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.TransactionPayloadEventData;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A compressed transaction (MySQL's binlog_transaction_compression), kept compressed until it is
 * read: its events are decompressed and decoded one at a time, so a transaction of a million rows
 * never sits decoded in memory (and the reader's queue, which counts event bytes, sees what the
 * event really holds). It extends the library's type only because the library's deserializer casts
 * to it; {@link #getUncompressedEvents()} is empty, and the events are read with {@link #events()}.
 */
public final class CompressedTransaction extends TransactionPayloadEventData {

    private static final int ZSTD = 0;

    private final int compressionType;
    private final byte[] payload;
    private final List<Event> decoded;

    CompressedTransaction(int compressionType, byte[] payload) {
        this.compressionType = compressionType;
        this.payload = payload;
        this.decoded = null;
    }

    private CompressedTransaction(List<Event> decoded) {
        this.compressionType = -1;
        this.payload = null;
        this.decoded = List.copyOf(decoded);
    }

    /**
     * Empty: the library reads the inner TABLE_MAPs from here for its own row decoders, which
     * Sluice does not use (the payload's events are decoded by a deserializer of their own).
     */
    @Override
    public java.util.ArrayList<Event> getUncompressedEvents() {
        return new java.util.ArrayList<>();
    }

    /** A transaction whose events are already decoded, as unit tests build them. */
    static CompressedTransaction ofEvents(List<Event> events) {
        return new CompressedTransaction(events);
    }

    /**
     * The events in order; close the result to free the decompressor when not read to the end.
     *
     * @throws UnsupportedBinlogException while iterating, when the payload cannot be decoded
     */
    Events events() {
        return decoded != null ? new Events(decoded.iterator()) : new Events(open());
    }

    private Iterator<Event> open() {
        InputStream raw = new java.io.ByteArrayInputStream(payload);
        InputStream stream;
        try {
            stream = compressionType == ZSTD ? new ZstdInputStreamNoFinalizer(raw) : raw;
        } catch (IOException e) {
            throw failure(e);
        }
        return new Decoding(stream);
    }

    private static UnsupportedBinlogException failure(IOException e) {
        return new UnsupportedBinlogException("a compressed transaction cannot be decoded: " + e.getMessage(), e);
    }

    /** The events of one transaction, read on demand. */
    static final class Events implements Iterable<Event>, AutoCloseable {
        private final Iterator<Event> events;

        private Events(Iterator<Event> events) {
            this.events = events;
        }

        @Override
        public Iterator<Event> iterator() {
            return events;
        }

        @Override
        public void close() {
            if (events instanceof Decoding decoding) {
                decoding.close();
            }
        }
    }

    /** Decodes the next event only when asked, with a deserializer of its own (the payload has its TABLE_MAPs). */
    private static final class Decoding implements Iterator<Event> {
        private final InputStream stream;
        private final ByteArrayInputStream input;
        private final BinlogDeserializer deserializer = new BinlogDeserializer();
        private Event next;
        private boolean ended;

        Decoding(InputStream stream) {
            this.stream = stream;
            this.input = new ByteArrayInputStream(stream);
        }

        @Override
        public boolean hasNext() {
            if (next == null && !ended) {
                try {
                    next = deserializer.nextEvent(input);
                } catch (IOException e) {
                    close();
                    throw failure(e);
                }
                if (next == null) {
                    close();
                }
            }
            return next != null;
        }

        @Override
        public Event next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Event event = next;
            next = null;
            return event;
        }

        void close() {
            ended = true;
            try {
                stream.close();
            } catch (IOException e) {
                // nothing is left to read from it
            }
        }
    }
}
