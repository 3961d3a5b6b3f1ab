package dev.sluice.source;

import com.github.shyiko.mysql.binlog.event.Event;
import dev.sluice.config.Settings.MysqlSettings;
import dev.sluice.source.binlog.BinlogCursor;
import dev.sluice.source.binlog.BinlogInterpreter;
import dev.sluice.source.binlog.BinlogListener;
import dev.sluice.source.binlog.GtidTracker;
import dev.sluice.source.binlog.UnsupportedBinlogException;

import java.util.concurrent.TimeUnit;

/**
 * The binlog as Sluice's own events: a reader thread fills a queue bounded by events and bytes
 * (the back-pressure), and the caller's thread takes one event at a time and interprets it,
 * calling its listener. The binlog client's types stay inside.
 */
public final class BinlogStream {

    /** What {@link #next} found. */
    public enum Step {
        /** Nothing arrived within the wait. */
        IDLE,
        /** An event was interpreted. */
        EVENT,
        /** A server heartbeat: the server sends those only when Sluice has read all it has. */
        HEARTBEAT
    }

    private static final long SILENCE_LIMIT_MILLIS = 30_000;

    private final MysqlSettings mysql;
    private final BoundedQueue<Event> queue;
    private final BinlogReader reader;
    private final BinlogInterpreter interpreter;

    /**
     * @param pool connections for listing binlog files when a stretch must be read again
     * @param byGtids resume after the start's GTIDs rather than at its file and position
     */
    public BinlogStream(MysqlSettings mysql, ServerInfo server, SourcePool pool, BinlogInterpreter.Options options,
            BinlogInterpreter.Resume start, boolean byGtids, int queueMaxEvents, long queueMaxBytes) {
        this.mysql = mysql;
        this.queue = new BoundedQueue<>(queueMaxEvents, queueMaxBytes);
        this.interpreter = new BinlogInterpreter(options, new BinlogRereader(mysql, server, pool), start);
        this.reader = new BinlogReader(mysql, server, new BinlogPosition(start.file(), start.position(), start.gtids()),
                byGtids,
                event -> queue.put(event, event.getHeader().getHeaderLength() + event.getHeader().getDataLength()));
    }

    /**
     * Opens the connection.
     *
     * @throws SourceUnavailableException when the connection or the dump request fails
     */
    public void start() throws InterruptedException {
        reader.start();
    }

    /** Whether the binlog connection runs over TLS. */
    public boolean isEncrypted() {
        return reader.isEncrypted();
    }

    /**
     * Interprets the next event for the listener, waiting up to the timeout for one.
     *
     * @throws UnsupportedBinlogException for a binlog Sluice cannot turn into exact change events
     * @throws SourceUnavailableException when the connection ended or went silent
     */
    public Step next(long timeoutMillis, BinlogListener listener) throws InterruptedException {
        Event event = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (event == null) {
            checkReader();
            return Step.IDLE;
        }
        return interpreter.accept(event, listener) ? Step.HEARTBEAT : Step.EVENT;
    }

    private void checkReader() {
        Throwable failure = reader.failure();
        if (failure instanceof UnsupportedBinlogException unsupported) {
            throw new UnsupportedBinlogException(unsupported.getMessage() + " [binlog file " + cursor().file() + "]",
                    unsupported);
        }
        if (failure != null) {
            throw reader.failureException();
        }
        if (!reader.isRunning()) {
            throw new SourceUnavailableException("the binlog reader stopped");
        }
        long silence = System.currentTimeMillis() - reader.lastEventMillis();
        if (reader.lastEventMillis() > 0 && silence > SILENCE_LIMIT_MILLIS) {
            throw new SourceUnavailableException("no binlog event or heartbeat from " + mysql.address() + " for "
                    + silence / 1000 + "s; the connection is presumed dead");
        }
    }

    public BinlogCursor cursor() {
        return interpreter.cursor();
    }

    public GtidTracker gtids() {
        return interpreter.gtids();
    }

    public boolean isConnected() {
        return reader.isConnected();
    }

    public long lastEventMillis() {
        return reader.lastEventMillis();
    }

    public int queuedEvents() {
        return queue.size();
    }

    public long queuedBytes() {
        return queue.bytes();
    }

    /** Wakes a waiting {@link #next} and rejects further events; the reader stops in {@link #close}. */
    public void stop() {
        queue.close();
    }

    public void close() {
        queue.close();
        reader.stop();
    }
}
