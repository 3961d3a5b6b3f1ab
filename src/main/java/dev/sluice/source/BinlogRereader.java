package dev.sluice.source;

import com.github.shyiko.mysql.binlog.event.Event;
import dev.sluice.config.Settings.MysqlSettings;
import dev.sluice.source.binlog.BinlogInterpreter;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Reads a stretch of the binlog again on a connection of its own (no replica registration), for
 * the interpreter's XA commits and outgrown savepoint transactions. Events pass through a small
 * bounded queue, so a long stretch never sits in memory at once.
 */
final class BinlogRereader implements BinlogInterpreter.Rereader {

    private static final int QUEUE_EVENTS = 1_000;
    private static final long QUEUE_BYTES = 8L << 20;

    private final MysqlSettings mysql;
    private final ServerInfo server;
    private final SourcePool pool;

    BinlogRereader(MysqlSettings mysql, ServerInfo server, SourcePool pool) {
        this.mysql = mysql;
        this.server = server;
        this.pool = pool;
    }

    @Override
    public void read(String file, long start, Predicate<Event> visitor) throws InterruptedException {
        BoundedQueue<Event> queue = new BoundedQueue<>(QUEUE_EVENTS, QUEUE_BYTES);
        BinlogReader reader = BinlogReader.toEnd(mysql, server, file, start,
                event -> queue.put(event, event.getHeader().getHeaderLength() + event.getHeader().getDataLength()));
        reader.start();
        try {
            while (true) {
                Event event = queue.poll(200, TimeUnit.MILLISECONDS);
                if (event != null) {
                    if (!visitor.test(event)) {
                        return;
                    }
                } else if (!reader.isRunning() && queue.size() == 0) {
                    if (reader.failure() != null) {
                        if (reader.failure() instanceof RuntimeException e && e instanceof IllegalStateException) {
                            throw e;
                        }
                        throw new SourceUnavailableException("reading " + file + " from " + start + " again: "
                                + reader.failureMessage(), reader.failure());
                    }
                    return;
                }
            }
        } finally {
            queue.close();
            reader.stop();
        }
    }

    @Override
    public List<String> files() {
        try (Connection connection = pool.connection()) {
            return new ServerProbe(connection).binlogFiles();
        } catch (SQLException e) {
            throw new SourceUnavailableException("listing the binlog files of " + mysql.address() + ": "
                    + e.getMessage(), e);
        }
    }
}
